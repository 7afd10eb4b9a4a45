'use strict';
/**
 * The scenarios of `npm run bench`, what our node is given in each, and the calls each must cost
 * (the optimum; test/integration/bench-calls.test.js asserts them for our node).
 */
const FUNCTIONS = require('../sandbox/functions.json');

/** Records per write call: the node's default Batch Size. */
const BATCH_SIZE = 100;

const CREATE_FIELD_LIST = FUNCTIONS.find((f) => f.token === 'levelone-update').fieldList;
/** One valid value per field of the level-one Update function. */
const CREATE_FIELDS = {
	sf_Name: 'River Clean-up',
	sf_Type: '1',
	sf_Status: '2',
	sf_Owner: '2000001',
	sf_Customer: '1000004',
	sf_Contact: '2000040',
	'sf_Start Date': '2025-07-01',
	'sf_End Date': '2026-06-30',
	'sf_Requested Amount': '50000',
	'cf_Program Area': '3',
	'cf_Project Summary': '<p>Clean the river banks.</p>',
	'cf_Amount Awarded': '42000',
};

/** Input items for a create scenario: every field of the function, a distinct name per item. */
function createInput(count) {
	return Array.from({ length: count }, (_, i) => ({ json: { ...CREATE_FIELDS, sf_Name: `River Clean-up ${i + 1}` } }));
}

const read = (records, pageSize) => ({
	id: `read-${records / 1000}k-p${pageSize}`,
	label: `Return All ${records.toLocaleString('en-US')}, page ${pageSize.toLocaleString('en-US')}`,
	kind: 'read',
	records,
	pageSize,
	expectedCalls: Math.ceil(records / pageSize),
	expectedRecords: records,
});

const SCENARIOS = [
	read(10_000, 1_000),
	read(10_000, 10_000),
	read(100_000, 1_000),
	read(100_000, 10_000),
	{ id: 'create-auto', label: '1,000 creates, auto-mapped', kind: 'create', mapping: 'auto', count: 1000, expectedCalls: 10, expectedRecords: 1000 },
	{
		id: 'create-expr',
		label: '1,000 creates, every field an expression',
		kind: 'create',
		mapping: 'expression',
		count: 1000,
		expectedCalls: 10,
		expectedRecords: 1000,
	},
	{ id: 'poll-idle', label: 'Trigger: idle poll', kind: 'poll', changes: 0, expectedCalls: 1, expectedRecords: 0 },
	{ id: 'poll-500', label: 'Trigger: poll with 500 changes', kind: 'poll', changes: 500, expectedCalls: 1, expectedRecords: 500 },
];

/** The level-one records a scenario's sandbox is seeded with. */
const sandboxRecords = (scenario) => (scenario.kind === 'read' ? scenario.records : 10_000);

/** Our node's parameters for a scenario (the floors read the same scenario object). */
function parametersFor(scenario) {
	if (scenario.kind === 'read') {
		return {
			resource: 'levelOne',
			operation: 'getAll',
			apiToken: 'levelone-list-wide',
			returnAll: scenario.limit === undefined,
			limit: scenario.limit,
			options: { pageSize: scenario.pageSize },
		};
	}
	if (scenario.kind === 'create') {
		const value =
			scenario.mapping === 'auto'
				? null
				: Object.fromEntries(Object.keys(CREATE_FIELDS).map((field) => [field, `={{ $json[${JSON.stringify(field)}] }}`]));
		return {
			resource: 'levelOne',
			operation: 'create',
			apiToken: 'levelone-update',
			fieldList: CREATE_FIELD_LIST,
			columns: { mappingMode: scenario.mapping === 'auto' ? 'autoMapInputData' : 'defineBelow', value },
		};
	}
	return {
		resource: 'levelOne',
		apiToken: 'levelone-list-modified',
		event: 'modified',
		timestampField: 'sf_Modified Date',
		idField: 'recordid',
		filters: {},
		options: { pageSize: 500 },
	};
}

module.exports = { SCENARIOS, BATCH_SIZE, CREATE_FIELDS, CREATE_FIELD_LIST, createInput, parametersFor, sandboxRecords };
