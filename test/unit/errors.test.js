'use strict';
/**
 * Error recognition (dist/nodes/SmartSimple/transport/{request,errors,secrets}.js): readAnswer over
 * every envelope a documented SmartConnect message may come in, transportProblem for network
 * failures, Retry-After, Content-Disposition file names, and the redactors.
 */
const {
	readAnswer,
	transportProblem,
	retryAfterMs,
	fileNameOf,
	withoutLogin,
	redactNode,
} = require('../../dist/nodes/SmartSimple/transport/request');
const { redactSecrets } = require('../../dist/nodes/SmartSimple/transport/secrets');
const {
	DOCUMENTED_ERRORS,
	UNAUTHORIZED,
	BLANK_RESPONSE,
	NOT_JSON,
	findDocumentedError,
	serverFault,
} = require('../../dist/nodes/SmartSimple/transport/errors');

/** The messages of the vendor guide / wire-format.md, verbatim. */
const GUIDE_MESSAGES = [
	'Invalid API Token',
	'Number of API Calls within the hour have reached the maximum limit, please try again later',
	'Invalid URL: URL should start with https://.',
	'Invalid API Request, request is empty or null',
	'Encountered error while processing other setting parameters',
	'Encountered error while processing record',
	'Encountered error while processing list',
	'Recordset does not exist',
];

const problemFor = (message) => findDocumentedError(message);
/** The problem an answer reports; undefined for data. */
const findProblem = (status, text) => readAnswer(status, text).problem;

const ENVELOPES = {
	'plain text': (m) => m,
	'JSON string': (m) => JSON.stringify(m),
	'records + message string': (m) => JSON.stringify({ records: [], message: m }),
	'message string only': (m) => JSON.stringify({ message: m }),
	'{"message":{"error":...}}': (m) => JSON.stringify({ message: { error: m } }),
	'{"records":[],"message":{"error":...}}': (m) => JSON.stringify({ records: [], message: { error: m } }),
	'padded with whitespace': (m) => `\n  ${m}  \n`,
	'with a reason appended': (m) => `${m}: field cf_X is not in the field list`,
};

describe('the catalogue covers every documented message', () => {
	test('each guide message is recognised and maps to its own problem', () => {
		const problems = GUIDE_MESSAGES.map(problemFor);
		for (const problem of problems) {
			expect(problem).toEqual({ code: expect.any(String), message: expect.any(String), description: expect.any(String) });
		}
		expect(new Set(problems.map((p) => p.message)).size).toBe(GUIDE_MESSAGES.length);
		expect(new Set(problems.map((p) => p.code)).size).toBe(GUIDE_MESSAGES.length);
		expect(DOCUMENTED_ERRORS).toHaveLength(GUIDE_MESSAGES.length);
	});

	test('"processing other setting parameters" is not mistaken for "processing record"', () => {
		expect(problemFor('Encountered error while processing other setting parameters').message).toBe(
			'SmartSimple could not read the list options',
		);
		expect(problemFor('Encountered error while processing record: Recordset does not exist').message).toBe(
			'SmartSimple could not save the record',
		);
	});

	test('the hourly limit says how the limit works', () => {
		const { message, description } = problemFor(GUIDE_MESSAGES[1]);
		expect(message).toBe("SmartSimple's hourly API call limit is reached");
		expect(description).toMatch(/1,000 API calls per instance/);
		expect(description).toMatch(/rolling hour/);
		expect(description).toMatch(/shared by every integration/);
		expect(description).toMatch(/accepted again as older calls leave the hour/);
	});

	test("each description quotes SmartSimple's own words verbatim before the advice", () => {
		for (const { text, problem } of DOCUMENTED_ERRORS) {
			expect(problem.description.startsWith(`SmartSimple answered "${text}". Check`) || problem.description.startsWith(`SmartSimple answered "${text}". SmartSimple allows`)).toBe(true);
		}
		expect(problemFor('Invalid API Token').description).toContain('"Invalid API Token"');
	});

	test('matching is case-insensitive', () => {
		expect(problemFor('INVALID API TOKEN')).toBe(problemFor('Invalid API Token'));
	});
});

describe('findProblem: every documented message in every envelope, status 200 and 4xx', () => {
	const cases = [];
	for (const message of GUIDE_MESSAGES) {
		for (const [envelope, wrap] of Object.entries(ENVELOPES)) {
			for (const status of [200, 400, 403, 404, 429, 500]) cases.push([message, envelope, status, wrap]);
		}
	}
	test.each(cases)('%j as %s, HTTP %i', (message, _envelope, status, wrap) => {
		expect(findProblem(status, wrap(message))).toEqual(problemFor(message));
	});
});

describe('findProblem: other answers', () => {
	test('401 is the login, whatever the body', () => {
		for (const body of ['', '<html><body>Unauthorized</body></html>', '{"records":[{"recordid":"1"}]}', 'Invalid API Token']) {
			expect(findProblem(401, body)).toBe(UNAUTHORIZED);
		}
		expect(UNAUTHORIZED.description).toMatch(/email and password/);
		expect(UNAUTHORIZED.description).toMatch(/API Access/);
		expect(UNAUTHORIZED.description).toMatch(/Company ID/);
	});

	test('blank 200 body', () => {
		for (const body of ['', '   ', '\r\n']) expect(findProblem(200, body)).toBe(BLANK_RESPONSE);
		expect(BLANK_RESPONSE.description).toMatch(/API Token/);
		expect(BLANK_RESPONSE.description).toMatch(/Record ID/);
		expect(BLANK_RESPONSE.description).toMatch(/record type/);
	});

	test('an HTML page or other non-JSON text with 200', () => {
		expect(findProblem(200, '<!DOCTYPE html><html><body>Login</body></html>')).toBe(NOT_JSON);
		expect(findProblem(200, 'null')).toBe(NOT_JSON);
		expect(findProblem(200, '42')).toBe(NOT_JSON);
		expect(findProblem(200, '"just a string"')).toBe(NOT_JSON);
	});

	test('4xx/5xx without a documented message', () => {
		expect(findProblem(500, '<html>Internal Server Error</html>')).toEqual(serverFault(500));
		expect(findProblem(503, '')).toEqual(serverFault(503));
		expect(findProblem(404, 'Not Found')).toEqual(serverFault(404));
		expect(serverFault(502).message).toBe('SmartSimple had a server error (HTTP 502)');
		expect(serverFault(404).message).toBe('SmartSimple refused the request (HTTP 404)');
	});

	test('good answers are not problems', () => {
		expect(findProblem(200, '{"records":[],"message":{"recordfrom":0,"recordto":0,"recordcount":0,"allcount":0}}')).toBeUndefined();
		expect(findProblem(200, '{"records":[{"recordid":"1"}],"message":{}}')).toBeUndefined();
		expect(findProblem(200, '[]')).toBeUndefined();
		expect(readAnswer(200, ' {"records":[{"recordid":"1"}],"message":{}}\n')).toEqual({
			data: { records: [{ recordid: '1' }], message: {} },
		});
	});

	test('a documented message inside real record data is data, not an error', () => {
		const body = JSON.stringify({
			records: [{ recordid: '7', sf_Description: 'Users see "Invalid API Token" when ...' }],
			message: { recordfrom: 1, recordto: 1, recordcount: 1, allcount: 1 },
		});
		expect(findProblem(200, body)).toBeUndefined();
	});
});

describe('transportProblem', () => {
	const url = 'https://acme.smartsimple.com/API/1/levelone/';

	test('timeouts: axios code on the error or (as n8n-core wraps it) on its cause, or the message', () => {
		const expected = {
			code: 'TIMEOUT',
			message: 'SmartSimple did not answer in time (acme.smartsimple.com)',
			description: expect.stringMatching(/timed out.*lower the page size/),
		};
		expect(transportProblem(Object.assign(new Error('x'), { code: 'ECONNABORTED' }), url)).toEqual(expected);
		expect(transportProblem(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), url)).toEqual(expected);
		expect(transportProblem(new Error('timeout of 300000ms exceeded'), url)).toEqual(expected);
		const wrapped = new Error('The connection was aborted, perhaps the server is offline');
		wrapped.cause = Object.assign(new Error('timeout of 300000ms exceeded'), { code: 'ECONNABORTED' });
		expect(transportProblem(wrapped, url)).toEqual(expected);
	});

	test('connection failures name the host; the code goes in the description', () => {
		expect(transportProblem(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), url)).toEqual({
			code: 'UNREACHABLE',
			message: 'Could not reach SmartSimple at acme.smartsimple.com',
			description:
				"The connection failed (ECONNREFUSED). Check the credential's Instance URL and that this n8n instance can reach it over the network.",
		});
		const wrapped = new Error('The connection cannot be established');
		wrapped.cause = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
		expect(transportProblem(wrapped, url).description).toMatch(/^The connection failed \(ENOTFOUND\)\. /);
		expect(transportProblem(new Error('socket hang up'), url)).toEqual({
			code: 'UNREACHABLE',
			message: 'Could not reach SmartSimple at acme.smartsimple.com',
			description:
				"Check the credential's Instance URL and that this n8n instance can reach it over the network.",
		});
		expect(transportProblem(new Error('x'), 'not a url').message).toBe(
			'Could not reach SmartSimple at the instance URL',
		);
	});

	test('no message names an error code n8n would replace with its own words', () => {
		const codes = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'EAI_AGAIN'];
		for (const code of codes) {
			const { message } = transportProblem(Object.assign(new Error('x'), { code }), url);
			for (const other of codes) expect(message).not.toContain(other);
		}
	});

	test("the credential's own Instance URL refusal passes through", () => {
		const message = "The credential's Instance URL must start with https:// (got http://example.com)";
		expect(transportProblem(new Error(message), url)).toEqual({
			code: 'BAD_INSTANCE_URL',
			message,
			description: "Fix the credential's Instance URL.",
		});
	});
});

describe('Retry-After', () => {
	const now = Date.parse('2025-06-02T09:00:00Z');
	test('seconds, an HTTP date, or nothing usable', () => {
		expect(retryAfterMs('0', now)).toBe(0);
		expect(retryAfterMs(' 7 ', now)).toBe(7000);
		expect(retryAfterMs('Mon, 02 Jun 2025 09:00:30 GMT', now)).toBe(30000);
		expect(retryAfterMs('Mon, 02 Jun 2025 08:00:00 GMT', now)).toBe(0);
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('', now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs('-5', now)).toBeUndefined();
	});
});

describe('Content-Disposition file names', () => {
	test.each([
		['attachment; filename="100% done.pdf"', '100% done.pdf'],
		['attachment; filename="Budget.pdf"', 'Budget.pdf'],
		['attachment; filename=plain.txt', 'plain.txt'],
		['attachment; filename="say \\"hi\\".txt"', 'say "hi".txt'],
		["attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%20final.pdf", 'résumé final.pdf'],
		["attachment; filename=\"fallback.pdf\"; filename*=UTF-8''na%C3%AFve.pdf", 'naïve.pdf'],
		["attachment; filename*=UTF-8''100%.pdf", '100%.pdf'],
		["attachment; filename*=UTF-8''%E0%A4%A.pdf", '%E0%A4%A.pdf'],
		["attachment; filename*=iso-8859-1'en'%E9t%E9.txt", 'été.txt'],
		['attachment', undefined],
		['attachment; filename=""', undefined],
		['', undefined],
	])('%s', (header, name) => {
		expect(fileNameOf(header)).toBe(name);
	});
});

describe('redaction', () => {
	test('every encoding of a secret is replaced, longest first', () => {
		const secret = 'Pa55!&secret=x %41+y"<é>';
		const forms = [
			secret,
			encodeURIComponent(secret),
			new URLSearchParams({ p: secret }).toString().slice(2),
			JSON.stringify(secret).slice(1, -1),
			Buffer.from(secret).toString('base64'),
			secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
		];
		const clean = redactSecrets(`a ${forms.join(' | ')} z`, [secret, undefined, '']);
		expect(clean).toBe(`a ${forms.map(() => '[redacted]').join(' | ')} z`);
	});

	test('withoutLogin takes the login and the token out of a query string', () => {
		expect(
			withoutLogin('https://a.smartsimple.com/API/1/company/?alias=a&companyid=1&username=u%40x&password=p%26q&apitoken=t&objectid=5&fieldid=7'),
		).toBe(
			'https://a.smartsimple.com/API/1/company/?alias=[redacted]&companyid=[redacted]&username=[redacted]&password=[redacted]&apitoken=[redacted]&objectid=5&fieldid=7',
		);
		expect(withoutLogin('https://a.smartsimple.com/API/1/company/?Password=x#frag')).toBe(
			'https://a.smartsimple.com/API/1/company/?Password=[redacted]#frag',
		);
	});

	test("redactNode replaces every parameter the node's description marks as a password, expressions too", () => {
		const node = {
			name: 'SmartSimple',
			type: 'n8n-nodes-smartsimple.smartSimple',
			parameters: {
				resource: 'levelOne',
				operation: 'update',
				apiToken: '={{ $json.token }}',
				recordId: '12',
				options: { readCurrentToken: 'read-secret', getMetaToken: 'meta-secret', stripPrefixes: true },
			},
		};
		const redacted = redactNode(node);
		expect(redacted.parameters).toEqual({
			resource: 'levelOne',
			operation: 'update',
			apiToken: '[redacted]',
			recordId: '12',
			options: { readCurrentToken: '[redacted]', getMetaToken: '[redacted]', stripPrefixes: true },
		});
		expect(node.parameters.apiToken).toBe('={{ $json.token }}'); // the node itself is not changed
		const create = redactNode({ ...node, parameters: { operation: 'create', options: { discoveryToken: 'd' } } });
		expect(create.parameters.options.discoveryToken).toBe('[redacted]');
		const plain = { ...node, parameters: { resource: 'company', operation: 'get', recordId: '1' } };
		expect(redactNode(plain)).toBe(plain);
	});
});
