'use strict';
/**
 * Secrets (docs/reliability.md, "Secrets"): the login (password, email, company ID, alias)
 * never appears, in any encoding, in anything n8n keeps of an execution: output items, errors
 * (message, description, cause, the node recorded with them), the rest of the run data, the
 * trigger's and the editor's errors, the credential test's message, or the log. The API token
 * appears only in the workflow's own node parameters (left out of the scan).
 *
 * The answers here echo the request back in every encoding (an error page that prints the form,
 * a Basic header, JSON), which is what a proxy or a debugging instance can do.
 */
const { createPoller, runLoadOptions, runNode, testCredential } = require('../helpers/n8n');
const { captureLogs, findSecrets, serialize, withoutWorkflowCopy } = require('../helpers/secrets');
const { useSandbox } = require('../helpers/sandbox');

const LOGIN = {
	username: 'secret.api-user@sandbox.example.org',
	password: 'P@ss w0rd&x=%41+"q"<tag>é',
	companyId: '7391827',
	alias: 'secretalias',
};
const TOKENS = {
	get: 'R2V0VG9rZW5Gb3JTZWNyZXRzVGVzdDEyMw~',
	list: 'TGlzdFRva2VuRm9yU2VjcmV0c1Rlc3Q0NTY~',
	update: 'VXBkYXRlVG9rZW5Gb3JTZWNyZXRzNzg5MA~',
	modified: 'UG9sbFRva2VuRm9yU2VjcmV0c1Rlc3QxMTE~',
	unknown: 'VW5rbm93blRva2VuRm9yU2VjcmV0czIyMg~',
};
const SECRETS = {
	...LOGIN,
	'basic auth': `${LOGIN.username}:${LOGIN.password}`,
	...Object.fromEntries(Object.entries(TOKENS).map(([name, token]) => [`API token (${name})`, token])),
};

/** An answer that prints the whole request back, in every encoding a server might use. */
const form = (token) =>
	new URLSearchParams({
		apitoken: token,
		username: LOGIN.username,
		password: LOGIN.password,
		companyid: LOGIN.companyId,
		alias: LOGIN.alias,
	}).toString();
const ECHO = (token) =>
	[
		`<html><body><pre>POST body: ${form(token)}`,
		`Authorization: Basic ${Buffer.from(SECRETS['basic auth']).toString('base64')}`,
		`JSON: ${JSON.stringify({ ...LOGIN, apitoken: token })}`,
		`decoded: ${LOGIN.password} ${token} ${encodeURIComponent(LOGIN.password)}</pre></body></html>`,
	].join('\n');

const logs = captureLogs();
const ctx = useSandbox({
	seed: 42,
	records: 'small',
	hourlyLimit: 1e9,
	credentials: LOGIN,
	functions: [
		{ token: TOKENS.get, endpoint: 'levelone', action: 'get', fieldList: 'sf_Name;;sf_Status' },
		{ token: TOKENS.list, endpoint: 'levelone', action: 'list', fieldList: 'sf_Name;;sf_Status;;sf_Modified Date' },
		{ token: TOKENS.update, endpoint: 'levelone', action: 'update', fieldList: 'sf_Name;;sf_Status' },
		{ token: TOKENS.modified, endpoint: 'levelone', action: 'list', fieldList: 'sf_Name;;sf_Modified Date' },
	],
});

/** Everything the tests produced, to be scanned at the end (and per test). */
const produced = [];
function keep(label, value) {
	const text = serialize(value);
	produced.push({ label, text });
	expect({ label, secrets: findSecrets(text, SECRETS) }).toEqual({ label, secrets: [] });
}

let recordId;
beforeAll(() => {
	recordId = String(ctx.sb.store.list('levelone')[0].recordid);
});

const get = () => ({ resource: 'levelOne', operation: 'get', apiToken: TOKENS.get, recordId });
const list = () => ({
	resource: 'levelOne',
	operation: 'getAll',
	apiToken: TOKENS.list,
	returnAll: true,
	options: { pageSize: 50, requestTimeout: 1 },
});
const create = () => ({
	resource: 'levelOne',
	operation: 'create',
	apiToken: TOKENS.update,
	fieldList: 'sf_Name;;sf_Status',
	columns: { mappingMode: 'defineBelow', value: { sf_Name: 'Secret test', sf_Status: '1' } },
	options: { requestTimeout: 1 },
});

test('the scan can fail: it finds every secret of the echo, in each encoding the echo uses', () => {
	expect(findSecrets(ECHO(TOKENS.get), SECRETS)).toEqual(
		expect.arrayContaining([
			'password (plain)',
			'password (form-encoded)',
			'password (URL-encoded)',
			'password (JSON-escaped)',
			'username (form-encoded)',
			'companyId (plain)',
			'alias (plain)',
			'basic auth (base64)',
			'API token (get) (plain)',
		]),
	);
});

const FAULTS = {
	'401 page echoing the request': (token) => ({ status: 401, body: ECHO(token) }),
	'500 page echoing the request': (token) => ({ status: 500, body: ECHO(token) }),
	'502 page echoing the request, every time': (token) => ({ status: 502, body: ECHO(token), retryAfter: 0 }),
	'200 web page echoing the request': (token) => ({ status: 200, body: ECHO(token) }),
	'documented message beside the echo': (token) => ({ body: `Invalid API Token ${ECHO(token)}` }),
	'500 after the server acted, echoing': (token) => ({ when: 'after', status: 500, body: ECHO(token) }),
	'connection dropped': () => ({ body: 'reset', times: 1 }),
	'blank body': () => ({ body: 'blank' }),
	'slow answer past the timeout': () => ({ delayMs: 1500, times: 1 }),
};
const OPERATIONS = { get, list, create };

describe.each(Object.keys(FAULTS))('%s', (fault) => {
	test.each(Object.keys(OPERATIONS))('%s: run data, error and error item hold no secret', async (name) => {
		const parameters = OPERATIONS[name]();
		for (const continueOnFail of [false, true]) {
			ctx.sb.faults.clear();
			ctx.sb.faults.add(FAULTS[fault](parameters.apiToken));
			const result = await runNode({ parameters, credentials: ctx.sb.credentials, continueOnFail });
			keep(`${fault} / ${name} / continueOnFail ${continueOnFail}`, {
				run: withoutWorkflowCopy(result.run),
				items: result.items,
				error: result.error,
			});
		}
	});
});

test('a token nobody knows, a wrong login, bad input: no secret', async () => {
	const unknown = await ctx.run({ ...get(), apiToken: TOKENS.unknown });
	keep('unknown token', withoutWorkflowCopy(unknown.run));
	const wrongLogin = await runNode({ parameters: get(), credentials: { ...ctx.sb.credentials, password: `${LOGIN.password}!` } });
	keep('wrong password', withoutWorkflowCopy(wrongLogin.run));
	const badInput = await ctx.run({ ...get(), recordId: 'abc' });
	keep('bad input', withoutWorkflowCopy(badInput.run));
	expect([unknown.error, wrongLogin.error, badInput.error].every(Boolean)).toBe(true);
});

test('successful runs: the output holds records, not secrets', async () => {
	for (const parameters of [get(), list(), create()]) {
		const result = await ctx.run(parameters);
		expect(result.error).toBeUndefined();
		keep(`success ${parameters.operation}`, withoutWorkflowCopy(result.run));
	}
});

test('the trigger, the editor and the credential test, against an echoing error page', async () => {
	const poller = createPoller({
		parameters: {
			resource: 'levelOne',
			apiToken: TOKENS.modified,
			event: 'modified',
			timestampField: 'sf_Modified Date',
			idField: 'recordid',
			filters: {},
		},
		credentials: ctx.sb.credentials,
	});
	await poller.poll();
	ctx.sb.faults.add({ status: 500, body: ECHO(TOKENS.modified) });
	const pollError = await poller.poll().catch((error) => error);
	expect(pollError).toBeInstanceOf(Error);
	keep('trigger poll', { error: pollError, staticData: poller.staticData });

	ctx.sb.faults.clear();
	ctx.sb.faults.add({ status: 500, body: ECHO(TOKENS.list) });
	const editorError = await runLoadOptions({
		parameters: { resource: 'levelOne', operation: 'getAll', apiToken: TOKENS.list },
		credentials: ctx.sb.credentials,
		kind: 'loadOptions',
		method: 'getFields',
	}).catch((error) => error);
	keep('field picker', editorError);

	// The credential test sends a made-up token of its own: the echo carries the login only.
	ctx.sb.faults.clear();
	ctx.sb.faults.add({ status: 500, body: ECHO('') });
	const tested = await testCredential(ctx.sb.credentials);
	keep('credential test', tested);
});

afterAll(() => {
	// The log of everything above: retries, warnings, errors.
	expect(findSecrets(logs.join('\n'), SECRETS)).toEqual([]);
	expect(produced.length).toBeGreaterThan(50);
});
