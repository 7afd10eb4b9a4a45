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
