'use strict';
/**
 * The smartSimpleApi credential: its test (run like n8n's CredentialsTester) against the sandbox,
 * the https rule (plain http only for loopback hosts, refused before any network call), and
 * authenticate() putting the four login fields into the form body of every call.
 * The sandbox call log holds the password: it is compared, never printed.
 */
const { runNode, testCredential, loadCredentialType } = require('../helpers/n8n');
const { startSandbox } = require('../sandbox');
const { useSandbox, maskedCalls } = require('../helpers/sandbox');

const ctx = useSandbox({ seed: 42, records: 'small' }, { resetHourly: true });
const calls = () => maskedCalls(ctx.sb);

/** Whether each login field of a call's form equals the credential's (booleans only). */
function loginFieldsMatch(call, credentials = ctx.sb.credentials) {
	return {
		username: call.form.username === credentials.username,
		password: call.form.password === '<the password>' || call.form.password === credentials.password,
		companyid: call.form.companyid === credentials.companyId,
		alias: call.form.alias === credentials.alias,
	};
}
const ALL_MATCH = { username: true, password: true, companyid: true, alias: true };

describe('credential test', () => {
	test("the sandbox's credentials: OK, with one call to the company endpoint", async () => {
		expect(await testCredential(ctx.sb.credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(calls()).toHaveLength(1);
		const [call] = calls();
		expect(call).toMatchObject({ method: 'POST', path: '/API/1/company/', endpoint: 'company', status: 200 });
		expect(call.url).toBe(`${ctx.sb.url}/API/1/company/`);
		expect(loginFieldsMatch(call)).toEqual(ALL_MATCH);
		// The login passed: the test token itself is (deliberately) unknown.
		expect(call.error).toBe('Invalid API Token');
	});

	test('a trailing slash on the instance URL does not double the slash', async () => {
		expect((await testCredential({ ...ctx.sb.credentials, instanceUrl: `${ctx.sb.url}/` })).status).toBe('OK');
		expect(calls()[0].path).toBe('/API/1/company/');
		expect(calls()[0].url).toBe(`${ctx.sb.url}/API/1/company/`);
	});

	test.each([
		['wrong password', { password: 'wrong-password' }],
		['wrong company ID', { companyId: '1' }],
		['a user who is not an API user', { username: 'staff.user@sandbox.example.org' }],
		['wrong alias', { alias: 'another' }],
	])('%s: Error (HTTP 401)', async (_label, change) => {
		const result = await testCredential({ ...ctx.sb.credentials, ...change });
		expect(result).toEqual({
			status: 'Error',
			message:
				"SmartSimple refused the login (HTTP 401). Check the credential: (1) the email and password are right; (2) the user's account type is API Access; (3) the Company ID is the root company of the instance.",
		});
		expect(calls().map((c) => c.status)).toEqual([401]);
		expect(JSON.stringify(result)).not.toContain(ctx.sb.credentials.password);
	});

	test('hourly limit reached: Error that says so (the login could not be checked)', async () => {
		ctx.sb.hourly.limit = 0;
		try {
			expect(await testCredential(ctx.sb.credentials)).toEqual({
				status: 'Error',
				message:
					'The login could not be checked: this instance has used its 1,000 API calls of the past hour. Try again later.',
			});
		} finally {
			ctx.sb.hourly.limit = 1000;
		}
	});

	// A host that answers 200 is not enough: only SmartConnect's own answer to a made-up token passes.
	test.each([
		[
			"a portal's HTML sign-in page",
			{ body: '<!DOCTYPE html><html><body><form>Sign in</form></body></html>' },
			"SmartSimple answered with a web page instead of data. Check the credential's Instance URL: it must be the instance's own address (e.g. https://example.smartsimple.com), not a login page, portal or proxy.",
		],
		[
			'a blank body',
			{ body: 'blank' },
			"The Instance URL answered with an empty response, where SmartConnect names the made-up API token invalid. Check the Instance URL is the SmartSimple instance's own address.",
		],
		[
			'JSON that is not a SmartConnect refusal',
			{ body: '{"status":"ok"}' },
			'The Instance URL answered with data, but not as SmartConnect does: a made-up API token must get "Invalid API Token" (HTTP 200). Check the Instance URL is the SmartSimple instance\'s own address.',
		],
		[
			'a server error',
			{ status: 500, body: 'html' },
			'SmartSimple had a server error (HTTP 500). The instance failed to answer this call. Try again in a few minutes; if it persists, check the instance is up and the request is not too large (lower the page size).',
		],
		[
			'HTTP 401 by fault',
			{ status: 401, body: 'html' },
			"SmartSimple refused the login (HTTP 401). Check the credential: (1) the email and password are right; (2) the user's account type is API Access; (3) the Company ID is the root company of the instance.",
		],
	])('%s: Error that names what came back, one call', async (_label, fault, message) => {
		ctx.sb.faults.add(fault);
		expect(await testCredential(ctx.sb.credentials)).toEqual({ status: 'Error', message });
		expect(calls()).toHaveLength(1);
	});

	test('nothing listening: Error that says the host cannot be reached', async () => {
		const closed = await startSandbox({ records: 'small' });
		const { port } = closed;
		await closed.close();
		const result = await testCredential({ ...ctx.sb.credentials, instanceUrl: `http://127.0.0.1:${port}` });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(new RegExp(`^Could not reach SmartSimple at 127\\.0\\.0\\.1:${port}\\. The connection failed \\(ECONNREFUSED\\)`));
	});

	test('http:// to a host that is not loopback is refused with a clear message, no call made', async () => {
		// 0.0.0.0 reaches this machine's sandbox if a request were sent: the empty call log proves none was.
		const result = await testCredential({ ...ctx.sb.credentials, instanceUrl: `http://0.0.0.0:${ctx.sb.port}` });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`The credential's Instance URL must start with https:// (got http://0.0.0.0:${ctx.sb.port}): over plain http the API password would cross the network unencrypted`,
		);
		expect(calls()).toHaveLength(0);
	});

	test('http:// refused for the node too, before any call', async () => {
		const { error } = await runNode({
			parameters: { resource: 'company', operation: 'get', apiToken: 'company-get', recordId: '1000001' },
			credentials: { ...ctx.sb.credentials, instanceUrl: `http://0.0.0.0:${ctx.sb.port}` },
		});
		expect(error.message).toBe(
			`The credential's Instance URL must start with https:// (got http://0.0.0.0:${ctx.sb.port}): over plain http the API password would cross the network unencrypted`,
		);
		expect(error.description).toBe("Fix the credential's Instance URL.");
		expect(calls()).toHaveLength(0);
	});

	test('not a URL at all', async () => {
		const result = await testCredential({ ...ctx.sb.credentials, instanceUrl: 'acme.smartsimple.com' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The credential's Instance URL "acme\.smartsimple\.com" is not a URL/);
	});

	test('http://localhost and http://127.0.0.1 are accepted', async () => {
		expect((await testCredential({ ...ctx.sb.credentials, instanceUrl: `http://localhost:${ctx.sb.port}` })).status).toBe(
			'OK',
		);
		expect((await testCredential({ ...ctx.sb.credentials, instanceUrl: `http://127.0.0.1:${ctx.sb.port}` })).status).toBe(
			'OK',
		);
		expect(calls()).toHaveLength(2);
	});
});

describe('authenticate()', () => {
	const { authenticate } = loadCredentialType('smartSimpleApi');
	const creds = {
		instanceUrl: 'https://acme.smartsimple.com',
		alias: 'acme',
		companyId: '12345',
		username: 'api@example.org',
		password: 'pw',
	};

	test('https:// (any host, custom domains too) is accepted and the four fields join the body', async () => {
		for (const instanceUrl of [
			'https://acme.smartsimple.com',
			'https://grants.example.gov/',
			'https://acme.smartsimple.ca:8443',
		]) {
			const options = await authenticate({ ...creds, instanceUrl }, { url: 'x', body: { apitoken: 't', url: 'u' } });
			expect(options).toEqual({
				url: 'x',
				body: { apitoken: 't', url: 'u', username: 'api@example.org', password: 'pw', companyid: '12345', alias: 'acme' },
			});
		}
	});

	test.each(['http://localhost', 'http://127.0.0.1:8787', 'http://[::1]:8787', 'HTTP://LOCALHOST'])(
		'%s accepted',
		async (instanceUrl) => {
			await expect(authenticate({ ...creds, instanceUrl }, { body: {} })).resolves.toMatchObject({
				body: { alias: 'acme' },
			});
		},
	);

	test.each(['http://acme.smartsimple.com', 'http://10.0.0.5', 'http://0.0.0.0', 'ftp://acme.smartsimple.com', ''])(
		'%j refused',
		async (instanceUrl) => {
			await expect(authenticate({ ...creds, instanceUrl }, { body: {} })).rejects.toThrow(
				/^The credential's Instance URL /,
			);
		},
	);

	test('the login fields override same-named fields of a request', async () => {
		const options = await authenticate(creds, { body: { username: 'someone-else', password: 'x' } });
		expect(options.body).toMatchObject({ username: 'api@example.org', password: 'pw' });
	});
});

describe('every call of the node carries the login in its form body', () => {
	test('get, getAll over several pages, report, several items', async () => {
		await runNode({
			parameters: { resource: 'user', operation: 'get', apiToken: 'user-get', recordId: '={{ $json.id }}' },
			credentials: ctx.sb.credentials,
			input: [{ json: { id: '2000001' } }, { json: { id: '2000002' } }],
		});
		await runNode({
			parameters: {
				resource: 'levelOne',
				operation: 'getAll',
				apiToken: 'levelone-list',
				returnAll: true,
				options: { pageSize: 25 },
			},
			credentials: ctx.sb.credentials,
		});
		await runNode({
			parameters: { resource: 'report', operation: 'getAll', apiToken: 'report-summary', returnAll: true },
			credentials: ctx.sb.credentials,
		});
		expect(calls()).toHaveLength(2 + Math.ceil(ctx.sb.store.count('levelone') / 25) + 1);
		for (const call of calls()) {
			expect(loginFieldsMatch(call)).toEqual(ALL_MATCH);
			expect(call.status).toBe(200);
		}
	});

	test('special characters in the password and alias survive form encoding', async () => {
		const other = await startSandbox({
			records: 'small',
			credentials: { password: 'p&ss=w%rd +"é€', alias: 'a b&c', companyId: '42', username: 'Api.User+1@example.org' },
		});
		try {
			const { error, items } = await runNode({
				parameters: { resource: 'systemVariable', operation: 'get', apiToken: 'sysvar-get', recordId: '101' },
				credentials: other.credentials,
			});
			expect(error).toBeUndefined();
			expect(items[0].json.recordid).toBe('101');
			expect(loginFieldsMatch(other.calls[0], other.credentials)).toEqual(ALL_MATCH);
		} finally {
			await other.close();
		}
	});
});
