'use strict';
// Update functions: create (recordid "0"), update and delete through jsonrset in both forms
// (bare array and {"records":[...]}), field-list enforcement, date and option rules, and the
// Modified / Created Date stamps from the sandbox clock.

const { startSandbox } = require('./index');
const { call } = require('./helpers');

let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 42, records: 'small', now: '2025-06-02 09:00:00' });
});
afterAll(() => sb.close());

const update = (token, jsonrset, endpoint = 'levelone') => call(sb, endpoint, { apitoken: token, jsonrset });
const FULL = () => ({
	sf_Name: 'Clean Water - Test', sf_Type: '1', sf_Status: '2', sf_Owner: String(sb.store.staffIds[1]), sf_Customer: '1000003', sf_Contact: '2000040',
	'sf_Start Date': '2025-09-01', 'sf_End Date': '2026-08-31', 'sf_Requested Amount': '25000', 'cf_Program Area': '3',
	'cf_Project Summary': 'Wells for <b>three</b> villages', 'cf_Amount Awarded': '',
});

describe.each([
	['a bare JSON array', (recs) => recs],
	['{"records":[...]}', (recs) => ({ records: recs })],
])('jsonrset as %s', (_, wrap) => {
	test('recordid "0" creates a record: "created successfully", new ID, both dates stamped from the clock', async () => {
		sb.clock.set('2025-06-03 10:11:12');
		const r = await update('levelone-update', wrap([{ recordid: '0', ...FULL() }]));
		expect(r.status).toBe(200);
		const [res] = r.json.records;
		expect(res).toEqual({ recordid: expect.stringMatching(/^\d+$/), recordindex: 1, status: 'created successfully' });
		expect(r.json.message).toEqual({});
		const row = sb.store.get('levelone', res.recordid);
		expect(row).toMatchObject({
			sf_Name: 'Clean Water - Test', sf_Status: '2', 'sf_Start Date': '2025-09-01 00:00:00', 'sf_Requested Amount': '25000',
			'cf_Amount Awarded': null, 'sf_Created Date': '2025-06-03 10:11:12', 'sf_Modified Date': '2025-06-03 10:11:12', 'sf_Created By': 'SmartConnect API',
		});
		const got = await call(sb, 'levelone', { apitoken: 'levelone-get', recordid: res.recordid });
		expect(got.json.records[0]['sf_Requested Amount']).toBe('$25,000.00');
	});
	test('update changes the fields and stamps only sf_Modified Date', async () => {
		const before = sb.store.get('levelone', '3000010');
		sb.clock.set('2025-06-04 08:00:00');
		const r = await update('levelone-update-status', wrap([{ recordid: '3000010', sf_Status: '4', 'cf_Amount Awarded': '15000' }]));
		expect(r.json.records).toEqual([{ recordid: '3000010', recordindex: 1, status: 'updated successfully' }]);
		const after = sb.store.get('levelone', '3000010');
		expect(after).toEqual({ ...before, sf_Status: '4', 'cf_Amount Awarded': '15000', 'sf_Modified Date': '2025-06-04 08:00:00' });
	});
	test('delete removes records: "deleted successfully"; an unknown ID fails alone', async () => {
		const a = sb.store.create('transactions', { sf_Subject: 'to delete A' }).recordid;
		const b = sb.store.create('transactions', { sf_Subject: 'to delete B' }).recordid;
		const r = await update('transactions-delete', wrap([{ recordid: a }, { recordid: '6999999' }, { recordid: b }]), 'transactions');
		expect(r.json.records).toEqual([
			{ recordid: a, recordindex: 1, status: 'deleted successfully' },
			{ recordid: '6999999', recordindex: 2, status: 'Encountered error while processing record: Recordset does not exist' },
			{ recordid: b, recordindex: 3, status: 'deleted successfully' },
		]);
		expect(sb.store.get('transactions', a)).toBeUndefined();
		expect(sb.store.get('transactions', b)).toBeUndefined();
		const got = await call(sb, 'transactions', { apitoken: 'transactions-get', recordid: a });
		expect(got.text).toBe('');
	});
});

describe('several records in one call', () => {
	test('each record gets its own answer; a failing record does not stop the others', async () => {
		sb.clock.set('2025-06-05 12:00:00');
		const r = await update('levelone-update-status', [
			{ recordid: '3000011', sf_Status: '5', 'cf_Amount Awarded': '' },
			{ recordid: '3000012', sf_Status: 'Approved', 'cf_Amount Awarded': '' },
			{ recordid: '0', sf_Status: '1', 'cf_Amount Awarded': '' },
			{ recordid: '3999999', sf_Status: '1', 'cf_Amount Awarded': '' },
		]);
		expect(r.json.records[0]).toEqual({ recordid: '3000011', recordindex: 1, status: 'updated successfully' });
		expect(r.json.records[1]).toEqual({ recordid: '3000012', recordindex: 2, status: 'Encountered error while processing record: sf_Status: "Approved" is not a stored option value (1=Draft;2=Submitted;3=Under Review;4=Approved;5=Declined;6=Withdrawn;7=Closed)' });
		expect(r.json.records[2]).toMatchObject({ recordindex: 3, status: 'created successfully' });
		expect(r.json.records[3]).toEqual({ recordid: '3999999', recordindex: 4, status: 'Encountered error while processing record: Recordset does not exist' });
		expect(sb.store.get('levelone', '3000011').sf_Status).toBe('5');
		expect(sb.store.get('levelone', '3000012')['sf_Modified Date']).not.toBe('2025-06-05 12:00:00');
	});
});

describe('field-list enforcement', () => {
	const one = async (rec, token = 'levelone-update-status') => (await update(token, [rec])).json.records[0];
	test('a record missing a field of the list fails naming the field', async () => {
		expect(await one({ recordid: '3000013', sf_Status: '2' })).toEqual({
			recordid: '3000013', recordindex: 1, status: 'Encountered error while processing record: field "cf_Amount Awarded" of the function\'s field list is missing',
		});
	});
	test('a record carrying a field outside the list fails naming the field', async () => {
		const before = sb.store.get('levelone', '3000013');
		expect((await one({ recordid: '3000013', sf_Status: '2', 'cf_Amount Awarded': '', sf_Name: 'Renamed' })).status)
			.toBe('Encountered error while processing record: field "sf_Name" is not in the function\'s field list');
		expect(sb.store.get('levelone', '3000013')).toEqual(before);
	});
	test('a field may be given by another reference to the same field (name for an ID in the list)', async () => {
		expect((await one({ recordid: '3000013', sf_Name: 'By name', 'cf_Program Area': '6' }, 'levelone-update-byid')).status).toBe('updated successfully');
		expect((await one({ recordid: '3000013', sf_Name: 'By id', cf_1234567: '5' }, 'levelone-update-byid')).status).toBe('updated successfully');
		expect(sb.store.get('levelone', '3000013')['cf_Program Area']).toBe('5');
		expect((await one({ recordid: '3000013', sf_Name: 'Both', cf_1234567: '5', 'cf_Program Area': '4' }, 'levelone-update-byid')).status)
			.toBe('Encountered error while processing record: field "cf_Program Area" is given twice');
	});
	test('a record without recordid fails', async () => {
		expect((await one({ sf_Status: '2', 'cf_Amount Awarded': '' })).status).toBe('Encountered error while processing record: recordid is missing (use "0" to create)');
	});
	test('the full levelone-update list must be sent whole (the guide: every field and only those)', async () => {
		const rec = { recordid: '3000014', ...FULL() };
		expect((await one(rec, 'levelone-update')).status).toBe('updated successfully');
		delete rec['cf_Project Summary'];
		expect((await one(rec, 'levelone-update')).status).toBe('Encountered error while processing record: field "cf_Project Summary" of the function\'s field list is missing');
	});
});

describe('value rules', () => {
	const base = () => ({ recordid: '3000015', ...FULL() });
	const status = async (rec) => (await update('levelone-update', [rec])).json.records[0].status;
	test.each(['2025/09/01', '09/01/2025', '2025-9-1', '2025-02-30', '2025-09-01 10:00:00', 'tomorrow'])('date "%s" is refused: dates must be YYYY-MM-DD', async (d) => {
		expect(await status({ ...base(), 'sf_Start Date': d })).toBe(`Encountered error while processing record: sf_Start Date: "${d}" is not a date in the format YYYY-MM-DD`);
	});
	test('a YYYY-MM-DD date is stored as that day at 00:00:00; an empty date clears it', async () => {
		expect(await status({ ...base(), 'sf_Start Date': '2024-02-29', 'sf_End Date': '' })).toBe('updated successfully');
		expect(sb.store.get('levelone', '3000015')).toMatchObject({ 'sf_Start Date': '2024-02-29 00:00:00', 'sf_End Date': '' });
	});
	test('option fields take stored values, not captions', async () => {
		expect(await status({ ...base(), 'cf_Program Area': 'Environment' })).toBe('Encountered error while processing record: cf_Program Area: "Environment" is not a stored option value (1=Arts & Culture;2=Education;3=Environment;4=Health;5=Community Development;6=Youth)');
		expect(await status({ ...base(), 'cf_Program Area': '4' })).toBe('updated successfully');
		expect(sb.store.get('levelone', '3000015')['cf_Program Area']).toBe('4');
	});
	test('money takes a plain number, not a formatted amount', async () => {
		expect(await status({ ...base(), 'sf_Requested Amount': '$25,000.00' })).toBe('Encountered error while processing record: sf_Requested Amount: "$25,000.00" is not a number');
	});
	test('the owner must be a user ID', async () => {
		expect(await status({ ...base(), sf_Owner: '42' })).toBe('Encountered error while processing record: sf_Owner: "42" is not a user ID');
	});
	test('read-only fields in a field list are accepted and ignored', async () => {
		const fn = { token: 'levelone-update-ro', endpoint: 'levelone', action: 'update', fieldList: 'sf_Name;;sf_Modified Date', name: 'ro' };
		const s2 = await startSandbox({ records: 'small', functions: [fn], now: '2025-06-10 00:00:00' });
		try {
			const r = await call(s2, 'levelone', { apitoken: fn.token, jsonrset: [{ recordid: '3000001', sf_Name: 'X', 'sf_Modified Date': '1999-01-01' }] });
			expect(r.json.records[0].status).toBe('updated successfully');
			expect(s2.store.get('levelone', '3000001')).toMatchObject({ sf_Name: 'X', 'sf_Modified Date': '2025-06-10 00:00:00' });
		} finally {
			await s2.close();
		}
	});
	test('user and company updates work the same way', async () => {
		sb.clock.set('2025-06-06 06:06:06');
		const u = await update('user-update-contact', [{ recordid: '2000030', sf_Email: 'new@example.org', sf_Phone: '+1 555-0100' }], 'user');
		expect(u.json.records[0].status).toBe('updated successfully');
		expect(sb.store.get('user', '2000030')).toMatchObject({ sf_Email: 'new@example.org', 'sf_Modified Date': '2025-06-06 06:06:06' });
		const fields = sb.fn('company-update').fieldList.split(';;');
		const rec = { recordid: '0' };
		for (const f of fields) rec[f] = '';
		Object.assign(rec, { sf_Name: 'New Org', 'cf_Organization Type': '2' });
		const c = await update('company-update', { records: [rec] }, 'company');
		expect(c.json.records[0].status).toBe('created successfully');
		expect(sb.store.get('company', c.json.records[0].recordid)).toMatchObject({ sf_Name: 'New Org', 'cf_Organization Type': '2', 'sf_Created Date': '2025-06-06 06:06:06' });
	});
	test('system variables update through jsonrset', async () => {
		const r = await update('sysvar-update', [{ recordid: '102', sf_Name: 'GrantCycle', sf_Value: '2026', sf_Description: 'Current grant cycle' }], 'sysvar');
		expect(r.json.records[0]).toEqual({ recordid: '102', recordindex: 1, status: 'updated successfully' });
		const g = await call(sb, 'sysvar', { apitoken: 'sysvar-get', recordid: '102' });
		expect(g.json.records).toEqual([{ recordid: '102', sf_Name: 'GrantCycle', sf_Value: '2026', sf_Description: 'Current grant cycle' }]);
	});
});

describe('malformed jsonrset', () => {
	test('missing jsonrset: "Invalid API Request, request is empty or null"', async () => {
		const r = await call(sb, 'levelone', { apitoken: 'levelone-update-status' });
		expect(r.json).toEqual({ records: [], message: 'Invalid API Request, request is empty or null' });
	});
	test('jsonrset that is not JSON: "Encountered error while processing record"', async () => {
		const r = await call(sb, 'levelone', { apitoken: 'levelone-update-status', jsonrset: '[{recordid:1}' });
		expect(r.json).toEqual({ records: [], message: 'Encountered error while processing record' });
	});
	test('a value that is an object fails that record', async () => {
		const r = await update('levelone-update-status', [{ recordid: '3000016', sf_Status: { id: 2 }, 'cf_Amount Awarded': '' }]);
		expect(r.json.records[0].status).toBe('Encountered error while processing record: sf_Status: value must be text, not an object');
	});
});
