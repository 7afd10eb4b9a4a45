'use strict';
// A parameter the node reads once for all items where it holds no expression (perItemReader,
// actions/write/perItem.ts) must still be read per item where it does (Create's Field List, API
// Token, Options), and a refused value without one still fails each item on its own.
const { useSandbox } = require('../helpers/sandbox');
const { CREATE_FIELDS, CREATE_FIELD_LIST } = require('../bench/scenarios');

const ctx = useSandbox({ records: 'small' });

test('a Field List given by an expression is checked per item, before any call', async () => {
	const { error } = await ctx.run(
		{
			resource: 'levelOne',
			operation: 'create',
			apiToken: 'levelone-update',
			fieldList: '={{ $json.list }}',
			columns: { mappingMode: 'autoMapInputData', value: null },
		},
		{
			input: [
				{ json: { ...CREATE_FIELDS, list: CREATE_FIELD_LIST } },
				{ json: { ...CREATE_FIELDS, list: `${CREATE_FIELD_LIST};;cf_Board Decision` } },
			],
		},
	);
	// Item 0 matches its list; item 1's own list has a field it does not set.
	expect(error?.message).toBe('Columns do not match the Field List: missing "cf_Board Decision"');
	expect(error?.context?.itemIndex).toBe(1);
	expect(ctx.sb.calls).toHaveLength(0);
});

const autoCreate = (changes) => ({
	resource: 'levelOne',
	operation: 'create',
	apiToken: 'levelone-update',
	fieldList: CREATE_FIELD_LIST,
	columns: { mappingMode: 'autoMapInputData', value: null },
	...changes,
});
const names = (...tokens) => tokens.map((token, index) => ({ json: { ...CREATE_FIELDS, sf_Name: `Item ${index}`, token } }));

test('an API Token given by an expression is read per item: a blank one fails its item only', async () => {
	const { items, error } = await ctx.run(autoCreate({ apiToken: '={{ $json.token }}' }), {
		input: names('levelone-update', '', 'levelone-update'),
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.status ?? item.json.error)).toEqual([
		'created successfully',
		'API Token is empty',
		'created successfully',
	]);
	expect(items[1].pairedItem).toEqual({ item: 1 });
	// The two good items still share one call.
	expect(ctx.sb.calls).toHaveLength(1);
});

test('Options given by an expression are read per item (Strip Field Prefixes on one item only)', async () => {
	const { items, error } = await ctx.run(autoCreate({ options: { stripPrefixes: '={{ $itemIndex === 1 }}' } }), {
		input: names('x', 'y'),
	});
	expect(error).toBeUndefined();
	expect(items[0].json['sf_Name']).toBe('Item 0');
	expect(items[1].json['Name']).toBe('Item 1');
	expect(items[1].json['sf_Name']).toBeUndefined();
	expect(ctx.sb.calls).toHaveLength(1);
});

test('a Field List without an expression that is refused fails every item on its own, before any call', async () => {
	const { items, error } = await ctx.run(autoCreate({ fieldList: 'sf_Name;sf_Type' }), {
		input: names('x', 'y', 'z'),
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.error)).toEqual(Array(3).fill('Field List: "sf_Name;sf_Type" holds a single ";"'));
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(ctx.sb.calls).toHaveLength(0);
});

test('Columns set below without an expression are read once and serve every item, each its own record', async () => {
	const { items, error } = await ctx.run(
		autoCreate({ columns: { mappingMode: 'defineBelow', value: { ...CREATE_FIELDS, 'sf_Start Date': '2025-07-01 09:30:00' } } }),
		{ input: names('x', 'y', 'z') },
	);
	expect(error).toBeUndefined();
	const ids = items.map((item) => item.json.recordid);
	expect(new Set(ids).size).toBe(3);
	for (const [index, item] of items.entries()) {
		expect(item.pairedItem).toEqual({ item: index });
		// Each item's row is its own: the date converted for every one of them.
		expect(item.json).toMatchObject({ sf_Name: 'River Clean-up', 'sf_Start Date': '2025-07-01' });
		expect(ctx.sb.store.get('levelone', item.json.recordid).sf_Name).toBe('River Clean-up');
	}
	expect(ctx.sb.calls).toHaveLength(1);
});
