'use strict';
// A parameter the node reads once for all items where it holds no expression (perItemParameter)
// must still be read per item where it does: here Create's Field List.
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

test('Options given by an expression are read per item', async () => {
	const { items, error } = await ctx.run(
		{
			resource: 'levelOne',
			operation: 'create',
			apiToken: 'levelone-update',
			fieldList: CREATE_FIELD_LIST,
			columns: { mappingMode: 'defineBelow', value: { sf_Name: '={{ $json.name }}' } },
			options: { blankUnsetFields: '={{ $json.blank }}' },
		},
		{ input: [{ json: { name: 'Blank rest', blank: true } }, { json: { name: 'Only a name', blank: false } }] },
	);
	// Item 1 does not blank the unset fields, so it misses them: refused before any call.
	expect(error?.message).toMatch(/Columns do not match the Field List: missing/);
	expect(error?.context?.itemIndex).toBe(1);
	expect(items).toBeUndefined();
	expect(ctx.sb.calls).toHaveLength(0);
});
