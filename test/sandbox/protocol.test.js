'use strict';
// Remote-call login (401 and its three documented causes), the token check, required
// parameters, endpoints and versions, GET, case-sensitive names, the call log and the
// value rules of list/get: getstorevalue, keyformat 0/1/2, includearchive.

const { startSandbox } = require('./index');
const { call, list } = require('./helpers');

let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 42, records: 'small' });
});
afterAll(() => sb.close());
beforeEach(() => sb.resetCalls());

describe('remote-call login', () => {
	test('valid credentials and token: HTTP 200 with a JSON recordset', async () => {
		const r = await call(sb, 'company', { apitoken: 'company-list', othersettings: { recordend: 2 } });
		expect(r.status).toBe(200);
		expect(r.json.records).toHaveLength(2);
		expect(r.headers['content-type']).toBe('text/html;charset=UTF-8');
	});
	test.each([
		['a wrong password (invalid credentials)', { password: 'wrong' }, 'invalid credentials'],
		['an unknown user (invalid credentials)', { username: 'nobody@example.org' }, 'invalid credentials'],
		['a user whose account type is not API Access', null, 'user account type is not API Access'],
		['a companyid that is not the root company', { companyId: '1000001' }, 'companyid is not the root company'],
		['a wrong alias', { alias: 'other' }, 'alias does not match the instance'],
	])('%s answers HTTP 401 with an HTML page', async (_, creds, cause) => {
		const c = creds || { username: sb.nonApiUser.username, password: sb.nonApiUser.password };
		const r = await call(sb, 'company', { apitoken: 'company-list' }, { creds: c });
		expect(r.status).toBe(401);
		expect(r.headers['content-type']).toMatch(/text\/html/);
		expect(r.text).toMatch(/^<!DOCTYPE html>/);
		expect(sb.calls[0].error).toBe(`401: ${cause}`);
	});
	test('no credentials at all: 401', async () => {
		const r = await call(sb, 'company', { apitoken: 'company-list' }, { auth: false });
		expect(r.status).toBe(401);
	});
	test('the email is matched without regard to case, the password exactly', async () => {
		expect((await call(sb, 'company', { apitoken: 'company-list', othersettings: { recordend: 1 } }, { creds: { username: sb.credentials.username.toUpperCase() } })).status).toBe(200);
		expect((await call(sb, 'company', { apitoken: 'company-list' }, { creds: { password: sb.credentials.password.toUpperCase() } })).status).toBe(401);
	});
});

describe('token and required parameters', () => {
	test('an unknown token after a good login answers "Invalid API Token"', async () => {
		const r = await call(sb, 'company', { apitoken: 'n8n-credential-test' });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ records: [], message: 'Invalid API Token' });
	});
	test('a bad login is reported before a bad token', async () => {
		const r = await call(sb, 'company', { apitoken: 'nope' }, { creds: { password: 'x' } });
		expect(r.status).toBe(401);
	});
	test('missing apitoken answers "Invalid API Request, request is empty or null"', async () => {
		const r = await call(sb, 'company', {});
		expect(r.json).toEqual({ records: [], message: 'Invalid API Request, request is empty or null' });
	});
	test('missing url answers "Invalid API Request, request is empty or null"; any url value is accepted and logged', async () => {
		const r = await call(sb, 'company', { apitoken: 'company-list' }, { url: false });
		expect(r.json).toEqual({ records: [], message: 'Invalid API Request, request is empty or null' });
		const ok = await call(sb, 'company', { apitoken: 'company-list', url: 'https://example.smartsimple.com/API/1/company/', othersettings: { recordend: 1 } });
		expect(ok.json.records).toHaveLength(1);
		expect(sb.calls[1].url).toBe('https://example.smartsimple.com/API/1/company/');
	});
	test('parameter names are case sensitive: APIToken is not apitoken', async () => {
		const r = await call(sb, 'company', { APIToken: 'company-list' });
		expect(r.json.message).toBe('Invalid API Request, request is empty or null');
		const r2 = await call(sb, 'company', { apitoken: 'company-list', Othersettings: { recordend: 1 } });
		expect(r2.json.records.length).toBe(21); // Othersettings ignored: all 21 companies
	});
	test('a token posted to another record type\'s endpoint answers a blank body', async () => {
		const r = await call(sb, 'levelone', { apitoken: 'company-list' });
		expect(r.status).toBe(200);
		expect(r.text).toBe('');
	});
	test('an unknown endpoint answers a blank body', async () => {
		const r = await call(sb, 'projects', { apitoken: 'company-list' });
		expect(r.status).toBe(200);
		expect(r.text).toBe('');
	});
	test('/API/2/ and GET with a query string work like POST /API/1/', async () => {
		const a = await call(sb, 'company', { apitoken: 'company-list', othersettings: { recordend: 3 } });
		const b = await call(sb, 'company', { apitoken: 'company-list', othersettings: { recordend: 3 } }, { version: 2 });
		const c = await call(sb, 'company', { apitoken: 'company-list', othersettings: { recordend: 3 } }, { method: 'GET' });
		expect(b.json).toEqual(a.json);
		expect(c.json).toEqual(a.json);
		expect(sb.calls.map((x) => [x.method, x.version])).toEqual([['POST', '1'], ['POST', '2'], ['GET', '1']]);
	});
});

describe('call log', () => {
	test('records endpoint, version, token, action, raw form, parsed JSON fields and status', async () => {
		await call(sb, 'levelone', { apitoken: 'levelone-list', criteria: [{ andor: 'and', field: 'sf_Status', operator: '=', value: '4' }], sortby: [{ field: 'sf_Name', direction: 'desc' }], othersettings: { recordsperpage: 5 } });
		await call(sb, 'levelone', { apitoken: 'levelone-update-status', jsonrset: '[{"recordid":"3000001","sf_Status":"2","cf_Amount Awarded":""}]' });
		expect(sb.calls).toHaveLength(2);
		const [c1, c2] = sb.calls;
		expect(c1).toMatchObject({ endpoint: 'levelone', version: '1', token: 'levelone-list', action: 'list', status: 200, method: 'POST' });
		expect(c1.form.criteria).toBe('[{"andor":"and","field":"sf_Status","operator":"=","value":"4"}]');
		expect(c1.form.username).toBe(sb.credentials.username);
		expect(c1.parsed).toEqual({
			criteria: [{ andor: 'and', field: 'sf_Status', operator: '=', value: '4' }],
			sortby: [{ field: 'sf_Name', direction: 'desc' }],
			othersettings: { recordsperpage: 5 },
		});
		expect(c2).toMatchObject({ token: 'levelone-update-status', action: 'update', status: 200 });
		expect(c2.parsed.jsonrset).toEqual([{ recordid: '3000001', sf_Status: '2', 'cf_Amount Awarded': '' }]);
	});
	test('sb.resetCalls() empties the log', async () => {
		await call(sb, 'company', { apitoken: 'nope' });
		expect(sb.calls).toHaveLength(1);
		expect(sb.calls[0].error).toBe('Invalid API Token');
		sb.resetCalls();
		expect(sb.calls).toHaveLength(0);
	});
});

describe('get', () => {
	test('answers {"records":[{recordid, ...field list}],"message":{}} with display values', async () => {
		const row = sb.store.get('levelone', '3000002');
		const r = await call(sb, 'levelone', { apitoken: 'levelone-get', recordid: '3000002' });
		const rec = r.json.records[0];
		expect(r.json.message).toEqual({});
		expect(Object.keys(rec)).toEqual(['recordid', ...sb.fn('levelone-get').fieldList.split(';;')]);
		expect(rec.recordid).toBe('3000002');
		expect(rec.sf_Name).toBe(row.sf_Name);
		expect(rec['sf_Modified Date']).toBe(row['sf_Modified Date']);
		expect(rec['sf_Modified Date']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(rec.sf_Status).toBe(sb.store.schema.levelone.statuses[row.sf_Status]);
	});
	test('an unknown record ID answers a blank body', async () => {
		const r = await call(sb, 'levelone', { apitoken: 'levelone-get', recordid: '9999999' });
		expect(r.status).toBe(200);
		expect(r.text).toBe('');
	});
});

describe('othersettings values: getstorevalue, keyformat, includearchive', () => {
	let rec;
	beforeAll(() => {
		rec = sb.store.create('levelone', {
			sf_Name: 'Values test', sf_Type: '1', sf_Status: '4', sf_Owner: sb.store.staffIds[0], sf_Customer: '1000001', sf_Contact: '2000030',
			'sf_Start Date': '2025-07-01 00:00:00', 'sf_Requested Amount': '25000', 'cf_Program Area': '3', 'cf_Amount Awarded': '1234.5',
			'cf_Project Summary': 'Line one<br />Line two',
		});
	});
	const getOne = async (token, othersettings) =>
		(await call(sb, 'levelone', { apitoken: token, recordid: rec.recordid, othersettings })).json.records[0];

	test('getstorevalue 0 (default) gives display values, 1 stored values', async () => {
		const display = await getOne('levelone-get', { getstorevalue: '0' });
		const stored = await getOne('levelone-get', { getstorevalue: '1' });
		expect(await getOne('levelone-get')).toEqual(display);
		const owner = sb.store.get('user', sb.store.staffIds[0]);
		expect([display['sf_Requested Amount'], display.sf_Status, display.sf_Type, display['cf_Program Area'], display['cf_Amount Awarded'], display.sf_Owner])
			.toEqual(['$25,000.00', 'Approved', 'Grant Application', 'Environment', '$1,234.50', `${owner['sf_First Name']} ${owner['sf_Last Name']}`]);
		expect([stored['sf_Requested Amount'], stored.sf_Status, stored.sf_Type, stored['cf_Program Area'], stored['cf_Amount Awarded'], stored.sf_Owner])
			.toEqual(['25000', '4', '1', '3', '1234.5', String(sb.store.staffIds[0])]);
		expect(display['cf_Project Summary']).toBe('Line one<br />Line two');
		expect(display['sf_End Date']).toBe(''); // empty standard field: ""
	});
	test('an empty custom field is null', async () => {
		sb.store.update('levelone', rec.recordid, { 'cf_Amount Awarded': null });
		expect((await getOne('levelone-get'))['cf_Amount Awarded']).toBeNull();
		sb.store.update('levelone', rec.recordid, { 'cf_Amount Awarded': '1234.5' });
	});
	test('keyformat 0 keys as written in the field list (here by custom field ID)', async () => {
		const r = await getOne('levelone-get-byid', { keyformat: 0 });
		expect(r).toEqual({ recordid: rec.recordid, sf_Name: 'Values test', sf_Status: 'Approved', cf_1234567: 'Environment', cf_1234569: '$1,234.50' });
	});
	test('keyformat 1 keys by field name', async () => {
		const r = await getOne('levelone-get-byid', { keyformat: 1 });
		expect(Object.keys(r)).toEqual(['recordid', 'sf_Name', 'sf_Status', 'cf_Program Area', 'cf_Amount Awarded']);
		expect(r['cf_Program Area']).toBe('Environment');
	});
	test('keyformat 2 keys custom fields by ID', async () => {
		const r = await getOne('levelone-get', { keyformat: 2, getstorevalue: 1 });
		expect(r.cf_1234567).toBe('3');
		expect(r.cf_1234568).toBe('Line one<br />Line two');
		expect(r.cf_1234569).toBe('1234.5');
		expect(r.sf_Name).toBe('Values test');
		expect(r['cf_Program Area']).toBeUndefined();
	});
	test('keyformat applies to list calls too', async () => {
		const r = await list(sb, 'levelone', 'levelone-list-byid', { othersettings: { keyformat: 1, getstorevalue: 1, recordend: 1 } });
		expect(Object.keys(r.records[0])).toEqual(['recordid', 'sf_Name', 'sf_Status', 'sf_Modified Date', 'cf_Program Area', 'cf_Amount Awarded']);
	});
	test('includearchive: archived records are included unless it is 0', async () => {
		const rows = sb.store.list('levelone');
		const archived = rows.filter((r) => r.archived).map((r) => r.recordid);
		expect(archived.length).toBeGreaterThan(0);
		const all = await list(sb, 'levelone', 'levelone-list');
		const incl = await list(sb, 'levelone', 'levelone-list', { othersettings: { includearchive: 1 } });
		const excl = await list(sb, 'levelone', 'levelone-list', { othersettings: { includearchive: '0' } });
		expect(all.ids).toEqual(rows.map((r) => r.recordid));
		expect(incl.ids).toEqual(all.ids);
		expect(excl.ids).toEqual(rows.filter((r) => !r.archived).map((r) => r.recordid));
		expect(excl.message.allcount).toBe(rows.length - archived.length);
	});
});
