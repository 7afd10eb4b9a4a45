'use strict';
/**
 * Proves test/helpers/n8n.js: test-only nodes run through real n8n-core (WorkflowExecute,
 * PollContext, httpRequestWithAuthentication) against a local HTTP server, with the real
 * smartSimpleApi credential from dist/.
 * Also pins down how n8n-core's httpRequest behaves, which our transport relies on.
 */
const http = require('http');
const util = require('util');
const { runNode, createPoller, testCredential, binaryToBuffer } = require('../helpers/n8n');

let server;
let baseUrl;
let requests;
/** path -> (parsedBody, req) => { status, body, type } */
let routes;

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const form = Object.fromEntries(new URLSearchParams(raw));
			requests.push({ method: req.method, url: req.url, headers: req.headers, raw, form });
			const route = routes[req.url.split('?')[0]];
			const { status = 200, body = { message: 'ok' }, type = 'application/json' } = route
				? route(form, req)
				: { status: 404, body: { message: 'no route' } };
			res.statusCode = status;
			res.setHeader('content-type', type);
			res.end(Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${server.address().port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
	requests = [];
	routes = {};
});

const credentials = () => ({
	instanceUrl: baseUrl,
	alias: 'acme',
	companyId: '12345',
	username: 'api.user@example.org',
	password: 'S3cret&pw=1',
});

/** Test-only node: one POST per item, form-urlencoded, through httpRequestWithAuthentication. */
class EchoNode {
	constructor() {
		this.description = {
			displayName: 'Echo',
			name: 'harnessEcho',
			group: ['transform'],
			version: 1,
			description: 'Harness test node',
			defaults: { name: 'Echo' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'smartSimpleApi', required: true }],
			properties: [
				{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
				{ displayName: 'Record ID', name: 'recordId', type: 'string', default: '' },
				{ displayName: 'Options', name: 'options', type: 'json', default: '{}' },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const creds = await this.getCredentials('smartSimpleApi');
				const options = this.getNodeParameter('options', i);
				const response = await this.helpers.httpRequestWithAuthentication.call(
					this,
					'smartSimpleApi',
					{
						method: 'POST',
						url: `${creds.instanceUrl}${this.getNodeParameter('path', i)}`,
						headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
						body: { apitoken: 'tok', recordid: this.getNodeParameter('recordId', i) },
						json: true,
						...(typeof options === 'string' ? JSON.parse(options) : options),
					},
				);
				out.push({ json: { response }, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: error.message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

describe('runNode', () => {
	test('sends the credential fields in a form-urlencoded body, resolves expressions, sets pairedItem', async () => {
		routes['/echo'] = (form) => ({ body: { got: form } });
		const { items, error, runData } = await runNode({
			nodeType: new EchoNode(),
			parameters: { recordId: '={{ $json.id * 10 }}' },
			credentials: credentials(),
			input: [{ json: { id: 1 } }, { json: { id: 2 } }],
		});
		expect(error).toBeUndefined();
		expect(runData.Start).toHaveLength(1);
		expect(requests).toHaveLength(2);
		expect(requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(requests[0].form).toEqual({
			apitoken: 'tok',
			recordid: '10',
			username: 'api.user@example.org',
			password: 'S3cret&pw=1',
			companyid: '12345',
			alias: 'acme',
		});
		expect(requests[1].form.recordid).toBe('20');
		expect(items.map((i) => i.json.response.got.recordid)).toEqual(['10', '20']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('continueOnFail turns a failing item into an error item; the others succeed', async () => {
		routes['/echo'] = (form) =>
			form.recordid === 'bad'
				? { status: 500, body: { message: 'Server exploded' } }
				: { body: { ok: form.recordid } };
		const { items, error } = await runNode({
			nodeType: new EchoNode(),
			parameters: { recordId: '={{ $json.id }}' },
			credentials: credentials(),
			input: [{ json: { id: 'a' } }, { json: { id: 'bad' } }, { json: { id: 'c' } }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.response).toEqual({ ok: 'a' });
		expect(items[1].json.error).toBe('The service was not able to process your request');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[2].json.response).toEqual({ ok: 'c' });
	});

	test('without continueOnFail the node error is returned as n8n records it (NodeApiError)', async () => {
		routes['/echo'] = () => ({ status: 500, body: { message: 'Server exploded' } });
		const { items, error } = await runNode({
			nodeType: new EchoNode(),
			credentials: credentials(),
		});
		expect(items).toBeUndefined();
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '500',
			message: 'The service was not able to process your request',
			description: 'Server exploded',
			context: { data: { message: 'Server exploded' } },
		});
		// The recorded error (a plain copy made by WorkflowExecute) holds no password.
		expect(JSON.stringify(error)).not.toContain('S3cret');
	});

	test('binary input reaches the node and prepareBinaryData output can be read back', async () => {
		class BinaryNode {
			constructor() {
				this.description = {
					...new EchoNode().description,
					name: 'harnessBinary',
					displayName: 'Binary',
					defaults: { name: 'Binary' },
					credentials: [],
					properties: [],
				};
			}
			async execute() {
				const input = await this.helpers.getBinaryDataBuffer(0, 'data');
				const binary = await this.helpers.prepareBinaryData(
					Buffer.from(input.toString().toUpperCase()),
					'out.txt',
					'text/plain',
				);
				return [[{ json: { size: input.length }, binary: { data: binary }, pairedItem: 0 }]];
			}
		}
		const { items, error } = await runNode({
			nodeType: new BinaryNode(),
			input: [
				{
					json: {},
					binary: {
						data: {
							data: Buffer.from('hello').toString('base64'),
							mimeType: 'text/plain',
							fileName: 'in.txt',
						},
					},
				},
			],
		});
		expect(error).toBeUndefined();
		expect(items[0].json.size).toBe(5);
		expect(items[0].binary.data).toMatchObject({ fileName: 'out.txt', mimeType: 'text/plain' });
		expect((await binaryToBuffer(items[0], 'data')).toString()).toBe('HELLO');
	});
});

describe('createPoller', () => {
	class CounterTrigger {
		constructor() {
			this.description = {
				displayName: 'Counter Trigger',
				name: 'harnessCounterTrigger',
				group: ['trigger'],
				version: 1,
				description: 'Harness poll trigger',
				defaults: { name: 'Counter Trigger' },
				polling: true,
				inputs: [],
				outputs: ['main'],
				credentials: [{ name: 'smartSimpleApi', required: true }],
				properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '/poll' }],
			};
		}
		async poll() {
			const state = this.getWorkflowStaticData('node');
			const creds = await this.getCredentials('smartSimpleApi');
			const response = await this.helpers.httpRequestWithAuthentication.call(
				this,
				'smartSimpleApi',
				{
					method: 'POST',
					url: `${creds.instanceUrl}${this.getNodeParameter('path')}`,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: { since: String(state.lastId ?? 0) },
				},
			);
			const fresh = response.records.filter((r) => r.id > (state.lastId ?? 0));
			if (this.getMode() !== 'manual' && fresh.length) state.lastId = fresh.at(-1).id;
			return fresh.length ? [this.helpers.returnJsonArray(fresh)] : null;
		}
	}

	test('static data carries across ticks; manual mode works; errors throw', async () => {
		let records = [{ id: 1 }, { id: 2 }];
		routes['/poll'] = () => ({ body: { records } });
		const poller = createPoller({
			nodeType: new CounterTrigger(),
			parameters: { path: '={{ "/poll" }}' },
			credentials: credentials(),
			staticData: {},
		});

		const first = await poller.poll('trigger');
		expect(first[0].map((i) => i.json.id)).toEqual([1, 2]);
		expect(poller.staticData).toEqual({ lastId: 2 });
		expect(requests[0].form).toMatchObject({ since: '0', username: 'api.user@example.org' });

		expect(await poller.poll('trigger')).toBeNull();
		expect(requests[1].form.since).toBe('2');

		records = [...records, { id: 3 }];
		expect((await poller.poll('manual'))[0].map((i) => i.json.id)).toEqual([3]);
		expect(poller.staticData).toEqual({ lastId: 2 });

		routes['/poll'] = () => ({ status: 500, body: { message: 'down' } });
		await expect(poller.poll('trigger')).rejects.toMatchObject({ name: 'NodeApiError', httpCode: '500' });
	});

	test('starts from the static data it is given', async () => {
		routes['/poll'] = () => ({ body: { records: [{ id: 4 }, { id: 5 }] } });
		const poller = createPoller({
			nodeType: new CounterTrigger(),
			credentials: credentials(),
			staticData: { lastId: 4 },
		});
		expect((await poller.poll())[0].map((i) => i.json.id)).toEqual([5]);
		expect(poller.staticData).toEqual({ lastId: 5 });
	});
});

describe("testCredential (the nodes' testedBy function, run like n8n CredentialsTester)", () => {
	beforeEach(() => {
		routes['/API/1/company/'] = (form) => {
			if (form.password !== 'S3cret&pw=1') return { status: 401, body: { message: 'login' } };
			if (form.alias === 'busy') {
				return {
					body: {
						message:
							'Number of API Calls within the hour have reached the maximum limit, please try again later',
					},
				};
			}
			return { body: { message: 'Invalid API Token' } };
		};
	});

	test('valid login passes', async () => {
		await expect(testCredential(credentials())).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(requests[0].form).toMatchObject({
			apitoken: 'n8n-login-test',
			url: `${baseUrl}/API/1/company/`,
			companyid: '12345',
			alias: 'acme',
		});
	});

	test('rejected login, rate limit rule, insecure URL and unreachable host fail', async () => {
		expect(await testCredential({ ...credentials(), password: 'wrong' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^SmartSimple refused the login \(HTTP 401\)\. Check the credential/),
		});
		expect((await testCredential({ ...credentials(), alias: 'busy' })).message).toMatch(
			/1,000 API calls/,
		);
		expect(
			(await testCredential({ ...credentials(), instanceUrl: 'http://example.com' })).message,
		).toMatch(/must start with https/);
		expect(await testCredential({ ...credentials(), instanceUrl: 'http://127.0.0.1:1' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^Could not reach SmartSimple at 127\.0\.0\.1:1\. The connection failed \(ECONNREFUSED\)/),
		});
	});
});

/** Facts about n8n-core 2.41's request helpers that the transport relies on (httpRequestWithAuthentication ends in the same httpRequest). */
describe('n8n-core httpRequest behaviour', () => {
	async function call(options, route) {
		routes['/echo'] = route ?? ((form) => ({ body: { got: form } }));
		let thrown;
		class Probe extends EchoNode {
			async execute() {
				try {
					return await super.execute();
				} catch (error) {
					thrown = error;
					throw error;
				}
			}
		}
		const result = await runNode({
			nodeType: new Probe(),
			credentials: credentials(),
			parameters: { options: JSON.stringify(options) },
		});
		return { ...result, response: result.items?.[0].json.response, thrown };
	}

	test('form-urlencoded: nested objects become a[b]=, arrays a[]=', async () => {
		await call({ body: { apitoken: 't', nested: { a: 1 }, list: [1, 2], empty: '' } });
		expect(requests[0].raw).toBe(
			'apitoken=t&nested%5Ba%5D=1&list%5B%5D=1&list%5B%5D=2&empty=' +
				'&username=api.user%40example.org&password=S3cret%26pw%3D1&companyid=12345&alias=acme',
		);
	});

	test('a JSON response is parsed even with json:false; text stays a string', async () => {
		expect((await call({ json: false })).response).toEqual({ got: expect.any(Object) });
		const text = await call({}, () => ({ body: 'plain', type: 'text/plain' }));
		expect(text.response).toBe('plain');
	});

	test("encoding 'arraybuffer' gives a Buffer", async () => {
		const { response } = await call({ encoding: 'arraybuffer' }, () => ({
			body: Buffer.from('%PDF'),
			type: 'application/pdf',
		}));
		expect(Buffer.isBuffer(response)).toBe(true);
		expect(response.toString()).toBe('%PDF');
	});

	test('returnFullResponse / ignoreHttpStatusErrors', async () => {
		const full = await call({ returnFullResponse: true });
		expect(full.response).toMatchObject({ statusCode: 200, statusMessage: 'OK', body: { got: {} } });
		const ignored = await call({ ignoreHttpStatusErrors: true, returnFullResponse: true }, () => ({
			status: 404,
			body: { message: 'gone' },
		}));
		expect(ignored.error).toBeUndefined();
		expect(ignored.response).toMatchObject({ statusCode: 404, body: { message: 'gone' } });
	});

	test('non-2xx throws NodeApiError; its non-enumerable cause (AxiosError) carries the password', async () => {
		const { thrown } = await call({}, () => ({ status: 400, body: { message: 'Bad thing' } }));
		expect(thrown.constructor.name).toBe('NodeApiError');
		expect(thrown).toMatchObject({ httpCode: '400', description: 'Bad thing' });
		expect(thrown.cause.response.status).toBe(400);
		expect(thrown.cause.response.data).toEqual({ message: 'Bad thing' });
		expect(Object.getOwnPropertyDescriptor(thrown, 'cause').enumerable).toBe(false);
		expect(thrown.cause.config.data).toContain('password=S3cret%26pw%3D1');
		expect(util.inspect(thrown, { depth: 10 })).toContain('S3cret');
		expect(JSON.stringify(thrown)).not.toContain('S3cret');
	});

	test('a 401 is sent twice (n8n retries after preAuthentication)', async () => {
		const { error } = await call({}, () => ({ status: 401, body: { message: 'nope' } }));
		expect(requests).toHaveLength(2);
		expect(error).toMatchObject({
			httpCode: '401',
			message: 'Authorization failed - please check your credentials',
		});
	});
});
