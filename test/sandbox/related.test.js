'use strict';
// Files (list, download, search), associations (list, update), multiple addresses (list,
// update), get meta / update meta, variables replace, reports and system variables.

const { startSandbox } = require('./index');
const { call, list } = require('./helpers');

let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 42, records: 'small' });
});
afterAll(() => sb.close());

/** A level one record that has files in both of its upload fields. */
function recordWithFiles() {
	for (const r of sb.store.rows('levelone')) {
		const files = sb.store.files('levelone', r.recordid);
		if (new Set(files.map((f) => f.fieldid)).size === 2) return { id: String(r.recordid), files };
	}
	throw new Error('no record with files in both fields');
}

describe('files', () => {
	test('listfiles: objectid + fieldid list that field\'s files with list counts', async () => {
		const { id, files } = recordWithFiles();
		const inField = files.filter((f) => f.fieldid === '1234580');
		const r = await list(sb, 'levelone', 'levelone-listfiles', { objectid: id, fieldid: '1234580' });
		expect(r.records).toEqual(inField.map((f) => ({ fileid: f.fileid, filename: f.filename, filesize: f.filesize, fieldid: '1234580', objectid: id, uploaddate: f.uploaddate })));
		expect(r.message).toEqual({ recordfrom: 1, recordto: inField.length, recordcount: inField.length, allcount: inField.length });
		const both = await list(sb, 'levelone', 'levelone-listfiles', { objectid: id });
		expect(both.records).toHaveLength(files.length);
		const byName = await list(sb, 'levelone', 'levelone-listfiles', { objectid: id, fieldid: 'cf_Budget File' });
		expect(byName.records.map((f) => f.fieldid)).toEqual(files.filter((f) => f.fieldid === '1234581').map(() => '1234581'));
	});
	test('listfiles: a record without files answers an empty list; an unknown record a blank body', async () => {
		const bare = sb.store.create('levelone', { sf_Name: 'No files' }).recordid;
		const r = await list(sb, 'levelone', 'levelone-listfiles', { objectid: bare });
		expect(r.records).toEqual([]);
		expect((await call(sb, 'levelone', { apitoken: 'levelone-listfiles', objectid: '3999999' })).text).toBe('');
	});
	test('listfiles: a field outside the function\'s field list is refused', async () => {
		const { id } = recordWithFiles();
		const r = await call(sb, 'levelone', { apitoken: 'levelone-listfiles', objectid: id, fieldid: '1234568' });
		expect(r.json).toEqual({ records: [], message: 'Encountered error while processing list' });
	});
	test('downloadfile answers the raw bytes with Content-Type and Content-Disposition', async () => {
		const { id, files } = recordWithFiles();
		for (const f of files) {
			const r = await call(sb, 'levelone', { apitoken: 'levelone-downloadfile', objectid: id, fieldid: f.fieldid, filename: f.filename });
			expect(r.status).toBe(200);
			expect(r.buf.length).toBe(Number(f.filesize));
			expect(r.headers['content-disposition']).toBe(`attachment; filename="${f.filename}"`);
			const ext = f.filename.split('.').pop();
			expect(r.headers['content-type']).toBe({ pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8' }[ext]);
			if (ext === 'pdf') {
				expect(r.buf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
				expect(r.buf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
			}
			expect(r.buf.equals(sb.store.fileContent(f))).toBe(true);
		}
	});
	test('downloadfile of an unknown file name answers a blank body; a missing filename the empty-request error', async () => {
		const { id } = recordWithFiles();
		expect((await call(sb, 'levelone', { apitoken: 'levelone-downloadfile', objectid: id, fieldid: '1234580', filename: 'nope.pdf' })).text).toBe('');
		expect((await call(sb, 'levelone', { apitoken: 'levelone-downloadfile', objectid: id, fieldid: '1234580' })).json.message).toBe('Invalid API Request, request is empty or null');
	});
	test('a file added by a test is listed and downloaded byte for byte', async () => {
		const bytes = Buffer.from([0, 1, 2, 250, 255]);
		const f = sb.store.addFile('company', '1000002', '1100010', 'blob.bin', bytes);
		const l = await list(sb, 'company', 'company-listfiles', { objectid: '1000002', fieldid: '1100010' });
		expect(l.records.map((x) => x.filename)).toContain('blob.bin');
		const r = await call(sb, 'company', { apitoken: 'company-downloadfile', objectid: '1000002', fieldid: '1100010', filename: 'blob.bin' });
		expect(r.buf.equals(bytes)).toBe(true);
		expect(r.headers['content-type']).toBe('application/octet-stream');
		expect(f.filesize).toBe('5');
	});
	test('searchfiles finds files by a keyword in their contents, restricted to the function\'s upload fields', async () => {
		const expected = [];
		for (const row of sb.store.rows('levelone')) {
			for (const f of sb.store.files('levelone', row.recordid)) {
				if (sb.store.fileContent(f).toString('latin1').toLowerCase().includes('watershed')) expected.push(f.fileid);
			}
		}
		expect(expected.length).toBeGreaterThan(0);
		const r = await list(sb, 'levelone', 'levelone-searchfiles', { keyword: 'WaterShed' });
		expect(r.records.map((f) => f.fileid)).toEqual(expected);
		expect(r.records[0]).toEqual({ fileid: expect.any(String), filename: expect.any(String), filesize: expect.any(String), fieldid: expect.any(String), objectid: expect.any(String), uploaddate: expect.any(String) });
		const one = await list(sb, 'levelone', 'levelone-searchfiles', { keyword: 'watershed', fieldid: '1234581' });
		expect(one.records.every((f) => f.fieldid === '1234581')).toBe(true);
		expect((await call(sb, 'levelone', { apitoken: 'levelone-searchfiles' })).json.message).toBe('Invalid API Request, request is empty or null');
	});
});

describe('associations', () => {
	test('listassociations answers the contacts and companies of a level one record', async () => {
		const row = sb.store.get('levelone', '3000003');
		const r = await list(sb, 'levelone', 'levelone-listassociations', { objectid: '3000003' });
		expect(r.records[0]).toEqual({
			associationid: '30000030', objectid: '3000003', type: 'company', companyid: row.sf_Customer,
			name: sb.store.get('company', row.sf_Customer).sf_Name, rolename: 'Applicant Organization', roleid: '11',
		});
		expect(r.records[1]).toEqual({
			associationid: '30000031', objectid: '3000003', type: 'contact', contactid: row.sf_Contact,
			name: sb.store.userName(row.sf_Contact), rolename: 'Primary Contact', roleid: '1',
		});
		expect(r.message.allcount).toBe(r.records.length);
	});
	test('updateassociations adds contacts and companies by role name or ID, and changes a role', async () => {
		const r = await call(sb, 'levelone', {
			apitoken: 'levelone-updateassociations',
			jsonrset: [{ objectid: '3000004', contacts: [{ contactid: '2000030', rolename: 'Signee Internal' }, { contactid: '2000031', roleid: '5' }], companies: [{ companyid: '1000005', rolename: 'Partner' }] }],
		});
		const recs = r.json.records;
		expect(recs.map((x) => [x.recordindex, x.status])).toEqual([[1, 'created successfully'], [2, 'created successfully'], [3, 'created successfully']]);
		const l = await list(sb, 'levelone', 'levelone-listassociations', { objectid: '3000004' });
		const added = l.records.filter((a) => recs.some((x) => x.associationid === a.associationid));
		expect(added.map((a) => [a.type, a.contactid ?? a.companyid, a.rolename])).toEqual([
			['contact', '2000030', 'Signee Internal'], ['contact', '2000031', 'Finance Contact'], ['company', '1000005', 'Partner'],
		]);
		const change = await call(sb, 'levelone', { apitoken: 'levelone-updateassociations', jsonrset: [{ objectid: '3000004', contacts: [{ associationid: recs[0].associationid, rolename: 'Reviewer' }] }] });
		expect(change.json.records).toEqual([{ associationid: recs[0].associationid, recordindex: 1, status: 'updated successfully' }]);
		const l2 = await list(sb, 'levelone', 'levelone-listassociations', { objectid: '3000004' });
		expect(l2.records.find((a) => a.associationid === recs[0].associationid).rolename).toBe('Reviewer');
	});
	test('updateassociations: unknown role, contact or object fail per association', async () => {
		const r = await call(sb, 'levelone', {
			apitoken: 'levelone-updateassociations',
			jsonrset: [{ objectid: '3000004', contacts: [{ contactid: '2000030', rolename: 'Boss' }, { contactid: '2999999', roleid: '1' }] }, { objectid: '3999999', contacts: [{ contactid: '2000030', roleid: '1' }] }],
		});
		expect(r.json.records.map((x) => x.status)).toEqual([
			'Encountered error while processing record: role "Boss" does not exist (Primary Contact, Signee Internal, Reviewer, Program Officer, Finance Contact)',
			'Encountered error while processing record: contactid 2999999: Recordset does not exist',
			'Encountered error while processing record: Recordset does not exist',
		]);
	});
});

describe('multiple addresses', () => {
	test('listaddresses answers the addresses of a company, the first one being its main address', async () => {
		const c = sb.store.get('company', '1000002');
		const r = await list(sb, 'company', 'company-listaddresses', { objectid: '1000002' });
		expect(r.records[0]).toMatchObject({ addressid: '10000020', objectid: '1000002', addresstype: 'Mailing', address: c.sf_Address, city: c.sf_City, country: c.sf_Country });
		expect(Object.keys(r.records[0])).toEqual(['addressid', 'objectid', 'addresstype', 'address', 'address2', 'city', 'state', 'country', 'postalcode']);
	});
	test('updateaddresses creates ("0") and updates addresses; unknown fields fail', async () => {
		const r = await call(sb, 'user', {
			apitoken: 'user-updateaddresses',
			jsonrset: [
				{ addressid: '0', objectid: '2000030', addresstype: 'Home', address: '1 Elm St', address2: '', city: 'Halifax', state: 'NS', country: 'Canada', postalcode: 'B3H 1A1' },
				{ addressid: '20000300', city: 'Dartmouth' },
				{ addressid: '20000300', colour: 'blue' },
				{ addressid: '99', city: 'X' },
			],
		});
		const [a, b, c, d] = r.json.records;
		expect(a).toEqual({ recordid: a.addressid, addressid: expect.stringMatching(/^\d+$/), recordindex: 1, status: 'created successfully' });
		expect(b).toEqual({ recordid: '20000300', addressid: '20000300', recordindex: 2, status: 'updated successfully' });
		expect(c.status).toBe('Encountered error while processing record: field "colour" is not an address field');
		expect(d.status).toBe('Encountered error while processing record: Recordset does not exist');
		const l = await list(sb, 'user', 'user-listaddresses', { objectid: '2000030' });
		expect(l.records.find((x) => x.addressid === '20000300').city).toBe('Dartmouth');
		expect(l.records.find((x) => x.addressid === a.addressid)).toEqual({ addressid: a.addressid, objectid: '2000030', addresstype: 'Home', address: '1 Elm St', address2: '', city: 'Halifax', state: 'NS', country: 'Canada', postalcode: 'B3H 1A1' });
	});
});

describe('get meta / update meta', () => {
	test('getmeta answers the levels named by the field list with types, statuses and fields', async () => {
		const r = await call(sb, 'levelone', { apitoken: 'levelone-getmeta' });
		expect(Object.keys(r.json)).toEqual(['levelone', 'leveltwo', 'levelthree']);
		const l1 = r.json.levelone;
		expect(l1.statuses).toEqual([
			{ id: '1', name: 'Draft' }, { id: '2', name: 'Submitted' }, { id: '3', name: 'Under Review' }, { id: '4', name: 'Approved' },
			{ id: '5', name: 'Declined' }, { id: '6', name: 'Withdrawn' }, { id: '7', name: 'Closed' },
		]);
		expect(l1.types.map((t) => t.name)).toEqual(['Grant Application', 'Letter of Inquiry', 'Renewal Application']);
		expect(l1.fields.find((f) => f.key === 'cf_Program Area')).toMatchObject({ id: '1234567', name: 'Program Area', caption: 'Program Area', type: 'option' });
		expect(l1.fields.find((f) => f.key === 'sf_Modified Date')).toEqual({ id: '', name: 'Modified Date', caption: 'Modified Date', type: 'timestamp', key: 'sf_Modified Date', readonly: true });
		const l3 = await call(sb, 'levelthree', { apitoken: 'levelthree-getmeta' });
		expect(Object.keys(l3.json)).toEqual(['levelthree']);
	});
	test('updatemeta adds a status and a custom field, renames a type; the new status is writable', async () => {
		const r = await call(sb, 'levelone', {
			apitoken: 'levelone-updatemeta',
			jsonrset: [
				{ level: 'levelone', kind: 'status', id: '0', name: 'On Hold' },
				{ level: 'levelone', kind: 'type', id: '2', name: 'LOI' },
				{ level: 'levelone', kind: 'field', id: '0', name: 'Board Notes', caption: 'Notes for the board' },
				{ level: 'leveltwo', kind: 'type', id: '9', name: 'X' },
				{ level: 'nowhere', kind: 'type', id: '0', name: 'X' },
			],
		});
		const recs = r.json.records;
		expect(recs[0]).toEqual({ recordid: '8', id: '8', level: 'levelone', kind: 'status', recordindex: 1, status: 'created successfully' });
		expect(recs[1]).toMatchObject({ id: '2', recordindex: 2, status: 'updated successfully' });
		expect(recs[2]).toMatchObject({ id: '1234582', recordindex: 3, status: 'created successfully' });
		expect(recs[3].status).toBe('Encountered error while processing record: type 9 does not exist');
		expect(recs[4].status).toBe('Encountered error while processing record: level "nowhere" is not in the function\'s field list');
		const meta = (await call(sb, 'levelone', { apitoken: 'levelone-getmeta' })).json.levelone;
		expect(meta.statuses.at(-1)).toEqual({ id: '8', name: 'On Hold' });
		expect(meta.types[1]).toEqual({ id: '2', name: 'LOI' });
		expect(meta.fields.at(-1)).toEqual({ id: '1234582', name: 'Board Notes', caption: 'Notes for the board', type: 'text', key: 'cf_Board Notes' });
		const u = await call(sb, 'levelone', { apitoken: 'levelone-update-status', jsonrset: [{ recordid: '3000020', sf_Status: '8', 'cf_Amount Awarded': '' }] });
		expect(u.json.records[0].status).toBe('updated successfully');
		const g = await call(sb, 'levelone', { apitoken: 'levelone-get', recordid: '3000020' });
		expect(g.json.records[0].sf_Status).toBe('On Hold');
		const c = await list(sb, 'levelone', 'levelone-list', { criteria: [{ andor: 'and', field: 'cf_Board Notes', operator: 'isempty', value: 'true' }] });
		expect(c.message.allcount).toBe(sb.store.count('levelone'));
	});
});

describe('variables replace', () => {
	test('fills @variables@ from the record, leaving unknown ones as they are', async () => {
		const u = sb.store.get('user', '2000030');
		const r = await call(sb, 'user', { apitoken: 'user-variablesreplace', recordid: '2000030', content: 'Hello @firstname@ @lastname@ (@email@), @name@. @First Name@ @sf_Email@ #@unknown@# @recordid@' });
		expect(r.json).toEqual({
			records: [{ content: `Hello ${u['sf_First Name']} ${u['sf_Last Name']} (${u.sf_Email}), ${u['sf_First Name']} ${u['sf_Last Name']}. ${u['sf_First Name']} ${u.sf_Email} #@unknown@# 2000030` }],
			message: {},
		});
	});
	test('uses display values: status caption, money, option captions, custom field by ID', async () => {
		sb.store.update('levelone', '3000021', { sf_Name: 'Solar Schools', sf_Status: '4', 'sf_Requested Amount': '12500', 'cf_Program Area': '3' });
		const r = await call(sb, 'levelone', { apitoken: 'levelone-variablesreplace', recordid: '3000021', content: '@name@ is @status@: @requestedamount@ for @cf_1234567@. Mail a@b.org' });
		expect(r.json.records[0].content).toBe('Solar Schools is Approved: $12,500.00 for Environment. Mail a@b.org');
	});
	test('an unknown record answers a blank body', async () => {
		expect((await call(sb, 'user', { apitoken: 'user-variablesreplace', recordid: '2999999', content: '@name@' })).text).toBe('');
	});
});

describe('reports and system variables', () => {
	test('a report answers rows keyed by column caption, no recordid, with list counts and paging', async () => {
		const r = await list(sb, 'report', 'report-list', { othersettings: { recordsperpage: 10, pagenum: 2 } });
		expect(r.records).toHaveLength(10);
		expect(Object.keys(r.records[0])).toEqual(['Application ID', 'Application Name', 'Status', 'Program Area', 'Requested Amount', 'Organization', 'Modified Date']);
		expect(r.records[0]['Application ID']).toBe(String(sb.store.rows('levelone')[10].recordid));
		expect(r.message).toEqual({ recordfrom: 11, recordto: 20, recordcount: 10, allcount: sb.store.count('levelone') });
	});
	test('report criteria and sortby use the column captions', async () => {
		const r = await list(sb, 'report', 'report-summary', { sortby: [{ field: 'Organizations', direction: 'desc' }] });
		const counts = r.records.map((x) => Number(x.Organizations));
		expect(counts).toEqual([...counts].sort((a, b) => b - a));
		expect(counts.reduce((a, b) => a + b, 0)).toBe(sb.store.count('company'));
		const ca = await list(sb, 'report', 'report-summary', { criteria: [{ andor: 'and', field: 'Country', operator: '=', value: 'Canada' }] });
		expect(ca.records.map((x) => x.Country)).toEqual(['Canada']);
	});
	test('sysvar list answers the system variables', async () => {
		const r = await list(sb, 'sysvar', 'sysvar-list', { criteria: [{ andor: 'and', field: 'sf_Name', operator: '=', value: 'DefaultCurrency' }] });
		expect(r.records).toEqual([{ recordid: '110', sf_Name: 'DefaultCurrency', sf_Value: 'USD', sf_Description: 'Currency for money fields' }]);
	});
});
