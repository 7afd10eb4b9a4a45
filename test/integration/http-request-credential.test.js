'use strict';
/**
 * The smartSimpleApi credential in n8n's HTTP Request node (the real node is proven in the e2e
 * suite). In process: a stand-in node sends the request the way HTTP Request V3 does with
 * "Predefined Credential Type" (n8n's legacy request options, `form` for a form-urlencoded body,
 * `qs` for query parameters) through n8n-core's real requestWithAuthentication.
 */
const { runNode } = require('../helpers/n8n');
const { useSandbox } = require('../helpers/sandbox');

const ctx = useSandbox({ records: 'small', seed: 42 });

/** What HTTP Request V3 does with Send Body (Form Urlencoded) or Send Query, and nodeCredentialType. */
class HttpRequestLike {
	constructor() {
		this.description = {
			displayName: 'HTTP Request Like',
			name: 'httpRequestLike',
			group: ['output'],
			version: 1,
			description: 'Sends one request like HTTP Request V3',
			defaults: { name: 'HTTP Request Like' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'smartSimpleApi', required: true }],
			properties: [{ displayName: 'Request', name: 'request', type: 'json', default: '{}' }],
		};
	}
	async execute() {
		const { method, url, form, qs } = JSON.parse(this.getNodeParameter('request', 0));
		const requestOptions = { headers: {}, method, uri: url, gzip: true, rejectUnauthorized: true, followRedirect: true, resolveWithFullResponse: true };
		if (form) requestOptions.form = form;
		if (qs) requestOptions.qs = qs;
		const response = await this.helpers.requestWithAuthentication.call(this, 'smartSimpleApi', requestOptions);
		return [[{ json: { statusCode: response.statusCode, body: JSON.parse(response.body) } }]];
	}
}

const sendRequest = (request) =>
	runNode({ nodeType: HttpRequestLike, parameters: { request: JSON.stringify(request) }, credentials: ctx.sb.credentials });

test('a form-urlencoded POST: the credential adds the login to the form, SmartSimple answers the list', async () => {
	const url = `${ctx.sb.url}/API/1/levelone/`;
	const othersettings = JSON.stringify({ recordstart: 1, recordend: 3 });
	const { items, error } = await sendRequest({ method: 'POST', url, form: { apitoken: 'levelone-list', url, othersettings } });
	expect(error).toBeUndefined();
	expect(items[0].json.statusCode).toBe(200);
	expect(items[0].json.body.records.map((r) => r.recordid)).toEqual(ctx.sb.store.list('levelone').slice(0, 3).map((r) => r.recordid));
	expect(ctx.sb.calls).toHaveLength(1);
	const [call] = ctx.sb.calls;
	const { credentials } = ctx.sb;
	expect(call.contentType).toBe('application/x-www-form-urlencoded');
	expect(call.query).toEqual({});
	expect(call.form).toEqual({
		apitoken: 'levelone-list',
		url,
		othersettings,
		username: credentials.username,
		password: credentials.password,
		companyid: credentials.companyId,
		alias: credentials.alias,
	});
});

test('a GET with the parameters in the query string (the vendor accepts it): the login goes there too', async () => {
	const url = `${ctx.sb.url}/API/1/company/`;
	const { items, error } = await sendRequest({ method: 'GET', url, qs: { apitoken: 'company-get', url, recordid: '1000001' } });
	expect(error).toBeUndefined();
	expect(items[0].json.body.records[0].recordid).toBe('1000001');
	expect(ctx.sb.calls[0]).toMatchObject({ method: 'GET', action: 'get' });
	expect(ctx.sb.calls[0].query).toMatchObject({ username: ctx.sb.credentials.username, companyid: ctx.sb.credentials.companyId, alias: ctx.sb.credentials.alias });
});

test('n8n offers the credential there: the types the editor gets keep authenticate, with no node restriction', async () => {
	// n8n-core's real loader of a community package, then what n8n's postProcessLoaders does with
	// its credential types ({ ...type }) and JSON for /types/credentials.json. HTTP Request V3 lists
	// types whose `authenticate` is defined there (credentialTypes: 'has:authenticate').
	const { PackageDirectoryLoader } = require('n8n-core');
	const loader = new PackageDirectoryLoader(require('path').resolve(__dirname, '../..'));
	await loader.loadAll();
	const served = JSON.parse(JSON.stringify(loader.types.credentials.map((type) => ({ ...type }))));
	const type = served.find((t) => t.name === 'smartSimpleApi');
	expect(type.authenticate).toEqual({});
	expect(type.hidden).toBeUndefined();
	expect(type.restrictToSupportedNodes).toBeUndefined();
	expect(type.httpRequestNode).toBeUndefined();
});
