'use strict';
/**
 * Transport error mapping against the sandbox (fault injection and the sandbox's own refusals),
 * run through n8n's WorkflowExecute: the message says what to check; Continue On Fail gives an
 * error item; no secret (password, API token) appears anywhere in what n8n records.
 */
const http = require('http');
const util = require('util');
const { runNode } = require('../helpers/n8n');
const { useSandbox, maskedCalls } = require('../helpers/sandbox');

/** Secrets that look like secrets, with characters that form encoding changes. */
const PASSWORD = 'Pa55!&secret=x %41+y';
const GET_TOKEN = 'QlwYYlJERHVASmlfXWtTWklbXEt9UHpmDw4~';
const LIST_TOKEN = 'XkVbRlhNQ1lHWkJbXV5RW0tCQ1xdW0NfXw4~';
const UNKNOWN_TOKEN = 'UnknownTokenZZZ9YYlJERHVASmlfXWtTWkl~';
const SECRETS = [PASSWORD, encodeURIComponent(PASSWORD), GET_TOKEN, LIST_TOKEN, UNKNOWN_TOKEN];

const DOCUMENTED = [
	['Invalid API Token', 'SmartSimple did not recognise the API token'],
	[
		'Number of API Calls within the hour have reached the maximum limit, please try again later',
		"SmartSimple's hourly API call limit is reached",
	],
	['Invalid URL: URL should start with https://.', 'SmartSimple requires https'],
	['Invalid API Request, request is empty or null', 'SmartSimple received an empty request'],
	['Encountered error while processing other setting parameters', 'SmartSimple could not read the list options'],
	['Encountered error while processing record', 'SmartSimple could not save the record'],
	['Encountered error while processing list', 'SmartSimple could not run the list query'],
	['Recordset does not exist', 'SmartSimple found no such record'],
];

const ctx = useSandbox(
	{
		seed: 42,
		records: 'small',
		credentials: { password: PASSWORD },
		functions: [
			{ token: GET_TOKEN, endpoint: 'levelone', action: 'get', fieldList: 'sf_Name;;sf_Status' },
			{ token: LIST_TOKEN, endpoint: 'levelone', action: 'list', fieldList: 'sf_Name;;sf_Status' },
		],
	},
	{ resetHourly: true },
);
const calls = () => maskedCalls(ctx.sb);
let recordIds;
beforeAll(() => {
	recordIds = ctx.sb.store.list('levelone').map((r) => r.recordid);
});

const getParams = (recordId = recordIds[0]) => ({
	resource: 'levelOne',
	operation: 'get',
	apiToken: GET_TOKEN,
	recordId,
});
const listParams = (extra = {}) => ({
	resource: 'levelOne',
	operation: 'getAll',
	apiToken: LIST_TOKEN,
	limit: 5,
	...extra,
});

/** Asserts that no secret is anywhere in what runNode gives back about the error. */
function expectNoSecrets(result) {
	const texts = {
		'JSON.stringify(error)': JSON.stringify(result.error ?? null),
		'error.description': String(result.error?.description ?? ''),
		'error.message': String(result.error?.message ?? ''),
		'util.inspect(error)': util.inspect(result.error, { depth: 10 }),
		'JSON.stringify(items)': JSON.stringify(result.items ?? null),
		'util.inspect(items)': util.inspect(result.items, { depth: 10 }),
	};
	const leaks = [];
	for (const [where, text] of Object.entries(texts)) {
		SECRETS.forEach((secret, index) => {
			if (text.includes(secret)) leaks.push(`secret #${index} in ${where}`);
		});
	}
	// Only the positions are reported, never the secrets.
	expect(leaks).toEqual([]);
}

async function run(parameters, extra = {}) {
	const result = await ctx.run(parameters, extra);
	expectNoSecrets(result);
	return result;
}

describe('HTTP 401: the login', () => {
	test.each([
		['wrong password', { password: 'not-the-password' }],
		['a user whose account type is not API Access', { username: 'staff.user@sandbox.example.org' }],
		['wrong company ID', { companyId: '999' }],
	])('%s', async (_label, change) => {
		const result = await runNode({
			parameters: getParams(),
			credentials: { ...ctx.sb.credentials, ...change },
		});
		expectNoSecrets(result);
		expect(calls()).toHaveLength(1);
		expect(calls()[0].status).toBe(401);
		expect(result.items).toBeUndefined();
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: 'SmartSimple refused the login (HTTP 401)',
			httpCode: '401',
		});
		// The three causes of the guide.
		expect(result.error.description).toMatch(/email and password are right/);
		expect(result.error.description).toMatch(/account type is API Access/);
		expect(result.error.description).toMatch(/Company ID is the root company/);
	});
});

describe('blank 200 body', () => {
	const blank = {
		message: 'SmartSimple answered with an empty response',
		description:
			"SmartSimple answers blank when something does not match: check the API Token, the Record ID, and that the function's record type is the chosen resource.",
	};

	test('unknown record ID', async () => {
		const { error, items } = await run(getParams('3999999'));
		expect(items).toBeUndefined();
		expect(error).toMatchObject({ ...blank, httpCode: '200' });
		expect(calls()[0]).toMatchObject({ status: 200, form: expect.objectContaining({ recordid: '3999999' }) });
	});

	test('a token of another record type', async () => {
		const { error } = await run({ ...getParams(), resource: 'company', apiToken: GET_TOKEN });
		expect(error).toMatchObject(blank);
		expect(calls()[0].endpoint).toBe('company');
	});

	test('blank body by fault, 200', async () => {
		ctx.sb.faults.add({ body: 'blank' });
		const { error } = await run(listParams());
		expect(error).toMatchObject(blank);
	});
});

describe("the sandbox's own refusals", () => {
	test('unknown token -> "Invalid API Token"', async () => {
		const { error } = await run({ ...getParams(), apiToken: UNKNOWN_TOKEN });
		expect(calls()[0].error).toBe('Invalid API Token');
		expect(error).toMatchObject({
			message: 'SmartSimple did not recognise the API token',
			description: expect.stringMatching(/Global Settings → Integrations → SmartConnect API/),
		});
	});

	test('a criteria field the record type lacks -> "Encountered error while processing list"', async () => {
		const { error } = await run(
			listParams({ filters: { conditions: [{ field: 'cf_No Such Field', value: 'x' }] } }),
		);
		expect(calls()[0].error).toBe('Encountered error while processing list');
		expect(error).toMatchObject({
			message: 'SmartSimple could not run the list query',
			description: expect.stringMatching(/each field must exist for this record type/),
		});
	});

	test('a key format the server does not know -> "processing other setting parameters"', async () => {
		const { error } = await run(listParams({ options: { keyFormat: '={{ 7 }}' } }));
		expect(calls()[0].parsed.othersettings).toEqual({ keyformat: 7, recordstart: 1, recordend: 5 });
		expect(calls()[0].error).toBe('Encountered error while processing other setting parameters');
		expect(error).toMatchObject({
			message: 'SmartSimple could not read the list options',
			description: expect.stringMatching(/page size \(1 to 10,000\), value format and key format/),
		});
	});
});

describe('every documented message in every envelope, status 200 and 4xx/5xx', () => {
	const cases = [];
	for (const [text, message] of DOCUMENTED) {
		for (const envelope of ['json', 'text', 'string', 'object']) {
			for (const status of [200, 400, 500]) cases.push([text, envelope, status, message]);
		}
	}
	test.each(cases)('%j, envelope %s, HTTP %i', async (text, envelope, status, message) => {
		ctx.sb.faults.add({ message: text, envelope, status });
		const { error, items } = await run(getParams());
		expect(items).toBeUndefined();
		expect(error).toMatchObject({ name: 'NodeApiError', message, httpCode: String(status) });
		// SmartSimple's own words, verbatim, then what to check.
		expect(error.description).toMatch(new RegExp(`^SmartSimple answered "${escapeRegExp(text.replace(/\.$/, ''))}"\\. \\S`));
		expect(error.description.length).toBeGreaterThan(text.length + 40);
		// A documented message is SmartSimple's answer, never a transient fault: one call, even with a 500.
		expect(calls()).toHaveLength(1);
	});
});

describe('hourly limit', () => {
	test('a small limit: the call past it is refused with a message that says how the limit works', async () => {
		ctx.sb.hourly.limit = 3;
		try {
			for (let i = 0; i < 3; i++) expect((await run(getParams())).error).toBeUndefined();
			const { error } = await run(getParams());
			expect(calls()[3].error).toBe(
				'Number of API Calls within the hour have reached the maximum limit, please try again later',
			);
			expect(error.message).toBe("SmartSimple's hourly API call limit is reached");
			expect(error.description).toBe(
				'SmartSimple answered "Number of API Calls within the hour have reached the maximum limit, please try again later". SmartSimple allows 1,000 API calls per instance in any rolling hour, shared by every integration of the instance. Calls are accepted again as older calls leave the hour. Spend fewer calls: a larger page size, batched updates, a longer trigger poll interval.',
			);
			// The window rolls: an hour later calls are accepted again.
			ctx.sb.clock.advance(3600 * 1000 + 1);
			expect((await run(getParams())).error).toBeUndefined();
		} finally {
			ctx.sb.hourly.limit = 1000;
			ctx.sb.clock.set('2025-06-02 09:00:00');
		}
	});

	test('the limit reached in the middle of Return All: an error, no partial output', async () => {
		ctx.sb.hourly.limit = 2;
		try {
			const { error, items } = await run(listParams({ returnAll: true, options: { pageSize: 10 } }));
			expect(calls()).toHaveLength(3);
			expect(items).toBeUndefined();
			expect(error.message).toBe("SmartSimple's hourly API call limit is reached");
		} finally {
			ctx.sb.hourly.limit = 1000;
		}
	});
});

describe('HTML pages, server faults, connection failures', () => {
	test('an HTML page with HTTP 200', async () => {
		ctx.sb.faults.add({ body: 'html' });
		const { error } = await run(getParams());
		expect(error).toMatchObject({
			message: 'SmartSimple answered with a web page instead of data',
			description: expect.stringMatching(/Instance URL/),
			httpCode: '200',
		});
	});

	test('HTTP 500 with an HTML page: not a transient fault, one call', async () => {
		ctx.sb.faults.add({ status: 500, body: 'html' });
		const { error } = await run(listParams());
		expect(error).toMatchObject({
			message: 'SmartSimple had a server error (HTTP 500)',
			description: expect.stringMatching(/Try again in a few minutes/),
			httpCode: '500',
		});
		expect(calls()).toHaveLength(1);
	});

	test.each([502, 503, 504])('HTTP %i every time: tried 4 times (3 retries), then the error says so', async (status) => {
		ctx.sb.faults.add({ status, body: 'html', retryAfter: 0 });
		const { error } = await run(listParams());
		expect(error).toMatchObject({
			message: `SmartSimple had a server error (HTTP ${status})`,
			description: expect.stringMatching(/Try again in a few minutes.*\(Tried 4 times\.\)$/),
			httpCode: String(status),
		});
		expect(calls()).toHaveLength(4);
	});

	test('HTTP 500 with a blank body', async () => {
		ctx.sb.faults.add({ status: 500, body: 'blank' });
		const { error } = await run(getParams());
		expect(error.message).toBe('SmartSimple had a server error (HTTP 500)');
	});

	test('HTTP 404 / 403 without a documented message', async () => {
		ctx.sb.faults.add({ status: 404, body: '<html><body>Not Found</body></html>' });
		expect((await run(getParams())).error.message).toBe('SmartSimple refused the request (HTTP 404)');
		ctx.sb.faults.clear();
		ctx.sb.faults.add({ status: 403, body: 'blank' });
		expect((await run(getParams())).error.message).toBe('SmartSimple refused the request (HTTP 403)');
	});

	test('a 500 on the second page of Return All fails the whole list (500 is not retried)', async () => {
		ctx.sb.faults.add({ token: LIST_TOKEN, after: 1, times: 1, status: 500, body: 'html' });
		const { error, items } = await run(listParams({ returnAll: true, options: { pageSize: 50 } }));
		expect(calls()).toHaveLength(2);
		expect(items).toBeUndefined();
		expect(error.message).toBe('SmartSimple had a server error (HTTP 500)');
	});

	// Retried 3 times with the real backoff (about 1 + 2 + 4 seconds): the one slow test here.
	test('connection refused (a closed port): tried 4 times, then the error says so', async () => {
		const port = await closedPort();
		const result = await runNode({
			parameters: getParams(),
			credentials: { ...ctx.sb.credentials, instanceUrl: `http://127.0.0.1:${port}` },
		});
		expectNoSecrets(result);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			message: `Could not reach SmartSimple at 127.0.0.1:${port}`,
			description:
				"The connection failed (ECONNREFUSED). Check the credential's Instance URL and that this n8n instance can reach it over the network. (Tried 4 times.)",
		});
	}, 30_000);

});

describe('Continue On Fail', () => {
	test('a failing item becomes an error item with message and description; the others go on', async () => {
		const { items, error } = await run(
			{ ...getParams(), recordId: '={{ $json.id }}' },
			{
				input: [{ json: { id: recordIds[0] } }, { json: { id: '3999999' } }, { json: { id: recordIds[1] } }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(calls().map((c) => c.form.recordid)).toEqual([recordIds[0], '3999999', recordIds[1]]);
		expect(items).toEqual([
			{ json: { recordid: recordIds[0], sf_Name: expect.any(String), sf_Status: expect.any(String) }, pairedItem: { item: 0 } },
			{
				json: {
					error: 'SmartSimple answered with an empty response',
					description:
						"SmartSimple answers blank when something does not match: check the API Token, the Record ID, and that the function's record type is the chosen resource.",
				},
				pairedItem: { item: 1 },
			},
			{ json: { recordid: recordIds[1], sf_Name: expect.any(String), sf_Status: expect.any(String) }, pairedItem: { item: 2 } },
		]);
	});

	test('401 under Continue On Fail: one error item per input item', async () => {
		const result = await runNode({
			parameters: getParams(),
			credentials: { ...ctx.sb.credentials, password: 'wrong' },
			input: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expectNoSecrets(result);
		expect(result.items.map((i) => [i.json.error, i.pairedItem.item])).toEqual([
			['SmartSimple refused the login (HTTP 401)', 0],
			['SmartSimple refused the login (HTTP 401)', 1],
		]);
		expect(result.items[0].json.description).toMatch(/API Access/);
	});

	test('a validation error (no call spent) under Continue On Fail', async () => {
		const { items } = await run(listParams({ filterMode: 'json', criteriaJson: 'not json' }), {
			continueOnFail: true,
		});
		expect(calls()).toHaveLength(0);
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toMatch(/^Criteria \(JSON\) is not valid JSON/);
	});
});

describe('no secret anywhere', () => {
	test('an answer that echoes the password and the token (plain and form-encoded) is redacted', async () => {
		const echo = `Invalid API Token: apitoken=${GET_TOKEN}&password=${PASSWORD} / ${encodeURIComponent(PASSWORD)} / ${new URLSearchParams({ p: PASSWORD }).toString()}`;
		ctx.sb.faults.add({ status: 400, body: echo });
		const result = await run(getParams());
		expect(result.error.message).toBe('SmartSimple did not recognise the API token');
		expect(JSON.stringify(result.error)).toContain('[redacted]');
		expect(JSON.stringify(result.error)).not.toContain('p=Pa55');
	});

	test('a secret just across the 300-character excerpt cut is not half shown', async () => {
		ctx.sb.faults.add({ status: 500, body: `${'x'.repeat(295)}${PASSWORD}` });
		const result = await run(getParams());
		const text = util.inspect(result.error, { depth: 10 });
		expect(text.includes(PASSWORD.slice(0, 5))).toBe(false);
	});

	test('validation errors do not carry the token either (the node of the error)', async () => {
		const result = await run(listParams({ filters: { conditions: [{ andor: ') or (', field: 'sf_Name' }] } }));
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.node.name).toBe('SmartSimple');
	});

	test('a token given by expression stays out of the error too', async () => {
		const result = await run(
			{ ...getParams('3999999'), apiToken: '={{ $json.token }}' },
			{ input: [{ json: { token: GET_TOKEN } }] },
		);
		expect(result.error.message).toBe('SmartSimple answered with an empty response');
		// The input item holds the token; n8n keeps input data apart from the error.
	});
});

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function closedPort() {
	return new Promise((resolve) => {
		const server = http.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}
