'use strict';
/**
 * Bad input is refused before any call, driven by the table in docs/reliability.md ("Bad input"):
 * every row there is a case here and every case a row, each run through n8n's real
 * WorkflowExecute; the message must be the table's, the description must hold the table's fix,
 * and the sandbox must have received no call. Then: criteria values travel exactly as typed,
 * and no value can widen a query.
 */
const fs = require('fs');
const path = require('path');
const { createPoller } = require('../helpers/n8n');
const { useSandbox } = require('../helpers/sandbox');

const TABLE_FILE = path.join(__dirname, '../../docs/reliability.md');

/** The rows of the markdown table under the "## Bad input" heading: case → { message, fix }. */
function readTable() {
	const text = fs.readFileSync(TABLE_FILE, 'utf8');
	const section = text.split(/^## /m).find((part) => part.startsWith('Bad input'));
	if (!section) throw new Error('docs/reliability.md has no "## Bad input" section');
	const rows = section
		.split('\n')
		.filter((line) => line.startsWith('|'))
		.slice(2) // header and separator
		.map((line) =>
			line
				.slice(1, -1)
				.split(' | ')
				.map((cell) => cell.trim()),
		);
	const code = (cell) => /^`(.*)`$/.exec(cell)?.[1] ?? cell;
	return new Map(rows.map(([name, message, fix]) => [name, { message: code(message), fix }]));
}

const LIST = { resource: 'levelOne', operation: 'getAll', apiToken: 'levelone-list', limit: 5 };
const GET = { resource: 'levelOne', operation: 'get', apiToken: 'levelone-get', recordId: '3000001' };
const LIST_FIELDS = 'sf_Name;;sf_Status';
const builder = (...conditions) => ({ ...LIST, filters: { conditions } });
const json = (criteriaJson) => ({ ...LIST, filterMode: 'json', criteriaJson });
const write = (operation, extra = {}) => ({
	resource: 'levelOne',
	operation,
	apiToken: 'levelone-update',
	fieldList: 'sf_Name;;sf_Status',
	columns: { mappingMode: 'defineBelow', value: { sf_Name: 'A', sf_Status: '1' } },
	...extra,
});

const TRIGGER = {
	resource: 'levelOne',
	apiToken: 'levelone-list-modified',
	event: 'modified',
	timestampField: 'sf_Modified Date',
	idField: 'recordid',
	filters: {},
};
const trigger = (extra) => ({ trigger: { ...TRIGGER, ...extra } });

/** The cases, by the table's names: node parameters, or `trigger` parameters for a poll. */
const CASES = {
	'Page Size 0': { ...LIST, returnAll: true, options: { pageSize: 0 } },
	'Page Size 20,000': { ...LIST, returnAll: true, options: { pageSize: 20000 } },
	'Page Size 2.5': { ...LIST, returnAll: true, options: { pageSize: 2.5 } },
	'Page Size as words from an expression': { ...LIST, returnAll: true, options: { pageSize: '={{ "many" }}' } },
	'Limit 0': { ...LIST, limit: 0 },
	'Limit -5 from an expression': { ...LIST, limit: '={{ -5 }}' },
	'Limit 2.5': { ...LIST, limit: 2.5 },
	'Return All neither true nor false': { ...LIST, returnAll: '={{ "yes" }}' },
	'Batch Size 0': write('create', { options: { batchSize: 0 } }),
	'Batch Size 5,000': write('update', { recordId: '3000001', options: { batchSize: 5000 } }),
	// n8n itself refuses an empty required field typed in; an expression can still give nothing.
	'Record ID empty, from an expression': { ...GET, recordId: '={{ $json.recordid }}' },
	'Record ID only spaces': { ...GET, recordId: '   ' },
	'Record ID not a number': { ...GET, recordId: 'abc' },
	'Record ID 0': { ...GET, recordId: '0' },
	'Record ID negative': { ...GET, recordId: '={{ -5 }}' },
	'Record ID with decimals': { ...GET, recordId: '={{ 1.5 }}' },
	'Record ID an object from an expression': { ...GET, recordId: '={{ { id: 3000001 } }}' },
	'Record ID a list from an expression': { ...GET, recordId: '={{ [3000001, 3000002] }}' },
	'Record ID not a number, on Update': write('update', { recordId: 'abc' }),
	'Record ID not a number, on Delete': {
		resource: 'levelOne',
		operation: 'delete',
		apiToken: 'levelone-delete',
		recordId: '12a',
	},
	'Record ID not a number, on List Files': {
		resource: 'levelOne',
		operation: 'listFiles',
		apiToken: 'levelone-listfiles',
		recordId: 'x1',
		fieldId: '1234580',
		limit: 5,
	},
	'API Token empty, from an expression': { ...GET, apiToken: '={{ $json.token }}' },
	'API Token only spaces': { ...GET, apiToken: '  \t ' },
	'API Token a number from an expression': { ...GET, apiToken: '={{ 12345 }}' },
	'API Token an object from an expression': { ...GET, apiToken: '={{ { token: "x" } }}' },
	'API Token empty, on Create': write('create', { apiToken: '={{ "" }}' }),
	'Field List with a single ;': { ...LIST, fieldList: 'sf_Name;sf_Status' },
	'Field List with a name lacking sf_ or cf_': write('create', { fieldList: 'sf_Name;;Status' }),
	'Field List naming a field twice': write('create', { fieldList: 'sf_Name;;sf_Status;;sf_Name' }),
	'Criteria JSON that does not parse': json('[{"field": "sf_Name", }]'),
	'Criteria JSON not an array': json('{"field":"sf_Name","operator":"=","value":"x"}'),
	'Criteria JSON item not an object': json('["sf_Name = x"]'),
	'Criteria JSON with a misspelt key': json('[{"field":"sf_Name","operater":"=","value":"x"}]'),
	'Criteria JSON without a field': json('[{"operator":"=","value":"x"}]'),
	'Criteria JSON unknown operator': json('[{"field":"sf_Name","operator":"contains","value":"x"}]'),
	'Criteria JSON unknown andor': json(
		'[{"field":"sf_Name","operator":"=","value":"x"},{"andor":"xor","field":"sf_Status","operator":"=","value":"1"}]',
	),
	'Criteria JSON value an object': json('[{"field":"sf_Name","operator":"=","value":{"$ne":""}}]'),
	'Filters: unknown operator from an expression': builder({ field: 'sf_Name', operator: '={{ "contains" }}', value: 'x' }),
	'Filters: unknown and/or from an expression': builder(
		{ field: 'sf_Name', operator: 'equal', value: 'x' },
		{ andor: '={{ "xor" }}', field: 'sf_Status', operator: 'equal', value: '1' },
	),
	'Filters: no field': builder({ field: '', operator: 'equal', value: 'x' }),
	'Filters: value a list from an expression': builder({ field: 'sf_Name', operator: 'equal', value: '={{ ["a", "b"] }}' }),
	'Filters: group opened twice': builder(
		{ andor: '(', field: 'sf_Name', operator: 'equal', value: 'a' },
		{ andor: 'or', field: 'sf_Name', operator: 'equal', value: 'b' },
		{ andor: '(', field: 'sf_Status', operator: 'equal', value: '1' },
	),
	'Filters: group closed but never opened': builder(
		{ field: 'sf_Name', operator: 'equal', value: 'a' },
		{ andor: ') and (', field: 'sf_Status', operator: 'equal', value: '1' },
	),
	'Filters: field outside the Field List': {
		...builder({ field: 'sf_Owner', operator: 'equal', value: 'x' }),
		fieldList: LIST_FIELDS,
	},
	'Criteria JSON: field outside the Field List': {
		...json('[{"field":"sf_Owner","operator":"=","value":"x"}]'),
		fieldList: LIST_FIELDS,
	},
	'Sort: field outside the Field List': {
		...LIST,
		fieldList: LIST_FIELDS,
		sort: { sortFields: [{ field: 'sf_Owner', direction: 'asc' }] },
	},
	'Sort: no field': { ...LIST, sort: { sortFields: [{ field: '', direction: 'asc' }] } },
	'Sort: unknown direction from an expression': {
		...LIST,
		sort: { sortFields: [{ field: 'sf_Name', direction: '={{ "up" }}' }] },
	},
	'Create: a field outside the Field List': write('create', {
		columns: { mappingMode: 'defineBelow', value: { sf_Name: 'A', sf_Status: '1', sf_Owner: '1' } },
	}),
	'Create: a field of the Field List not set': write('create', {
		columns: { mappingMode: 'defineBelow', value: { sf_Name: 'A' } },
	}),
	'Update: a field outside the Field List': write('update', {
		recordId: '3000001',
		columns: { mappingMode: 'defineBelow', value: { sf_Name: 'A', sf_Status: '1', cf_Unknown: 'x' } },
	}),
	'Create: an invalid date from an expression': write('create', {
		fieldList: 'sf_Name;;sf_Start Date',
		columns: { mappingMode: 'defineBelow', value: { sf_Name: 'A', 'sf_Start Date': '={{ new Date("31/02/2025") }}' } },
	}),
	'Update: an invalid date from an expression': write('update', {
		recordId: '3000001',
		fieldList: 'sf_Name;;sf_Start Date',
		columns: { mappingMode: 'defineBelow', value: { sf_Name: 'A', 'sf_Start Date': '={{ new Date("31/02/2025") }}' } },
	}),
	'Create: text that is not a date in a date field': write('create', {
		fieldList: 'sf_Name;;sf_Start Date',
		columns: { mappingMode: 'defineBelow', value: { sf_Name: 'A', 'sf_Start Date': 'next Tuesday' } },
	}),
	// The default input item carries no binary data.
	'Upload File: the input item has no file': {
		resource: 'levelOne',
		operation: 'uploadFile',
		apiToken: 'levelone-uploadfile',
		recordId: '3000001',
		fieldId: '1234580',
		binaryPropertyName: 'data',
	},
	'Download File: output field empty': {
		resource: 'levelOne',
		operation: 'downloadFile',
		apiToken: 'levelone-downloadfile',
		recordId: '3000001',
		fieldId: '1234580',
		fileName: 'a.pdf',
		binaryPropertyName: '={{ $json.property }}',
	},
	'Download File: file name empty': {
		resource: 'levelOne',
		operation: 'downloadFile',
		apiToken: 'levelone-downloadfile',
		recordId: '3000001',
		fieldId: '1234580',
		fileName: ' ',
	},
	'Search Files: keyword empty': {
		resource: 'company',
		operation: 'searchFiles',
		apiToken: 'company-searchfiles',
		keyword: '={{ $json.keyword }}',
		limit: 5,
	},
	// Resource and Operation take no expressions (n8n passes the text on unresolved); an edited
	// or imported workflow can still hold any value.
	'Operation the resource does not offer, in the workflow': {
		resource: 'report',
		operation: 'delete',
		apiToken: 'report-list',
		recordId: '1',
	},
	'Operation given as an expression': { ...LIST, resource: 'report', operation: '={{ "delete" }}' },
	'Resource unknown, in the workflow': { ...GET, resource: 'grant' },
	'Trigger: API Token empty, from an expression': trigger({ apiToken: '={{ "" }}' }),
	'Trigger: Page Size 20,000': trigger({ options: { pageSize: 20000 } }),
	'Trigger: Look Back negative': trigger({ options: { lookBack: -5 } }),
	'Trigger: Start From not a date': trigger({ options: { startFrom: 'last Tuesday' } }),
	'Trigger: unknown time zone': trigger({ options: { timezone: 'Mars/Olympus_Mons' } }),
	'Trigger: filter group closed but never opened': trigger({
		filters: {
			conditions: [
				{ field: 'sf_Status', operator: 'equal', value: 'Draft' },
				{ andor: ') or (', field: 'sf_Name', operator: 'like', value: 'x' },
			],
		},
	}),
};

const ctx = useSandbox({ seed: 42, records: 'small' });
const table = readTable();

test('the table in docs/reliability.md and the cases here are the same', () => {
	const documented = [...table.keys()];
	const tested = Object.keys(CASES);
	expect({
		documentedButNotTested: documented.filter((name) => !tested.includes(name)),
		testedButNotDocumented: tested.filter((name) => !documented.includes(name)),
	}).toEqual({ documentedButNotTested: [], testedButNotDocumented: [] });
});

/** Runs a case: the node through WorkflowExecute, or one poll of the trigger through PollContext. */
async function run(testCase, extra) {
	if (!testCase.trigger) return await ctx.run(testCase, extra);
	const poller = createPoller({ parameters: testCase.trigger, credentials: ctx.sb.credentials });
	const error = await poller.poll().then(
		() => undefined,
		(thrown) => thrown,
	);
	return { items: undefined, error };
}

describe.each(Object.keys(CASES))('%s', (name) => {
	test('refused before any call, as the table says', async () => {
		const row = table.get(name);
		const { items, error } = await run(CASES[name]);
		expect(ctx.sb.calls).toHaveLength(0);
		expect(items).toBeUndefined();
		expect(error?.name).toBe('NodeOperationError');
		expect(error.message).toBe(row?.message);
		expect(error.description ?? '').toContain(row?.fix);
	});

	// A trigger has no Continue On Fail: only node cases get this second check.
	if (CASES[name].trigger) return;
	test('with Continue On Fail: an error item with the same message, still no call', async () => {
		const { items, error } = await run(CASES[name], { continueOnFail: true });
		expect(ctx.sb.calls).toHaveLength(0);
		// A node-level refusal (resource, operation, batch size) fails the node, not one item.
		if (error) {
			expect(error.message).toBe(table.get(name)?.message);
		} else {
			expect(items).toEqual([{ json: expect.objectContaining({ error: table.get(name)?.message }), pairedItem: { item: 0 } }]);
		}
	});
});

describe('criteria values travel exactly as typed; no value widens a query', () => {
	const VALUES = [
		'x" or "1"="1',
		"x' or '1'='1",
		'%',
		'_',
		'") or ("',
		'[{"andor":"or","field":"recordid","operator":">","value":"0"}]',
		'back\\slash \\" quote',
		'two\nlines',
		'Ünïcødé 名前 ١٢٣ 🙂',
	];
	let ids;
	beforeAll(() => {
		ids = ctx.sb.store.list('levelone').slice(0, VALUES.length).map((record) => String(record.recordid));
		VALUES.forEach((value, index) => ctx.sb.store.update('levelone', ids[index], { sf_Name: value }));
	});

	test.each(VALUES.map((value, index) => [JSON.stringify(value), index]))(
		'equal %s: one call, the value sent unchanged, only the record that holds it',
		async (_label, index) => {
			const { items, error } = await ctx.run({
				...LIST,
				returnAll: true,
				filters: { conditions: [{ field: 'sf_Name', operator: 'equal', value: VALUES[index] }] },
			});
			expect(error).toBeUndefined();
			expect(ctx.sb.calls).toHaveLength(1);
			expect(ctx.sb.calls[0].parsed.criteria).toEqual([
				{ andor: 'and', field: 'sf_Name', operator: '=', value: VALUES[index] },
			]);
			expect(items.map((item) => item.json.recordid)).toEqual([ids[index]]);
		},
	);

	test('like with a quote-breaking value finds only records that contain it', async () => {
		const { items, error } = await ctx.run({
			...json(JSON.stringify([{ field: 'sf_Name', operator: 'like', value: 'x" or "1"="1' }])),
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.recordid)).toEqual([ids[0]]);
	});

	test('a value made of criteria JSON stays one value of one condition', async () => {
		const { items } = await ctx.run({
			...LIST,
			returnAll: true,
			filters: {
				conditions: [
					{ field: 'sf_Name', operator: 'equal', value: VALUES[5] },
					{ andor: 'and', field: 'recordid', operator: 'greaterThan', value: '0' },
				],
			},
		});
		expect(ctx.sb.calls[0].parsed.criteria).toHaveLength(2);
		expect(items.map((item) => item.json.recordid)).toEqual([ids[5]]);
	});
});
