'use strict';
/**
 * List Files, Download File and Search Files through real n8n (WorkflowExecute) against the
 * sandbox: the exact request each sends, and the exact items (and bytes) it outputs.
 */
const { binaryToBuffer } = require('../helpers/n8n');
const { useSandbox, ownFields } = require('../helpers/sandbox');

const ctx = useSandbox({ records: 'small', seed: 42 });
const { run } = ctx;

/** Resource, endpoint, token prefix, a seeded record and one upload field of its List Files function. */
const CASES = [
	{ resource: 'company', endpoint: 'company', recordId: '1000004', fieldId: '1100010' },
	{ resource: 'user', endpoint: 'user', recordId: '2000004', fieldId: '1200010' },
	{ resource: 'levelOne', endpoint: 'levelone', recordId: '3000004', fieldId: '1234581' },
	{ resource: 'levelTwo', endpoint: 'leveltwo', recordId: '4000004', fieldId: '1300010' },
	{ resource: 'levelThree', endpoint: 'levelthree', recordId: '5000004', fieldId: '1350010' },
];

const FILE_KEYS = ['fileid', 'filename', 'filesize', 'fieldid', 'objectid', 'uploaddate'];
const view = (file) => Object.fromEntries(FILE_KEYS.map((key) => [key, file[key]]));

describe.each(CASES)('$resource', ({ resource, endpoint, recordId, fieldId }) => {
	// Known files on top of whatever the seed attached (the sandbox stamps its clock's time).
	let added;
	beforeAll(() => {
		if (added) return;
		added = [
			ctx.sb.store.addFile(endpoint, recordId, fieldId, 'Notes.txt', `Notes for ${endpoint} ${recordId}\n`),
			ctx.sb.store.addFile(endpoint, recordId, fieldId, 'Archive.zip', Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 2, 255])),
			ctx.sb.store.addFile(endpoint, recordId, fieldId, `Quokka-${endpoint}.txt`, `the quokkafish ${endpoint} report`),
		];
	});

	test('listFiles: one item per file of the field, objectid + fieldid sent, one paged call', async () => {
		const expected = ctx.sb.store.files(endpoint, recordId).filter((f) => f.fieldid === fieldId).map(view);
		expect(expected.length).toBeGreaterThanOrEqual(3);
		const { items, error } = await run({
			resource,
			operation: 'listFiles',
			apiToken: `${endpoint}-listfiles`,
			recordId,
			fieldId,
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(items.slice(-3).map((item) => item.json.filename)).toEqual(['Notes.txt', 'Archive.zip', `Quokka-${endpoint}.txt`]);
		expect(items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ endpoint, action: 'listfiles', token: `${endpoint}-listfiles` });
		expect(ownFields(ctx.sb.calls[0])).toEqual({
			objectid: recordId,
			fieldid: fieldId,
			othersettings: JSON.stringify({ recordstart: 1, recordend: 1000 }),
		});
	});

	test('listFiles with a limit asks for exactly that many', async () => {
		const { items } = await run({
			resource,
			operation: 'listFiles',
			apiToken: `${endpoint}-listfiles`,
			recordId,
			fieldId,
			returnAll: false,
			limit: 2,
		});
		expect(items).toHaveLength(2);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0].parsed.othersettings).toEqual({ recordstart: 1, recordend: 2 });
	});

	test('downloadFile: the bytes, name and MIME type (server type, or from the extension)', async () => {
		const { items, error } = await run(
			{
				resource,
				operation: 'downloadFile',
				apiToken: `${endpoint}-downloadfile`,
				recordId: '={{ $json.objectid }}',
				fieldId: '={{ $json.fieldid }}',
				fileName: '={{ $json.filename }}',
				binaryPropertyName: 'data',
			},
			{ input: added.slice(0, 2).map((file) => ({ json: view(file) })) },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items.map((item) => item.json)).toEqual([
			{ recordId, fieldId, fileName: 'Notes.txt', fileSize: added[0].content.length, mimeType: 'text/plain' },
			// the sandbox serves .zip as application/octet-stream: the extension decides
			{ recordId, fieldId, fileName: 'Archive.zip', fileSize: 8, mimeType: 'application/zip' },
		]);
		expect((await binaryToBuffer(items[0], 'data')).toString('utf8')).toBe(`Notes for ${endpoint} ${recordId}\n`);
		expect(await binaryToBuffer(items[1], 'data')).toEqual(Buffer.from([0x50, 0x4b, 3, 4, 0, 1, 2, 255]));
		expect(items[0].binary.data).toMatchObject({ fileName: 'Notes.txt', mimeType: 'text/plain' });
		expect(items[1].binary.data).toMatchObject({ fileName: 'Archive.zip', mimeType: 'application/zip' });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(ctx.sb.calls.map((call) => [call.endpoint, call.action, ownFields(call)])).toEqual(
			added.slice(0, 2).map((file) => [
				endpoint,
				'downloadfile',
				{ objectid: recordId, fieldid: fieldId, filename: file.filename },
			]),
		);
	});

	test('searchFiles: the files whose contents hold the keyword, keyword sent, no fieldid unless given', async () => {
		const { items, error } = await run({
			resource,
			operation: 'searchFiles',
			apiToken: `${endpoint}-searchfiles`,
			keyword: 'QUOKKAFISH',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([view(added[2])]);
		expect(ownFields(ctx.sb.calls[0])).toEqual({
			keyword: 'QUOKKAFISH',
			othersettings: JSON.stringify({ recordstart: 1, recordend: 1000 }),
		});
		expect(ctx.sb.calls[0]).toMatchObject({ endpoint, action: 'searchfiles' });

		ctx.sb.resetCalls();
		const narrowed = await run({
			resource,
			operation: 'searchFiles',
			apiToken: `${endpoint}-searchfiles`,
			keyword: 'quokkafish',
			fieldId,
			returnAll: false,
			limit: 5,
		});
		expect(narrowed.items.map((item) => item.json.fileid)).toEqual([added[2].fileid]);
		expect(ownFields(ctx.sb.calls[0])).toEqual({
			keyword: 'quokkafish',
			fieldid: fieldId,
			othersettings: JSON.stringify({ recordstart: 1, recordend: 5 }),
		});
	});
});

describe('downloadFile', () => {
	test('a seeded PDF keeps the server\'s Content-Type and its exact bytes', async () => {
		const file = ctx.sb.store.files('levelone', '3000005').find((f) => f.filename === 'Budget.pdf');
		const bytes = ctx.sb.store.fileContent(file);
		const { items, error } = await run({
			resource: 'levelOne',
			operation: 'downloadFile',
			apiToken: 'levelone-downloadfile',
			recordId: '3000005',
			fieldId: file.fieldid,
			fileName: 'Budget.pdf',
			binaryPropertyName: 'attachment',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			recordId: '3000005',
			fieldId: file.fieldid,
			fileName: 'Budget.pdf',
			fileSize: bytes.length,
			mimeType: 'application/pdf',
		});
		expect(Object.keys(items[0].binary)).toEqual(['attachment']);
		expect(await binaryToBuffer(items[0], 'attachment')).toEqual(bytes);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	// Issue 12 #7: an answer sent as an attachment is a file, whatever its type and size.
	test.each([
		['a JSON file', 'export.json', '{"records":[],"message":"Invalid API Token"}', 'application/json'],
		['an HTML file', 'page.html', '<!DOCTYPE html><html><body>Sign in</body></html>', 'text/html'],
		['an empty file', 'empty.txt', '', 'text/plain'],
		['a plain name with a % sign', '100% done.pdf', '%PDF-1.4 done', 'application/pdf'],
	])('%s downloads as a file (one call)', async (_label, fileName, content, mimeType) => {
		ctx.sb.store.addFile('levelone', '3000006', '1234581', fileName, content);
		const { items, error } = await run({
			resource: 'levelOne',
			operation: 'downloadFile',
			apiToken: 'levelone-downloadfile',
			recordId: '3000006',
			fieldId: '1234581',
			fileName,
			binaryPropertyName: 'data',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			recordId: '3000006',
			fieldId: '1234581',
			fileName,
			fileSize: Buffer.byteLength(content),
			mimeType,
		});
		expect((await binaryToBuffer(items[0])).toString('utf8')).toBe(content);
		expect(ctx.sb.calls).toHaveLength(1);
	});

	test.each([
		["filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", 'résumé.pdf'],
		["filename*=UTF-8''50%25%20off%ZZ.pdf", '50%25%20off%ZZ.pdf'],
		['filename="100% done.pdf"', '100% done.pdf'],
	])('Content-Disposition attachment; %s: the name %j, never "URI malformed"', async (disposition, name) => {
		ctx.sb.faults.add({
			body: 'bytes',
			headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; ${disposition}` },
		});
		const { items, error } = await run({
			resource: 'levelOne',
			operation: 'downloadFile',
			apiToken: 'levelone-downloadfile',
			recordId: '3000006',
			fieldId: '1234581',
			fileName: 'asked-for.pdf',
			binaryPropertyName: 'data',
		});
		expect(error).toBeUndefined();
		expect(items[0].json.fileName).toBe(name);
		expect(items[0].binary.data.fileName).toBe(name);
	});

	test('a download that meets a 503 is retried like any read', async () => {
		ctx.sb.faults.add({ times: 1, status: 503, body: 'html', retryAfter: 0 });
		const { items, error } = await run({
			resource: 'levelOne',
			operation: 'downloadFile',
			apiToken: 'levelone-downloadfile',
			recordId: '3000005',
			fieldId: '1234581',
			fileName: 'Budget.pdf',
			binaryPropertyName: 'data',
		});
		expect(error).toBeUndefined();
		expect(items[0].json.mimeType).toBe('application/pdf');
		expect(ctx.sb.calls.map((call) => call.status)).toEqual([503, 200]);
	});

	test('an unknown file: a clear error naming the file, field and record', async () => {
		const { error } = await run({
			resource: 'levelOne',
			operation: 'downloadFile',
			apiToken: 'levelone-downloadfile',
			recordId: '3000005',
			fieldId: '1234581',
			fileName: 'Nope.pdf',
			binaryPropertyName: 'data',
		});
		expect(error.message).toBe('SmartSimple has no file "Nope.pdf" in field 1234581 of record 3000005');
		expect(error.description).toMatch(/File Name/);
		expect(ctx.sb.calls).toHaveLength(1);
	});

	test('missing Record ID, Field ID or File Name: a clear error and no call spent', async () => {
		const base = {
			resource: 'user',
			operation: 'downloadFile',
			apiToken: 'user-downloadfile',
			recordId: '2000007',
			fieldId: '1200010',
			fileName: 'CV.txt',
			binaryPropertyName: 'data',
		};
		for (const [name, label] of [['recordId', 'Record ID'], ['fieldId', 'Field ID'], ['fileName', 'File Name']]) {
			const { error } = await run({ ...base, [name]: '  ' });
			expect(error.message).toBe(`${label} is empty`);
			expect(error.description).toBeTruthy();
		}
		expect(ctx.sb.calls).toHaveLength(0);
	});

	test('Continue On Fail: the bad item becomes an error item, the good one downloads', async () => {
		const { items, error } = await run(
			{
				resource: 'user',
				operation: 'downloadFile',
				apiToken: 'user-downloadfile',
				recordId: '2000007',
				fieldId: '1200010',
				fileName: '={{ $json.name }}',
				binaryPropertyName: 'data',
			},
			{ input: [{ json: { name: 'Missing.txt' } }, { json: { name: 'CV.txt' } }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toBe('SmartSimple has no file "Missing.txt" in field 1200010 of record 2000007');
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ fileName: 'CV.txt', mimeType: 'text/plain' });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		const cv = ctx.sb.store.files('user', '2000007').find((f) => f.filename === 'CV.txt');
		expect(await binaryToBuffer(items[1])).toEqual(ctx.sb.store.fileContent(cv));
	});
});

describe('listFiles errors', () => {
	test('missing Record ID (an expression that comes out empty): no call spent', async () => {
		const { error } = await run({
			resource: 'company',
			operation: 'listFiles',
			apiToken: 'company-listfiles',
			recordId: '={{ $json.id }}',
			fieldId: '1100010',
			returnAll: true,
		});
		expect(error.message).toBe('Record ID is empty');
		expect(error.description).toMatch(/SmartSimple ID/);
		expect(ctx.sb.calls).toHaveLength(0);
	});

	test('a field outside the function: the error points at the Field ID', async () => {
		const { error } = await run({
			resource: 'levelOne',
			operation: 'listFiles',
			apiToken: 'levelone-listfiles',
			recordId: '3000005',
			fieldId: '1234568',
			returnAll: true,
		});
		expect(error.message).toBe('SmartSimple could not run the list query');
		expect(error.description).toMatch(/^SmartSimple answered "Encountered error while processing list"\. Check the Field ID/);
	});

	test('missing Keyword for searchFiles: no call spent', async () => {
		const { error } = await run({
			resource: 'user',
			operation: 'searchFiles',
			apiToken: 'user-searchfiles',
			keyword: '={{ $json.keyword }}',
			returnAll: true,
		});
		expect(error.message).toBe('Keyword is empty');
		expect(ctx.sb.calls).toHaveLength(0);
	});
});
