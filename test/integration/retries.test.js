'use strict';
/**
 * The transport's retry policy (transport/request.ts, docs/ARCHITECTURE.md "Errors and retries")
 * through n8n's WorkflowExecute against the sandbox's fault injection: only the failed call is
 * repeated, transient faults only, at most 3 times; a call that creates records is never resent
 * once it may have reached SmartSimple. Every retry is a call the sandbox counts.
 * Faults with `retryAfter: 0` skip the wait; the others wait the real backoff (about 1 s).
 */
const http = require('http');
const util = require('util');
const { runNode, createPoller } = require('../helpers/n8n');
const { useSandbox } = require('../helpers/sandbox');
const { startSandbox } = require('../sandbox');

const PASSWORD = 'Retry!&pass=word %2B';
const ctx = useSandbox({ seed: 42, records: 'small', credentials: { password: PASSWORD } }, { resetHourly: true });

/** Return All over the small seed's 81 users at 17 per page: 5 pages. */
const PAGE = 17;
const listAll = (extra = {}) => ({
	resource: 'user',
	operation: 'getAll',
	apiToken: 'user-list',
	returnAll: true,
	options: { pageSize: PAGE },
	...extra,
});
let expected; // the records the 5-page Return All must give
let PAGES; // its five windows [recordstart, recordend]
beforeAll(async () => {
	const total = ctx.sb.store.count('user');
	PAGES = [0, 1, 2, 3, 4].map((page) => [page * PAGE + 1, Math.min(total, (page + 1) * PAGE)]);
	expect(Math.ceil(total / PAGE)).toBe(5);
	const { items, error } = await ctx.run(listAll());
	expect(error).toBeUndefined();
	expected = items.map((item) => item.json);
	expect(expected).toHaveLength(total);
});
const runList = (extra) => ctx.run(listAll(extra));
const windows = () => ctx.sb.calls.map((c) => [c.parsed.othersettings.recordstart, c.parsed.othersettings.recordend]);

/** No secret in anything n8n keeps of the run: error (message, description, cause, node, context), items. */
function expectNoSecrets(result, secrets) {
	const texts = [
		JSON.stringify(result.error ?? null),
		util.inspect(result.error, { depth: 12, showHidden: true }),
		JSON.stringify(result.items ?? null),
	];
	const forms = secrets.flatMap((secret) => [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
	const leaks = [];
	texts.forEach((text, t) => forms.forEach((form, f) => text.includes(form) && leaks.push(`form ${f} in text ${t}`)));
	expect(leaks).toEqual([]);
}

describe('reads: only the failed call is repeated', () => {
	test('a 503 (Retry-After: 0) on page 2 of a 5-page Return All: exactly the records, exactly 6 calls', async () => {
		ctx.sb.faults.add({ token: 'user-list', after: 1, times: 1, status: 503, body: 'html', retryAfter: 0 });
		const { items, error } = await runList();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(windows()).toEqual([PAGES[0], PAGES[1], ...PAGES.slice(1)]);
		expect(ctx.sb.calls.map((c) => c.status)).toEqual([200, 503, 200, 200, 200, 200]);
	});

	test('a connection dropped before the server acts, on page 2: exactly the records, exactly 6 calls', async () => {
		ctx.sb.faults.add({ token: 'user-list', after: 1, times: 1, body: 'reset' });
		const { items, error } = await runList();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(windows()).toEqual([PAGES[0], PAGES[1], ...PAGES.slice(1)]);
		expect(ctx.sb.calls.map((c) => c.status)).toEqual([200, 0, 200, 200, 200, 200]);
	});

	test('a 502 then a 504 on the same page: retried twice, 7 calls', async () => {
		ctx.sb.faults.add({ token: 'user-list', after: 2, times: 1, status: 502, body: 'blank', retryAfter: 0 });
		ctx.sb.faults.add({ token: 'user-list', after: 3, times: 1, status: 504, body: 'html', retryAfter: 0 });
		const { items, error } = await runList();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(windows()).toEqual([PAGES[0], PAGES[1], PAGES[2], PAGES[2], PAGES[2], PAGES[3], PAGES[4]]);
	});

	test('an answer lost after the server acted (dropped or slow past the Request Timeout) is read again', async () => {
		ctx.sb.faults.add({ token: 'user-list', after: 0, times: 1, when: 'after', body: 'reset' });
		ctx.sb.faults.add({ token: 'user-list', after: 3, times: 1, delayMs: 1500 });
		const { items, error } = await runList({ options: { pageSize: PAGE, requestTimeout: 1 } });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(windows()).toEqual([PAGES[0], PAGES[0], PAGES[1], PAGES[2], PAGES[2], PAGES[3], PAGES[4]]);
		// The sandbox acted on every call, the faulted ones too: each counts against the hour.
		expect(ctx.sb.hourly.count()).toBe(7);
	});

	test('Retry-After is honoured: the retry waits at least the seconds asked for', async () => {
		const arrivals = [];
		const off = ctx.sb.onRequest(() => arrivals.push(Date.now()));
		try {
			ctx.sb.faults.add({ token: 'user-list', times: 1, status: 503, body: 'html', retryAfter: 2 });
			const started = Date.now();
			const { error } = await runList({ limit: 5, returnAll: false });
			expect(error).toBeUndefined();
			expect(ctx.sb.calls).toHaveLength(2);
			// The backoff alone would retry within 1.25 s; a lower bound is not a timing race.
			expect(arrivals[0] - started).toBeGreaterThanOrEqual(2000);
		} finally {
			off();
		}
	});

	test('a Retry-After beyond 60 seconds is not waited for: one call, the error says when to retry', async () => {
		ctx.sb.faults.add({ token: 'user-list', status: 503, body: 'html', retryAfter: 600 });
		const { error } = await runList();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(error).toMatchObject({
			message: 'SmartSimple had a server error (HTTP 503)',
			description:
				'SmartSimple asked to wait 600 seconds before trying again, longer than the node waits (60 seconds). Run it again later.',
		});
	});
});

describe('not transient: never retried, exactly one call', () => {
	const getParams = { resource: 'levelOne', operation: 'get', apiToken: 'levelone-get', recordId: '={{ $json.id }}' };
	test.each([
		['a blank body', { body: 'blank' }, 'SmartSimple answered with an empty response'],
		['HTTP 401', { status: 401, body: 'html' }, 'SmartSimple refused the login (HTTP 401)'],
		['an HTML page with 200', { body: 'html' }, 'SmartSimple answered with a web page instead of data'],
		['an HTML page with 500', { status: 500, body: 'html' }, 'SmartSimple had a server error (HTTP 500)'],
		['a documented message', { message: 'Invalid API Token' }, 'SmartSimple did not recognise the API token'],
		[
			'a documented message with HTTP 503',
			{ status: 503, message: 'Encountered error while processing record', retryAfter: 0 },
			'SmartSimple could not save the record',
		],
		[
			'the hourly limit with HTTP 503',
			{
				status: 503,
				message: 'Number of API Calls within the hour have reached the maximum limit, please try again later',
				retryAfter: 0,
			},
			"SmartSimple's hourly API call limit is reached",
		],
	])('%s', async (_label, fault, message) => {
		ctx.sb.faults.add(fault);
		const id = ctx.sb.store.list('levelone')[0].recordid;
		const { error } = await ctx.run(getParams, { input: [{ json: { id } }] });
		expect(error.message).toBe(message);
		expect(ctx.sb.calls).toHaveLength(1);
	});

	test('the hourly limit reached for real', async () => {
		ctx.sb.hourly.limit = 0;
		try {
			const { error } = await runList();
			expect(error.message).toBe("SmartSimple's hourly API call limit is reached");
			expect(ctx.sb.calls).toHaveLength(1);
		} finally {
			ctx.sb.hourly.limit = 1000;
		}
	});
});

const create = (extra = {}) => ({
	resource: 'levelOne',
	operation: 'create',
	apiToken: 'levelone-update-status',
	fieldList: 'sf_Status;;cf_Amount Awarded',
	columns: { mappingMode: 'defineBelow', value: { sf_Status: '1', 'cf_Amount Awarded': '2500' } },
	...extra,
});

describe('writes', () => {
	const threeItems = [{ json: {} }, { json: {} }, { json: {} }];

	test.each([
		['the connection dropped after the server acted', { when: 'after', body: 'reset' }, 3],
		['a 500 after the server acted', { when: 'after', status: 500, body: 'html' }, 3],
		['a 503 before the server acted (it cannot be told apart)', { status: 503, body: 'html', retryAfter: 0 }, 0],
	])('a create batch under %s is sent once and fails with "may have saved"', async (_label, fault, created) => {
		const before = ctx.sb.store.count('levelone');
		ctx.sb.faults.add({ token: 'levelone-update-status', ...fault });
		const result = await ctx.run(create(), { input: threeItems, continueOnFail: true });
		expect(ctx.sb.calls).toHaveLength(1);
		expect(JSON.parse(ctx.sb.calls[0].form.jsonrset)).toHaveLength(3);
		// Whether SmartSimple saved them is what the user must check: here the sandbox did or did not.
		expect(ctx.sb.store.count('levelone') - before).toBe(created);
		expect(result.items).toHaveLength(3);
		for (const item of result.items) {
			expect(`${item.json.error} ${item.json.description}`).toMatch(/may have saved/i);
			expect(item.json.description).toMatch(/Get Many/);
		}
		expectNoSecrets(result, [PASSWORD, 'levelone-update-status']);
	});

	test('a create whose answer comes after the Request Timeout: one call, "may have saved", and it was saved', async () => {
		const before = ctx.sb.store.count('levelone');
		ctx.sb.faults.add({ token: 'levelone-update-status', when: 'after', delayMs: 1500 });
		const { error } = await ctx.run(create({ options: { requestTimeout: 1 } }));
		expect(ctx.sb.calls).toHaveLength(1);
		expect(`${error.message} ${error.description}`).toMatch(/may have saved/i);
		expect(`${error.message} ${error.description}`).toMatch(/no answer within 1 seconds/);
		expect(ctx.sb.store.count('levelone') - before).toBe(1);
	});

	test('a create refused at the connection (it never left) is retried and saved once', async () => {
		const port = await closedPort();
		let late;
		const opening = new Promise((resolve) => {
			// Listening starts during the first backoff (at least 750 ms).
			setTimeout(async () => {
				late = await startSandbox({ seed: 42, records: 'small', port, credentials: { password: PASSWORD } });
				resolve();
			}, 200);
		});
		try {
			const { items, error } = await runNode({
				parameters: create(),
				credentials: { ...ctx.sb.credentials, instanceUrl: `http://127.0.0.1:${port}` },
			});
			await opening;
			expect(error).toBeUndefined();
			expect(items[0].json.status).toBe('created successfully');
			expect(late.calls).toHaveLength(1);
		} finally {
			await opening;
			await late?.close();
		}
	});

	test('an update batch is retried after its answer was lost (updates are idempotent)', async () => {
		const ids = ctx.sb.store.list('levelone').slice(0, 3).map((r) => r.recordid);
		ctx.sb.faults.add({ token: 'levelone-update-status', times: 1, when: 'after', body: 'reset' });
		const { items, error } = await ctx.run(
			{ ...create({ operation: 'update' }), recordId: '={{ $json.id }}' },
			{ input: ids.map((id) => ({ json: { id } })) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(Array(3).fill('updated successfully'));
		expect(ctx.sb.calls).toHaveLength(2);
		expect(ctx.sb.calls[1].form.jsonrset).toBe(ctx.sb.calls[0].form.jsonrset);
		expect(ctx.sb.hourly.count()).toBe(2);
	});
});

describe('secrets', () => {
	test('every password parameter (as an expression too) is replaced in the node the error records', async () => {
		const id = ctx.sb.store.list('levelone')[0].recordid;
		ctx.sb.faults.add({ status: 500, body: `echo apitoken=levelone-update-status&password=${encodeURIComponent(PASSWORD)} read-token-xyz` });
		const result = await ctx.run(
			{
				...create({ operation: 'update' }),
				apiToken: '={{ $json.token }}',
				recordId: id,
				options: { readCurrentToken: 'read-token-xyz', getMetaToken: '={{ "meta-" + "token-xyz" }}' },
			},
			{ input: [{ json: { token: 'levelone-update-status' } }] },
		);
		expect(result.error).toBeDefined();
		expect(result.error.node.parameters).toMatchObject({
			apiToken: '[redacted]',
			options: { readCurrentToken: '[redacted]', getMetaToken: '[redacted]' },
		});
		expectNoSecrets({ error: result.error }, [PASSWORD, 'levelone-update-status', 'read-token-xyz', 'meta-token-xyz']);
	});
});

describe('secrets in errors the nodes throw themselves', () => {
	test("a trigger error (before any call) records the node with its token redacted", async () => {
		const poller = createPoller({
			parameters: {
				resource: 'levelOne',
				apiToken: 'levelone-list-modified',
				event: 'modified',
				timestampField: 'sf_Modified Date',
				idField: 'recordid',
				filters: {},
				options: { timezone: 'Mars/Olympus_Mons' },
			},
			credentials: ctx.sb.credentials,
		});
		const error = await poller.poll().catch((thrown) => thrown);
		expect(error.message).toBe('Unknown time zone "Mars/Olympus_Mons"');
		expect(error.node.parameters.apiToken).toBe('[redacted]');
		expect(ctx.sb.calls).toHaveLength(0);
	});

	test('an operation that does not exist (reached by expression) records the node with its token redacted', async () => {
		const result = await ctx.run({ resource: 'report', operation: '={{ "create" }}', apiToken: 'levelone-list' });
		expect(result.error).toBeDefined();
		expect(JSON.stringify(result.error)).not.toContain('levelone-list');
	});
});

function closedPort() {
	return new Promise((resolve) => {
		const server = http.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}
