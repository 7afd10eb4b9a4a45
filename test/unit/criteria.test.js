'use strict';
/**
 * Criteria builder, raw criteria JSON and sort (dist/nodes/SmartSimple/helpers/criteria.js):
 * exact wire values per the node contract, and validation messages that name the parameter
 * and the condition number.
 */
const {
	buildCriteria,
	parseCriteriaJson,
	buildSort,
} = require('../../dist/nodes/SmartSimple/helpers/criteria');

const node = {
	id: 'n1',
	name: 'SmartSimple',
	type: 'n8n-nodes-smartsimple.smartSimple',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const source = { node, itemIndex: 3 };

/** Runs fn, expects it to throw, returns the error. */
function thrown(fn) {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

describe('buildCriteria: operators (node contract table)', () => {
	test.each([
		['equal', '=', 'Open'],
		['notEqual', '!=', 'Open'],
		['greaterThan', '>', 'Open'],
		['greaterThanOrEqual', '>=', 'Open'],
		['lessThan', '<', 'Open'],
		['lessThanOrEqual', '<=', 'Open'],
		['like', 'like', 'Open'],
		['notLike', 'not like', 'Open'],
		['isEmpty', 'isempty', 'true'],
		['isNotEmpty', 'isempty', 'false'],
	])('%s -> operator %j, value %j', (operator, wire, value) => {
		expect(
			buildCriteria([{ andor: 'and', field: 'sf_Status', operator, value: 'Open' }], source),
		).toEqual([{ andor: 'and', field: 'sf_Status', operator: wire, value }]);
	});

	test('no stored operator value starts with "=" (n8n would read it as an expression)', () => {
		const { filtersProperty } = require('../../dist/nodes/SmartSimple/descriptions/filters');
		const values = filtersProperty.options[0].values;
		const operators = values.find((v) => v.name === 'operator').options.map((o) => o.value);
		expect(operators.sort()).toEqual(
			[
				'equal',
				'notEqual',
				'greaterThan',
				'greaterThanOrEqual',
				'lessThan',
				'lessThanOrEqual',
				'like',
				'notLike',
				'isEmpty',
				'isNotEmpty',
			].sort(),
		);
		const andor = values.find((v) => v.name === 'andor').options.map((o) => o.value);
		expect(andor.sort()).toEqual(['(', ') and (', ') or (', 'and', 'or'].sort());
		for (const value of [...operators, ...andor]) expect(value.startsWith('=')).toBe(false);
	});

	test('defaults: andor "and", operator equal; values become text; field is trimmed', () => {
		expect(
			buildCriteria(
				[
					{ field: ' sf_Requested Amount ', value: 25000 },
					{ andor: 'or', field: 'cf_Flag', operator: 'equal', value: true },
					{ field: 'cf_Note', operator: 'like' },
				],
				source,
			),
		).toEqual([
			{ andor: 'and', field: 'sf_Requested Amount', operator: '=', value: '25000' },
			{ andor: 'or', field: 'cf_Flag', operator: '=', value: 'true' },
			{ andor: 'and', field: 'cf_Note', operator: 'like', value: '' },
		]);
	});

	test('isEmpty / isNotEmpty ignore a leftover value', () => {
		expect(
			buildCriteria(
				[
					{ field: 'cf_A', operator: 'isEmpty', value: 'leftover' },
					{ field: 'cf_B', operator: 'isNotEmpty', value: 'leftover' },
				],
				source,
			).map((c) => c.value),
		).toEqual(['true', 'false']);
	});

	test('no conditions -> no criteria', () => {
		expect(buildCriteria([], source)).toEqual([]);
	});

	test('bracket groups: the guide example passes unchanged', () => {
		const conditions = [
			{ andor: '(', field: 'cf_somefield1', operator: 'like', value: 'whatever' },
			{ andor: 'or', field: 'cf_somefield2', operator: 'like', value: 'whatever' },
			{ andor: ') and (', field: 'cf_someotherfield1', operator: 'equal', value: 'whatever' },
			{ andor: 'or', field: 'cf_someotherfield2', operator: 'equal', value: 'whatever else' },
			{ andor: ') or (', field: 'sf_Status', operator: 'isEmpty' },
		];
		expect(buildCriteria(conditions, source)).toEqual([
			{ andor: '(', field: 'cf_somefield1', operator: 'like', value: 'whatever' },
			{ andor: 'or', field: 'cf_somefield2', operator: 'like', value: 'whatever' },
			{ andor: ') and (', field: 'cf_someotherfield1', operator: '=', value: 'whatever' },
			{ andor: 'or', field: 'cf_someotherfield2', operator: '=', value: 'whatever else' },
			{ andor: ') or (', field: 'sf_Status', operator: 'isempty', value: 'true' },
		]);
	});
});

describe('buildCriteria: refusals name the parameter and the condition', () => {
	test('missing field', () => {
		const error = thrown(() =>
			buildCriteria([{ field: 'sf_A', value: '1' }, { field: '  ', value: '2' }], source),
		);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('Filters → condition 2: choose or type the field to compare');
		expect(error.context.itemIndex).toBe(3);
		expect(error.node).toBe(node);
	});

	test('unknown operator', () => {
		expect(
			thrown(() => buildCriteria([{ field: 'sf_A', operator: 'contains', value: 'x' }], source))
				.message,
		).toBe('Filters → condition 1: unknown operator "contains"');
	});

	test('unknown and/or', () => {
		expect(
			thrown(() =>
				buildCriteria([{ field: 'sf_A' }, { andor: 'xor', field: 'sf_B' }], source),
			).message,
		).toBe('Filters → condition 2: "and/or" must be one of and, or, (, ) and (, ) or (');
	});

	test('a group join without an open group', () => {
		expect(
			thrown(() =>
				buildCriteria([{ field: 'sf_A' }, { andor: ') and (', field: 'sf_B' }], source),
			).message,
		).toBe('Filters → condition 2: ") and (" closes a group, but none was opened with "("');
		expect(
			thrown(() => buildCriteria([{ andor: ') or (', field: 'sf_A' }], source)).message,
		).toBe('Filters → condition 1: ") or (" closes a group, but none was opened with "("');
	});

	test('a second "(" while a group is open', () => {
		expect(
			thrown(() =>
				buildCriteria(
					[
						{ andor: '(', field: 'sf_A' },
						{ andor: 'or', field: 'sf_B' },
						{ andor: '(', field: 'sf_C' },
					],
					source,
				),
			).message,
		).toBe(
			'Filters → condition 3: a group is already open; use ") and (" or ") or (" to start the next group',
		);
	});

	test('custom parameter name (the trigger passes its own)', () => {
		expect(
			thrown(() => buildCriteria([{ field: '' }], { node }, 'Extra Filters')).message,
		).toBe('Extra Filters → condition 1: choose or type the field to compare');
	});
});

describe('parseCriteriaJson', () => {
	test('valid criteria pass; operator case is normalised; defaults fill andor and value', () => {
		expect(
			parseCriteriaJson(
				JSON.stringify([
					{ andor: '(', field: 'sf_Status', operator: 'LIKE', value: 'Open' },
					{ andor: 'or', field: 'sf_Name', operator: '<>', value: 5 },
					{ andor: ') and (', field: 'cf_X', operator: 'Not Like', value: 'a' },
					{ field: 'cf_Y', operator: 'isempty' },
				]),
				source,
			),
		).toEqual([
			{ andor: '(', field: 'sf_Status', operator: 'like', value: 'Open' },
			{ andor: 'or', field: 'sf_Name', operator: '<>', value: '5' },
			{ andor: ') and (', field: 'cf_X', operator: 'not like', value: 'a' },
			{ andor: 'and', field: 'cf_Y', operator: 'isempty', value: '' },
		]);
		expect(parseCriteriaJson('[]', source)).toEqual([]);
	});

	test.each(['=', '!=', '<>', '>', '>=', '<', '<=', 'like', 'not like', 'isempty'])(
		'wire operator %j is accepted',
		(operator) => {
			expect(
				parseCriteriaJson(JSON.stringify([{ field: 'sf_A', operator, value: '1' }]), source)[0]
					.operator,
			).toBe(operator);
		},
	);

	test('invalid JSON names the parameter', () => {
		const error = thrown(() => parseCriteriaJson('[{"field": ', source));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^Criteria \(JSON\) is not valid JSON: /);
		expect(error.context.itemIndex).toBe(3);
	});

	test('not an array', () => {
		expect(thrown(() => parseCriteriaJson('{"field":"sf_A"}', source)).message).toBe(
			'Criteria (JSON) must be a JSON array such as [{"andor":"and","field":"sf_Status","operator":"=","value":"Open"}]',
		);
	});

	test('entry not an object / no field / bad operator name the item', () => {
		expect(thrown(() => parseCriteriaJson('[{"field":"a","operator":"="}, 7]', source)).message).toBe(
			'Criteria (JSON) → item 2 must be an object',
		);
		expect(thrown(() => parseCriteriaJson('[{"operator":"="}]', source)).message).toBe(
			'Criteria (JSON) → item 1 needs a "field"',
		);
		expect(thrown(() => parseCriteriaJson('[{"field":" ","operator":"="}]', source)).message).toBe(
			'Criteria (JSON) → item 1 needs a "field"',
		);
		expect(
			thrown(() => parseCriteriaJson('[{"field":"a","operator":"="},{"field":"b","operator":"=="}]', source))
				.message,
		).toBe(
			'Criteria (JSON) → item 2: "operator" must be one of =, !=, <>, >, >=, <, <=, like, not like, isempty',
		);
		expect(thrown(() => parseCriteriaJson('[{"field":"a"}]', source)).message).toMatch(
			/^Criteria \(JSON\) → item 1: "operator" must be one of/,
		);
	});

	test('bracket rules apply to JSON too', () => {
		expect(
			thrown(() =>
				parseCriteriaJson('[{"field":"a","operator":"="},{"andor":") or (","field":"b","operator":"="}]', source),
			).message,
		).toBe('Criteria (JSON) → condition 2: ") or (" closes a group, but none was opened with "("');
		expect(
			thrown(() => parseCriteriaJson('[{"andor":"AND","field":"a","operator":"="}]', source)).message,
		).toBe('Criteria (JSON) → condition 1: "and/or" must be one of and, or, (, ) and (, ) or (');
	});
});

describe('buildSort', () => {
	test('fields and directions; desc in any case (from an expression) is desc, anything else asc', () => {
		expect(
			buildSort(
				[
					{ field: 'sf_Modified Date', direction: 'desc' },
					{ field: ' sf_Name ', direction: 'asc' },
					{ field: 'recordid' },
					{ field: 'cf_X', direction: 'DESC' },
				],
				source,
			),
		).toEqual([
			{ field: 'sf_Modified Date', direction: 'desc' },
			{ field: 'sf_Name', direction: 'asc' },
			{ field: 'recordid', direction: 'asc' },
			{ field: 'cf_X', direction: 'desc' },
		]);
		expect(buildSort([], source)).toEqual([]);
	});

	test('missing field names the parameter and the position', () => {
		const error = thrown(() => buildSort([{ field: 'sf_A' }, { direction: 'desc' }], source));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe('Sort → field 2: choose the field to sort by');
		expect(error.context.itemIndex).toBe(3);
	});
});
