'use strict';
/**
 * The one POST (transport/request.ts) as it reaches a server: URL, form encoding, structured
 * parameters as JSON text, answers parsed from text whatever their content type. (The field
 * pickers' one-record probe is tested in editor.test.js.)
 */
const http = require('http');
const { HarnessCredentialsHelper, runNode } = require('../helpers/n8n');
const { useSandbox } = require('../helpers/sandbox');

const ctx = useSandbox({ seed: 42, records: 'small' });
let raw; // raw requests seen by a recording proxy in front of the sandbox
let proxy;
let proxyUrl;
beforeAll(async () => {
	// A recording proxy: keeps each request's headers and raw body, forwards it to the sandbox.
	proxy = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			raw.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString('utf8') });
			const forward = http.request(
				`${ctx.sb.url}${req.url}`,
				{ method: req.method, headers: { ...req.headers, host: new URL(ctx.sb.url).host } },
				(answer) => {
					res.writeHead(answer.statusCode, answer.headers);
					answer.pipe(res);
				},
			);
			forward.end(body);
		});
	});
	await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
});
afterAll(async () => {
	await new Promise((resolve) => proxy.close(resolve));
});
beforeEach(() => {
	raw = [];
});

const viaProxy = () => ({ ...ctx.sb.credentials, instanceUrl: proxyUrl });

describe('the request on the wire', () => {
	test('POST to <instance>/API/1/<endpoint>/, form-urlencoded, url field = the URL posted to', async () => {
		const { error } = await runNode({
			parameters: { resource: 'transaction', operation: 'get', apiToken: 'transactions-get', recordId: '6000002' },
			credentials: viaProxy(),
		});
		expect(error).toBeUndefined();
		expect(raw.length).toBe(1);
		expect(raw[0].method).toBe('POST');
		expect(raw[0].url).toBe('/API/1/transactions/');
		expect(raw[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		const form = new URLSearchParams(raw[0].body);
		expect([...form.keys()]).toEqual(['apitoken', 'url', 'recordid', 'username', 'password', 'companyid', 'alias']);
		expect(form.get('url')).toBe(`${proxyUrl}/API/1/transactions/`);
		expect(form.get('recordid')).toBe('6000002');
	});

	test('trailing slashes on the instance URL are dropped', async () => {
		await runNode({
			parameters: { resource: 'company', operation: 'get', apiToken: 'company-get', recordId: '1000001' },
			credentials: { ...viaProxy(), instanceUrl: `${proxyUrl}//` },
		});
		expect(raw[0].url).toBe('/API/1/company/');
		expect(new URLSearchParams(raw[0].body).get('url')).toBe(`${proxyUrl}/API/1/company/`);
	});

	test('criteria, sortby and othersettings travel as JSON text (not a[b]= form nesting)', async () => {
		const value = 'A&B=C %25 "quoted" é€ +plus';
		await runNode({
			parameters: {
				resource: 'levelOne',
				operation: 'getAll',
				apiToken: 'levelone-list',
				limit: 3,
				filters: { conditions: [{ field: 'sf_Name', operator: 'like', value }] },
				sort: { sortFields: [{ field: 'sf_Name', direction: 'desc' }] },
				options: { valueFormat: 'stored' },
			},
			credentials: viaProxy(),
		});
		const form = new URLSearchParams(raw[0].body);
		expect(form.get('criteria')).toBe(JSON.stringify([{ andor: 'and', field: 'sf_Name', operator: 'like', value }]));
		expect(form.get('sortby')).toBe('[{"field":"sf_Name","direction":"desc"}]');
		expect(form.get('othersettings')).toBe('{"getstorevalue":1,"recordstart":1,"recordend":3}');
		expect(raw[0].body).not.toMatch(/criteria%5B/);
		// The sandbox read the same value back.
		expect(ctx.sb.calls[0].parsed.criteria[0].value).toBe(value);
	});
});

test('the credential is read once per call: n8n authenticates with the values read for the URL', async () => {
	// In n8n each read loads and decrypts the credential; before, every call read it twice.
	const reads = jest.spyOn(HarnessCredentialsHelper.prototype, 'getDecrypted');
	try {
		const { items, error } = await runNode({
			parameters: {
				resource: 'levelOne',
				operation: 'getAll',
				apiToken: 'levelone-list',
				returnAll: true,
				options: { pageSize: 5 },
			},
			credentials: viaProxy(),
		});
		expect(error).toBeUndefined();
		expect(raw.length).toBe(Math.ceil(items.length / 5));
		expect(reads).toHaveBeenCalledTimes(raw.length);
		// and the login still reaches every call
		for (const request of raw) expect(new URLSearchParams(request.body).get('password')).toBe(ctx.sb.credentials.password);
	} finally {
		reads.mockRestore();
	}
});

describe('answers', () => {
	test.each([
		['text/html;charset=UTF-8'],
		['application/json'],
		['text/plain'],
	])('JSON text is parsed whatever the content type (%s)', async (contentType) => {
		const body = JSON.stringify({ records: [{ recordid: '5', sf_Name: 'Five' }], message: {} });
		ctx.sb.faults.add({ body, headers: { 'Content-Type': contentType } });
		const { items, error } = await runNode({
			parameters: { resource: 'levelOne', operation: 'get', apiToken: 'levelone-get', recordId: '5' },
			credentials: ctx.sb.credentials,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: { recordid: '5', sf_Name: 'Five' }, pairedItem: { item: 0 } }]);
	});

	test('text with HTML inside values and unicode comes through unchanged', async () => {
		const record = { recordid: '9', sf_Name: 'Line<br />two – “quotes” & é', cf_X: null };
		ctx.sb.faults.add({ body: JSON.stringify({ records: [record], message: {} }) });
		const { items } = await runNode({
			parameters: { resource: 'levelOne', operation: 'get', apiToken: 'levelone-get', recordId: '9' },
			credentials: ctx.sb.credentials,
		});
		expect(items[0].json).toEqual(record);
	});

	test('get answered with no records: no items, no error', async () => {
		ctx.sb.faults.add({ body: '{"records":[],"message":{}}' });
		const { items, error } = await runNode({
			parameters: { resource: 'levelOne', operation: 'get', apiToken: 'levelone-get', recordId: '9' },
			credentials: ctx.sb.credentials,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	test('a slow answer (within the timeout) is waited for', async () => {
		ctx.sb.faults.add({ delayMs: 300 });
		const started = Date.now();
		const { items, error } = await runNode({
			parameters: { resource: 'systemVariable', operation: 'get', apiToken: 'sysvar-get', recordId: '101' },
			credentials: ctx.sb.credentials,
		});
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
		expect(items[0].json.recordid).toBe('101');
	});
});

describe('cancelling the execution', () => {
	test('aborts the call in flight: n8n is not left waiting for SmartSimple', async () => {
		// A server that never answers: only the abort can end the call (the timeout is 300 s).
		let aborted;
		const closed = new Promise((resolve) => (aborted = resolve));
		const silent = http.createServer((req) => req.on('close', () => aborted(req.method)));
		await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
		try {
			const { error } = await runNode({
				parameters: { resource: 'transaction', operation: 'get', apiToken: 'transactions-get', recordId: '6000002' },
				credentials: { ...ctx.sb.credentials, instanceUrl: `http://127.0.0.1:${silent.address().port}` },
				onRunning: (execution) => {
					silent.once('request', () => execution.cancel());
				},
			});
			expect(await closed).toBe('POST');
			expect(error).toBeDefined();
		} finally {
			silent.closeAllConnections();
			await new Promise((resolve) => silent.close(resolve));
		}
	});
});
