'use strict';
/**
 * Upload File and Delete File through real n8n (WorkflowExecute) against the sandbox: the exact
 * request (URL, query string, multipart part, jsonrset), the exact output items, the bytes that
 * arrive, call counts, and that the login in an upload's URL never shows.
 */
const crypto = require('crypto');
const { binaryToBuffer } = require('../helpers/n8n');
const { useSandbox, ownFields } = require('../helpers/sandbox');

const ctx = useSandbox({ records: 'small', seed: 42 });
const { run } = ctx;

const CASES = [
	{ resource: 'company', endpoint: 'company', recordId: '1000004', fieldId: '1100010' },
	{ resource: 'user', endpoint: 'user', recordId: '2000004', fieldId: '1200010' },
	{ resource: 'levelOne', endpoint: 'levelone', recordId: '3000004', fieldId: '1234581' },
	{ resource: 'levelTwo', endpoint: 'leveltwo', recordId: '4000004', fieldId: '1300010' },
	{ resource: 'levelThree', endpoint: 'levelthree', recordId: '5000004', fieldId: '1350010' },
];

/** Every byte value, CR LF and a line that looks like a multipart delimiter. */
const BYTES = Buffer.concat([Buffer.from([...Array(256).keys()]), Buffer.from('\r\n--boundary\r\n\r\n%PDF', 'latin1'), Buffer.from([0, 0, 255])]);
const AWKWARD_NAME = 'Budget (final) [v2] – Résumé été "draft".bin';

const fileItem = (data, fileName, mimeType = 'application/octet-stream', property = 'data', json = {}) => ({
	json,
	binary: { [property]: { data: data.toString('base64'), mimeType, fileName } },
});

const uploadParams = (resource, endpoint, recordId, fieldId, extra = {}) => ({
	resource,
	operation: 'uploadFile',
	apiToken: `${endpoint}-uploadfile`,
	recordId,
	fieldId,
	binaryPropertyName: 'data',
	...extra,
});

describe.each(CASES)('uploadFile: $resource', ({ resource, endpoint, recordId, fieldId }) => {
	test('the exact request: every parameter in the query string, the file as one multipart part; bytes and name arrive exactly', async () => {
		const { items, error } = await run(uploadParams(resource, endpoint, recordId, fieldId), {
			input: [fileItem(BYTES, AWKWARD_NAME)],
		});
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		const [call] = ctx.sb.calls;
		const { credentials } = ctx.sb;
		expect(call).toMatchObject({ method: 'POST', path: `/API/1/${endpoint}/`, endpoint, action: 'uploadfile' });
		expect(call.query).toEqual({
			apitoken: `${endpoint}-uploadfile`,
			objectid: recordId,
			fieldid: fieldId,
			url: `${ctx.sb.url}/API/1/${endpoint}/`,
			username: credentials.username,
			password: credentials.password,
			companyid: credentials.companyId,
			alias: credentials.alias,
		});
		expect(call.form).toEqual(call.query); // nothing in the body but the file
		expect(call.contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(call.files).toHaveLength(1);
		expect(call.files[0]).toMatchObject({ name: 'file', filename: AWKWARD_NAME, contentType: 'application/octet-stream' });
		expect(Buffer.compare(call.files[0].data, BYTES)).toBe(0);

		const stored = ctx.sb.store.files(endpoint, recordId).find((f) => f.filename === AWKWARD_NAME);
		expect(Buffer.compare(ctx.sb.store.fileContent(stored), BYTES)).toBe(0);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			recordId,
			fieldId,
			fileName: AWKWARD_NAME,
			fileSize: BYTES.length,
			mimeType: 'application/octet-stream',
			fileid: stored.fileid,
			filename: AWKWARD_NAME,
			filesize: String(BYTES.length),
			fieldid: fieldId,
			objectid: recordId,
			uploaddate: stored.uploaddate,
			status: 'uploaded successfully',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].binary).toBeUndefined();
	});

	test('upload, then Download File gives back the same bytes', async () => {
		const name = `Round trip ${endpoint} (ü).bin`;
		await run(uploadParams(resource, endpoint, recordId, fieldId), { input: [fileItem(BYTES, name)] });
		const { items, error } = await run({
			resource,
			operation: 'downloadFile',
			apiToken: `${endpoint}-downloadfile`,
			recordId,
			fieldId,
			fileName: name,
			binaryPropertyName: 'data',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ fileName: name, fileSize: BYTES.length });
		expect(Buffer.compare(await binaryToBuffer(items[0], 'data'), BYTES)).toBe(0);
	});
});

describe('uploadFile', () => {
	const l1 = uploadParams('levelOne', 'levelone', '3000006', '1234580');

	test('one call per item; the MIME type comes from the binary data, else from the extension', async () => {
		const { items, error } = await run(
			{ ...l1, recordId: '={{ $json.record }}', binaryPropertyName: '={{ $json.field }}' },
			{
				input: [
					fileItem(Buffer.from('first'), 'One.txt', 'text/plain', 'data', { record: '3000006', field: 'data' }),
					fileItem(Buffer.from('%PDF-1.4 second'), 'Two.pdf', '', 'attachment', { record: '3000007', field: 'attachment' }),
				],
			},
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(2);
		expect(ctx.sb.calls.map((call) => [call.query.objectid, call.files[0].filename, call.files[0].contentType])).toEqual([
			['3000006', 'One.txt', 'text/plain'],
			['3000007', 'Two.pdf', 'application/pdf'],
		]);
		expect(items.map((item) => [item.json.recordId, item.json.fileName, item.json.fileSize, item.json.mimeType, item.pairedItem.item])).toEqual([
			['3000006', 'One.txt', 5, 'text/plain', 0],
			['3000007', 'Two.pdf', 15, 'application/pdf', 1],
		]);
	});

	test('a file of the same name in the field is replaced', async () => {
		await run(l1, { input: [fileItem(Buffer.from('old contents'), 'Same.txt', 'text/plain')] });
		await run(l1, { input: [fileItem(Buffer.from('new contents'), 'Same.txt', 'text/plain')] });
		const same = ctx.sb.store.files('levelone', '3000006').filter((f) => f.fieldid === '1234580' && f.filename === 'Same.txt');
		expect(same).toHaveLength(1);
		expect(ctx.sb.store.fileContent(same[0]).toString()).toBe('new contents');
	});

	test('a file of several megabytes arrives byte for byte', async () => {
		const big = crypto.randomBytes(6 * 1024 * 1024);
		const { items, error } = await run(l1, { input: [fileItem(big, 'Big.bin')] });
		expect(error).toBeUndefined();
		expect(items[0].json.fileSize).toBe(big.length);
		const stored = ctx.sb.store.files('levelone', '3000006').find((f) => f.filename === 'Big.bin');
		expect(Buffer.compare(ctx.sb.store.fileContent(stored), big)).toBe(0);
	});

	test('no binary field of that name: an error naming the field and the fix, before any call', async () => {
		const { error } = await run({ ...l1, binaryPropertyName: 'file' }, { input: [fileItem(BYTES, 'A.bin', undefined, 'data')] });
		expect(error.message).toBe('The input item has no binary field "file"');
		expect(error.description).toBe('Set Input Binary Field to the field holding the file: this item has "data".');
		const none = await run(l1, { input: [{ json: {} }] });
		expect(none.error.message).toBe('The input item has no binary field "data"');
		expect(none.error.description).toMatch(/carries no file/);
		expect(ctx.sb.calls).toHaveLength(0);
	});

	test('empty Record ID or Field ID: refused before any call', async () => {
		for (const [name, label] of [['recordId', 'Record ID'], ['fieldId', 'Field ID']]) {
			const { error } = await run({ ...l1, [name]: ' ' }, { input: [fileItem(BYTES, 'A.bin')] });
			expect(error.message).toBe(`${label} is empty`);
		}
		expect(ctx.sb.calls).toHaveLength(0);
	});

	test('an unknown record: SmartSimple answers blank, and the error says what to check', async () => {
		const { error } = await run({ ...l1, recordId: '3999999' }, { input: [fileItem(BYTES, 'A.bin')] });
		expect(error.message).toBe('SmartSimple did not take the file "A.bin" for record 3999999');
		expect(error.description).toMatch(/Record ID/);
		expect(ctx.sb.calls).toHaveLength(1);
	});

	test('a field outside the function\'s field list: the Field ID advice', async () => {
		const { error } = await run({ ...l1, fieldId: '1234567' }, { input: [fileItem(BYTES, 'A.bin')] });
		expect(error.message).toBe('SmartSimple could not run the list query');
		expect(error.description).toMatch(/Check the Field ID/);
	});

	test('a server fault after sending: not sent again (the file may be saved), and the error shows neither URL nor login', async () => {
		const { credentials } = ctx.sb;
		const echoed = `${ctx.sb.url}/API/1/levelone/?alias=${credentials.alias}&username=${encodeURIComponent(credentials.username)}&password=${encodeURIComponent(credentials.password)}&apitoken=levelone-uploadfile`;
		ctx.sb.faults.add({ action: 'uploadfile', status: 503, body: `<html><body>Internal error while serving ${echoed}</body></html>` });
		const { error, runData } = await run(l1, { input: [fileItem(BYTES, 'A.bin')] });
		expect(error.message).toBe('SmartSimple may have saved the file "A.bin"');
		expect(error.description).toMatch(/^The upload failed after it may have reached SmartSimple, so it was not sent again\. .*List Files \(record 3000006, field 1234580\)/);
		expect(ctx.sb.calls).toHaveLength(1);
		const shown = JSON.stringify({ error, message: error.message, description: error.description, runData });
		for (const secret of [credentials.password, encodeURIComponent(credentials.password), credentials.username, encodeURIComponent(credentials.username), 'levelone-uploadfile']) {
			expect(shown).not.toContain(secret);
		}
	});

	test('a refusal with a documented message is SmartSimple\'s answer: its error, once, with the login out of the excerpt', async () => {
		const { credentials } = ctx.sb;
		ctx.sb.faults.add({ action: 'uploadfile', status: 500, body: `Encountered error while processing record (user ${credentials.username})` });
		const { error } = await run(l1, { input: [fileItem(BYTES, 'A.bin')] });
		expect(error.message).toMatch(/SmartSimple could not save the record/);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain(credentials.username);
	});

	test('a dropped connection: not sent again, and the error names no URL', async () => {
		ctx.sb.faults.add({ action: 'uploadfile', body: 'reset' });
		const { error } = await run(l1, { input: [fileItem(BYTES, 'A.bin')] });
		expect(error.message).toBe('SmartSimple may have saved the file "A.bin"');
		expect(JSON.stringify({ error, d: error.description })).not.toMatch(/password|\?alias=/);
		expect(ctx.sb.calls).toHaveLength(1);
	});

	test('Continue On Fail: a failed upload becomes an error item and the next item still uploads', async () => {
		const { items, error } = await run(
			{ ...l1, recordId: '={{ $json.record }}' },
			{
				continueOnFail: true,
				input: [fileItem(BYTES, 'Lost.bin', undefined, 'data', { record: '3999999' }), fileItem(BYTES, 'Kept.bin', undefined, 'data', { record: '3000006' })],
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.error ?? item.json.status)).toEqual([
			'SmartSimple did not take the file "Lost.bin" for record 3999999',
			'uploaded successfully',
		]);
		expect(ctx.sb.calls).toHaveLength(2);
	});
});

describe('deleteFile', () => {
	const del = { resource: 'levelOne', operation: 'deleteFile', apiToken: 'levelone-deletefile', recordId: '={{ $json.objectid }}', fieldId: '={{ $json.fieldid }}', fileName: '={{ $json.filename }}' };

	test('files of several records and fields in one jsonrset call; an unknown file fails only its item', async () => {
		const a = ctx.sb.store.addFile('levelone', '3000010', '1234580', 'Delete me.txt', 'a');
		const b = ctx.sb.store.addFile('levelone', '3000010', '1234581', 'Budget [old].csv', 'b');
		const c = ctx.sb.store.addFile('levelone', '3000011', '1234581', 'Ça va.pdf', 'c');
		const entries = [a, b, { objectid: '3000011', fieldid: '1234580', filename: 'Never uploaded.pdf' }, c].map(({ objectid, fieldid, filename }) => ({ objectid, fieldid, filename }));
		const { items, error } = await run(del, { continueOnFail: true, input: entries.map((json) => ({ json })) });
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ path: '/API/1/levelone/', action: 'deletefile' });
		expect(ownFields(ctx.sb.calls[0])).toEqual({ jsonrset: JSON.stringify(entries) });
		expect(items.map((item) => item.json)).toEqual([
			{ recordId: '3000010', fieldId: '1234580', fileName: 'Delete me.txt', deleted: true, status: 'deleted successfully' },
			{ recordId: '3000010', fieldId: '1234581', fileName: 'Budget [old].csv', deleted: true, status: 'deleted successfully' },
			{
				error: 'SmartSimple refused the file: "Never uploaded.pdf" in field 1234580 of record 3000011 (file "Never uploaded.pdf" does not exist in field 1234580 of record 3000011)',
				description: expect.stringMatching(/^Check the File Name/),
			},
			{ recordId: '3000011', fieldId: '1234581', fileName: 'Ça va.pdf', deleted: true, status: 'deleted successfully' },
		]);
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
		for (const file of [a, b, c]) expect(ctx.sb.store.files('levelone', file.objectid).includes(file)).toBe(false);
	});

	test('Batch Size: 5 items at 2 per call cost 3 calls', async () => {
		const files = [1, 2, 3, 4, 5].map((n) => ctx.sb.store.addFile('leveltwo', '4000010', '1300010', `Batch ${n}.txt`, String(n)));
		const { items, error } = await run(
			{ ...del, resource: 'levelTwo', apiToken: 'leveltwo-deletefile', options: { batchSize: 2 } },
			{ input: files.map(({ objectid, fieldid, filename }) => ({ json: { objectid, fieldid, filename } })) },
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(3);
		expect(ctx.sb.calls.map((call) => call.parsed.jsonrset.length)).toEqual([2, 2, 1]);
		expect(items.map((item) => item.json.fileName)).toEqual(files.map((f) => f.filename));
	});

	test('without Continue On Fail the unknown file stops the node with its error', async () => {
		const { error } = await run(del, { input: [{ json: { objectid: '3000012', fieldid: '1234580', filename: 'Ghost.txt' } }] });
		expect(error.message).toMatch(/^SmartSimple refused the file: "Ghost.txt"/);
		expect(ctx.sb.calls).toHaveLength(1);
	});

	test('an empty File Name is refused before any call', async () => {
		const { error } = await run(del, { input: [{ json: { objectid: '3000012', fieldid: '1234580', filename: '' } }] });
		expect(error.message).toBe('File Name is empty');
		expect(ctx.sb.calls).toHaveLength(0);
	});
});
