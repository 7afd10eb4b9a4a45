'use strict';
// The actions the vendor added after the guide, as the sandbox answers them over loopback HTTP:
// Files - Upload (query string + multipart), Files - Delete, Notes - List, Provider/Consumer -
// List / Update, transactions on API v2 with translevel; and their function checks.

const { startSandbox } = require('./index');
const { call, list } = require('./helpers');
const { parseMultipart } = require('./server');
const { notesOf, linksOf, LINK_ROLES } = require('./links');
const { ACTIONS } = require('./functions');

let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 42, records: 'small' });
});
afterAll(() => sb.close());
beforeEach(() => sb.resetCalls());

/** POSTs an upload the way the vendor documents it: every parameter in the query, the file as multipart. */
async function upload(endpoint, params, parts, { login = true } = {}) {
	const c = sb.credentials;
	const query = new URLSearchParams({
		...(login ? { alias: c.alias, companyid: c.companyId, username: c.username, password: c.password } : {}),
		url: `${sb.url}/API/1/${endpoint}/`,
		...params,
	});
	const boundary = 'sandbox-test-boundary';
	const chunks = [];
	for (const p of parts) {
		const filename = p.filename === undefined ? '' : `; filename="${p.filename}"`;
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${filename}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
		chunks.push(Buffer.from(p.data));
		chunks.push(Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	const res = await fetch(`${sb.url}/API/1/${endpoint}/?${query}`, {
		method: 'POST',
		body: Buffer.concat(chunks),
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
	});
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined; // the 401 page
	}
	return { status: res.status, text, json };
}

describe('functions', () => {
	test('upload, delete and notes for companies, users and UTA records; provider/consumer for Level 1 and 2 only', () => {
		for (const ep of ['company', 'user', 'levelone', 'leveltwo', 'levelthree']) {
			expect(ACTIONS[ep]).toEqual(expect.arrayContaining(['uploadfile', 'deletefile', 'listnotes']));
			for (const action of ['uploadfile', 'deletefile', 'listnotes']) expect(sb.fn(`${ep}-${action}`)).toMatchObject({ endpoint: ep, action });
		}
		expect(ACTIONS.levelone).toEqual(expect.arrayContaining(['listproviderconsumer', 'updateproviderconsumer']));
		expect(ACTIONS.leveltwo).toEqual(expect.arrayContaining(['listproviderconsumer', 'updateproviderconsumer']));
		expect(ACTIONS.levelthree).not.toContain('listproviderconsumer');
		expect(ACTIONS.transactions).not.toContain('uploadfile');
		expect(sb.fn('transactions-update-v2')).toMatchObject({ action: 'update', fieldList: 'sf_Object ID;;sf_Subject;;sf_Status;;sf_Type;;translevel' });
	});
});

describe('multipart parsing', () => {
	test('text fields and one file part, with a quoted name and a delimiter-like line in the bytes', () => {
		const bytes = Buffer.concat([Buffer.from([0, 255, 13, 10]), Buffer.from('x--b-y --b')]);
		const body = Buffer.concat([
			Buffer.from('--b\r\nContent-Disposition: form-data; name="objectid"\r\n\r\n3000001\r\n'),
			Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="A %22quoted%22 é.bin"\r\nContent-Type: application/x-test\r\n\r\n'),
			bytes,
			Buffer.from('\r\n--b--\r\n'),
		]);
		const parts = parseMultipart(body, 'multipart/form-data; boundary=b');
		expect(parts.map((p) => [p.name, p.filename, p.contentType, p.data.toString('latin1')])).toEqual([
			['objectid', undefined, undefined, '3000001'],
			['file', 'A "quoted" é.bin', 'application/x-test', bytes.toString('latin1')],
		]);
	});
	test('filename*=UTF-8 is read; a body without a boundary gives no parts', () => {
		const body = Buffer.from("--x\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf\r\n\r\nPDF\r\n--x--\r\n");
		expect(parseMultipart(body, 'multipart/form-data; boundary="x"')[0].filename).toBe('Résumé.pdf');
		expect(parseMultipart(body, 'multipart/form-data')).toEqual([]);
	});
});

describe('Files - Upload', () => {
	test('parameters in the query string, the file as any one part: stored under its name with its bytes', async () => {
		const bytes = Buffer.from([1, 2, 3, 0, 254, 255]);
		const r = await upload('levelone', { apitoken: 'levelone-uploadfile', objectid: '3000002', fieldid: '1234580' }, [
			{ name: 'upload', filename: 'Letter [signed] é.pdf', type: 'application/pdf', data: bytes },
		]);
		expect(r.status).toBe(200);
		const file = sb.store.files('levelone', '3000002').find((f) => f.filename === 'Letter [signed] é.pdf');
		expect(r.json).toEqual({
			records: [{ fileid: file.fileid, filename: 'Letter [signed] é.pdf', filesize: '6', fieldid: '1234580', objectid: '3000002', uploaddate: file.uploaddate, status: 'uploaded successfully' }],
			message: {},
		});
		expect(sb.store.fileContent(file)).toEqual(bytes);
		expect(sb.calls[0]).toMatchObject({ action: 'uploadfile', token: 'levelone-uploadfile', counted: true });
		expect(sb.calls[0].files.map((f) => [f.name, f.filename, f.contentType])).toEqual([['upload', 'Letter [signed] é.pdf', 'application/pdf']]);
	});
	test('a file of the same name in the field is replaced; in another field it is a second file', async () => {
		const params = { apitoken: 'levelone-uploadfile', objectid: '3000003', fieldid: '1234581' };
		await upload('levelone', params, [{ name: 'file', filename: 'Plan.txt', data: 'v1' }]);
		await upload('levelone', params, [{ name: 'file', filename: 'Plan.txt', data: 'v2' }]);
		await upload('levelone', { ...params, fieldid: '1234580' }, [{ name: 'file', filename: 'Plan.txt', data: 'other' }]);
		const plans = sb.store.files('levelone', '3000003').filter((f) => f.filename === 'Plan.txt');
		expect(plans.map((f) => [f.fieldid, sb.store.fileContent(f).toString()])).toEqual([['1234581', 'v2'], ['1234580', 'other']]);
	});
	test('no file part, two file parts, or a missing objectid/fieldid: "Invalid API Request"', async () => {
		const params = { apitoken: 'levelone-uploadfile', objectid: '3000003', fieldid: '1234581' };
		const file = { name: 'file', filename: 'A.txt', data: 'a' };
		for (const [p, parts] of [[params, []], [params, [file, { ...file, filename: 'B.txt' }]], [{ ...params, fieldid: '' }, [file]], [{ ...params, objectid: '' }, [file]]]) {
			expect((await upload('levelone', p, parts)).json).toEqual({ records: [], message: 'Invalid API Request, request is empty or null' });
		}
	});
	test('an unknown record: blank body; a field outside the field list: the list error; no login: 401', async () => {
		const file = [{ name: 'file', filename: 'A.txt', data: 'a' }];
		expect((await upload('levelone', { apitoken: 'levelone-uploadfile', objectid: '3999999', fieldid: '1234581' }, file)).text).toBe('');
		expect((await upload('levelone', { apitoken: 'levelone-uploadfile', objectid: '3000001', fieldid: '1234567' }, file)).json.message).toBe(
			'Encountered error while processing list',
		);
		expect((await upload('levelone', { apitoken: 'levelone-uploadfile', objectid: '3000001', fieldid: '1234581' }, file, { login: false })).status).toBe(401);
	});
});

describe('Files - Delete', () => {
	test('jsonrset across records and fields, matched by file name; an unknown file fails only its entry', async () => {
		const a = sb.store.addFile('company', '1000005', '1100010', 'One.txt', '1');
		const b = sb.store.addFile('company', '1000006', '1100010', 'Two.txt', '2');
		const jsonrset = [
			{ objectid: '1000005', fieldid: '1100010', filename: 'One.txt' },
			{ objectid: '1000005', fieldid: '1100010', filename: 'Missing.txt' },
			{ objectid: '1000006', fieldid: '1100010', filename: 'Two.txt' },
			{ objectid: '1999999', fieldid: '1100010', filename: 'Two.txt' },
			{ objectid: '1000006', fieldid: '1100001', filename: 'Two.txt' },
		];
		const r = await call(sb, 'company', { apitoken: 'company-deletefile', jsonrset });
		expect(r.json.records.map((x) => [x.recordindex, x.status])).toEqual([
			[1, 'deleted successfully'],
			[2, 'Encountered error while processing record: file "Missing.txt" does not exist in field 1100010 of record 1000005'],
			[3, 'deleted successfully'],
			[4, 'Encountered error while processing record: Recordset does not exist'],
			[5, 'Encountered error while processing record: fieldid 1100001 is not an upload field of the function\'s field list'],
		]);
		expect(r.json.records[0]).toMatchObject({ objectid: '1000005', fieldid: '1100010', filename: 'One.txt' });
		expect(sb.store.files('company', '1000005')).not.toContain(a);
		expect(sb.store.files('company', '1000006')).not.toContain(b);
	});
	test('one file as plain objectid, fieldid and filename parameters', async () => {
		sb.store.addFile('user', '2000005', '1200010', 'CV old.txt', 'x');
		const r = await call(sb, 'user', { apitoken: 'user-deletefile', objectid: '2000005', fieldid: '1200010', filename: 'CV old.txt' });
		expect(r.json.records[0].status).toBe('deleted successfully');
		expect((await call(sb, 'user', { apitoken: 'user-deletefile' })).json.message).toBe('Invalid API Request, request is empty or null');
	});
});

describe('Notes - List', () => {
	test('the record\'s notes, list-shaped with counts and paging; unknown record blank', async () => {
		const row = sb.store.list('levelone').find((r) => notesOf(sb.store, 'levelone', r.recordid).length >= 2);
		const notes = notesOf(sb.store, 'levelone', row.recordid);
		const r = await list(sb, 'levelone', 'levelone-listnotes', { objectid: row.recordid });
		expect(r.records).toEqual(notes);
		expect(r.message).toEqual({ recordfrom: 1, recordto: notes.length, recordcount: notes.length, allcount: notes.length });
		const second = await list(sb, 'levelone', 'levelone-listnotes', { objectid: row.recordid, othersettings: { recordstart: 2, recordend: 2 } });
		expect(second.records).toEqual([notes[1]]);
		expect((await call(sb, 'levelone', { apitoken: 'levelone-listnotes', objectid: '3999999' })).text).toBe('');
	});
});

describe('Provider/Consumer', () => {
	test('list: links where the record is provider or consumer, with names and roles', async () => {
		const link = linksOf(sb.store, 'leveltwo')[0];
		const r = await list(sb, 'leveltwo', 'leveltwo-listproviderconsumer', { objectid: link.providerid });
		expect(r.records).toContainEqual({
			associationid: link.associationid,
			providerid: link.providerid,
			providername: sb.store.get('leveltwo', link.providerid).sf_Name,
			consumerid: link.consumerid,
			consumername: sb.store.get('leveltwo', link.consumerid).sf_Name,
			roleid: link.roleid,
			rolename: LINK_ROLES[link.roleid],
		});
		expect(r.records.every((x) => x.providerid === link.providerid || x.consumerid === link.providerid)).toBe(true);
	});
	test('update: the vendor\'s create and role-change samples; only the role changes; each entry answers', async () => {
		const [p, c, other] = sb.store.list('levelone').slice(10, 13).map((x) => x.recordid);
		const created = await call(sb, 'levelone', { apitoken: 'levelone-updateproviderconsumer', jsonrset: [{ associationid: '0', roleid: '82840', consumerid: c, providerid: p }] });
		const [answer] = created.json.records;
		expect(answer).toMatchObject({ recordindex: 1, status: 'created successfully' });
		const id = answer.associationid;
		const r = await call(sb, 'levelone', {
			apitoken: 'levelone-updateproviderconsumer',
			jsonrset: [
				{ associationid: id, isupdate: '1', rolename: 'Agenda Item', consumerid: c, providerid: p },
				{ associationid: id, isupdate: '1', rolename: 'Cycle', consumerid: other, providerid: p },
				{ associationid: id, rolename: 'Cycle', consumerid: c, providerid: p },
				{ associationid: '0', rolename: 'Nope', consumerid: c, providerid: p },
				{ associationid: '0', roleid: '82840', consumerid: '3999999', providerid: p },
			],
		});
		expect(r.json.records.map((x) => x.status)).toEqual([
			'updated successfully',
			'Encountered error while processing record: only the role of a link can change: another provider or consumer needs a new link (associationid "0")',
			'Encountered error while processing record: isupdate must be "1" to change an existing link',
			'Encountered error while processing record: role "Nope" does not exist (Cycle, Related Application, Agenda Item)',
			'Encountered error while processing record: consumerid 3999999: Recordset does not exist',
		]);
		expect(linksOf(sb.store, 'levelone').find((l) => l.associationid === id)).toEqual({ associationid: id, providerid: p, consumerid: c, roleid: '82842' });
	});
});

describe('transactions on API v2', () => {
	const record = (extra) => ({ recordid: '0', 'sf_Object ID': '', sf_Subject: 'S', sf_Status: '1', sf_Type: '1', ...extra });
	test('/API/2/transactions/ takes translevel 1 or 2 in each record and checks sf_Object ID against it', async () => {
		const l1 = sb.store.list('levelone')[0].recordid;
		const l2 = sb.store.list('leveltwo')[0].recordid;
		const r = await call(
			sb,
			'transactions',
			{
				apitoken: 'transactions-update-v2',
				jsonrset: [
					record({ 'sf_Object ID': l1, translevel: '1' }),
					record({ 'sf_Object ID': l2, translevel: '2' }),
					record({ 'sf_Object ID': l1, translevel: '2' }),
					record({ 'sf_Object ID': l1 }),
				],
			},
			{ version: 2 },
		);
		expect(r.json.records.map((x) => x.status)).toEqual([
			'created successfully',
			'created successfully',
			`Encountered error while processing record: sf_Object ID ${l1} is not a UTA Level 2 record (translevel 2)`,
			'Encountered error while processing record: translevel must be "1" (UTA Level 1) or "2" (UTA Level 2), got ""',
		]);
		expect(sb.store.get('transactions', r.json.records[0].recordid)).toMatchObject({ translevel: '1', 'sf_Object ID': l1 });
		expect(sb.store.get('transactions', r.json.records[1].recordid)).toMatchObject({ translevel: '2' });
		expect(sb.calls[0]).toMatchObject({ version: '2', path: '/API/2/transactions/' });
	});
	test('API v1 has no translevel: a record carrying it fails; without it, v1 works as before', async () => {
		const r = await call(sb, 'transactions', { apitoken: 'transactions-update-v2', jsonrset: [record({ translevel: '1' }), record()] });
		expect(r.json.records.map((x) => x.status)).toEqual([
			'Encountered error while processing record: translevel is a field of API version 2: send the call to /API/2/transactions/',
			'created successfully',
		]);
	});
});
