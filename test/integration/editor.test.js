'use strict';
/**
 * The editor (issue 12, items 10 and 12): the field loader (methods/loadOptions.ts getFields)
 * behind the filter, sort and trigger pickers; the Columns mapper typed from Get Meta or the
 * resource table (methods/resourceMapping.ts getColumns) and its call budget; which parameters
 * Get Many and Update Meta show. Run in n8n-core's real LoadOptionsContext and WorkflowExecute
 * against the sandbox; what is shown is decided by n8n-workflow's own displayParameter.
 */
const fs = require('fs');
const path = require('path');
const { NodeHelpers } = require('n8n-workflow');
const { runLoadOptions } = require('../helpers/n8n');
const { useSandbox } = require('../helpers/sandbox');

const FUNCTIONS = require('../sandbox/functions.json');
const { SmartSimple } = require('../../dist/nodes/SmartSimple/SmartSimple.node.js');

const ctx = useSandbox({ seed: 42, records: 'small' });
const fieldListOf = (token) => FUNCTIONS.find((f) => f.token === token).fieldList;
const tokens = () => ctx.sb.calls.map((c) => c.token);

/** A load-options method of a node, run in n8n-core's LoadOptionsContext with the sandbox's credentials. */
const load = (method, parameters, { kind = 'loadOptions', path: parameterPath, nodeType = 'smartSimple' }) =>
	runLoadOptions({ nodeType, parameters, credentials: ctx.sb.credentials, kind, method, path: parameterPath });
const getFields = (parameters, nodeType) => load('getFields', parameters, { path: 'filters.conditions.field', nodeType });
const columns = async (parameters) => (await load('getColumns', parameters, { kind: 'resourceMapping', path: 'columns' })).fields;

/** id → [type, displayName] (and the dropdown's choices where typed options). */
const typed = (fields) =>
	Object.fromEntries(
		fields.map((f) => [f.id, f.options ? [f.type, f.displayName, f.options] : [f.type, f.displayName]]),
	);

const LEVELONE_STATUSES = [
	{ name: 'Draft', value: '1' },
	{ name: 'Submitted', value: '2' },
	{ name: 'Under Review', value: '3' },
	{ name: 'Approved', value: '4' },
	{ name: 'Declined', value: '5' },
	{ name: 'Withdrawn', value: '6' },
	{ name: 'Closed', value: '7' },
];
const PROGRAM_AREAS = [
	{ name: 'Arts & Culture', value: '1' },
	{ name: 'Education', value: '2' },
	{ name: 'Environment', value: '3' },
	{ name: 'Health', value: '4' },
	{ name: 'Community Development', value: '5' },
	{ name: 'Youth', value: '6' },
	// a custom select field may be empty: read back as "", the dropdown takes it
	{ name: '(Empty)', value: '' },
];

describe('field loader getFields: filter and sort pickers, the trigger\'s Timestamp Field and ID Field', () => {
	test('the field list given: recordid, then exactly its fields, no call', async () => {
		const options = await getFields({
			resource: 'levelOne',
			operation: 'getAll',
			fieldList: 'sf_Name;; cf_Program Area ;;sf_Status',
			apiToken: 'levelone-list',
		});
		expect(options).toEqual([
			{ name: 'recordid', value: 'recordid' },
			{ name: 'sf_Name', value: 'sf_Name' },
			{ name: 'cf_Program Area', value: 'cf_Program Area' },
			{ name: 'sf_Status', value: 'sf_Status' },
		]);
		expect(ctx.sb.calls).toEqual([]);
	});

	test('no field list, a token: one call for one record, its keys', async () => {
		const options = await getFields({ resource: 'levelOne', operation: 'getAll', fieldList: '', apiToken: 'levelone-list-byid' });
		expect(options.map((o) => o.value)).toEqual(['recordid', 'sf_Name', 'sf_Status', 'sf_Modified Date', 'cf_1234567', 'cf_1234569']);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0].parsed.othersettings).toEqual({ recordstart: 1, recordend: 1 });
	});

	test('no field list, token is an expression: recordid and the standard fields, no call', async () => {
		const options = await getFields({ resource: 'systemVariable', operation: 'getAll', fieldList: '', apiToken: '={{ $json.t }}' });
		expect(options.map((o) => o.value)).toEqual(['recordid', 'sf_Name', 'sf_Value', 'sf_Description']);
		expect(ctx.sb.calls).toEqual([]);
	});

	test('no field list, a token, no records match: recordid and the standard fields', async () => {
		ctx.sb.faults.add({ body: '{"records":[],"message":{"recordfrom":0,"recordto":0,"recordcount":0,"allcount":0}}' });
		const options = await getFields({ resource: 'levelTwo', operation: 'getAll', fieldList: '', apiToken: 'leveltwo-list' });
		expect(options.map((o) => o.value)).toEqual([
			'recordid', 'sf_Name', 'sf_Type', 'sf_Status', 'sf_Owner', 'sf_Start Date', 'sf_End Date', 'sf_Created Date', 'sf_Modified Date', 'sf_Parent ID',
		]);
	});

	test('a wrong token: the picker shows the mapped error', async () => {
		await expect(
			getFields({ resource: 'company', operation: 'getAll', fieldList: '', apiToken: 'no-such-token' }),
		).rejects.toMatchObject({ message: 'SmartSimple did not recognise the API token' });
	});

	test('the trigger node loads the same fields from its List token (one call), recordid included for the ID Field', async () => {
		const options = await getFields({ resource: 'levelOne', apiToken: 'levelone-list-modified', event: 'modified' }, 'smartSimpleTrigger');
		expect(options.map((o) => o.value)).toEqual(['recordid', 'sf_Name', 'sf_Status', 'sf_Created Date', 'sf_Modified Date']);
		expect(tokens()).toEqual(['levelone-list-modified']);
	});
});

describe('Columns mapper typed from Get Meta (one call)', () => {
	test('Field List + Get Meta token: dates as dateTime, amounts as numbers, statuses/types/select fields as dropdowns of stored values named by caption', async () => {
		const fields = await columns({
			resource: 'levelOne',
			operation: 'update',
			fieldList: fieldListOf('levelone-update'),
			options: { getMetaToken: 'levelone-getmeta', readCurrentToken: 'levelone-list' },
		});
		expect(typed(fields)).toEqual({
			sf_Name: ['string', 'sf_Name'],
			sf_Type: ['options', 'sf_Type', [
				{ name: 'Grant Application', value: '1' },
				{ name: 'Letter of Inquiry', value: '2' },
				{ name: 'Renewal Application', value: '3' },
			]],
			sf_Status: ['options', 'sf_Status', LEVELONE_STATUSES],
			sf_Owner: ['string', 'sf_Owner (ID)'],
			sf_Customer: ['string', 'sf_Customer (ID)'],
			sf_Contact: ['string', 'sf_Contact (ID)'],
			'sf_Start Date': ['dateTime', 'sf_Start Date'],
			'sf_End Date': ['dateTime', 'sf_End Date'],
			'sf_Requested Amount': ['number', 'sf_Requested Amount'],
			'cf_Program Area': ['options', 'cf_Program Area', PROGRAM_AREAS],
			'cf_Project Summary': ['string', 'cf_Project Summary'],
			'cf_Amount Awarded': ['number', 'cf_Amount Awarded'],
		});
		expect(fields.map((f) => f.id)).toEqual(fieldListOf('levelone-update').split(';;'));
		// the only call: Get Meta (the Field List names the fields, so no record is read)
		expect(tokens()).toEqual(['levelone-getmeta']);
	});

	test('a custom field named by ID is typed and labelled with its caption; a field Get Meta does not know is marked as a guess', async () => {
		const fields = await columns({
			resource: 'levelOne',
			operation: 'create',
			fieldList: 'sf_Name;;cf_1234567;;cf_1234569;;cf_Not Described;;sf_Modified Date',
			options: { getMetaToken: 'levelone-getmeta' },
		});
		expect(typed(fields)).toEqual({
			sf_Name: ['string', 'sf_Name'],
			cf_1234567: ['options', 'cf_1234567 (Program Area)', PROGRAM_AREAS],
			cf_1234569: ['number', 'cf_1234569 (Amount Awarded)'],
			'cf_Not Described': ['string', 'cf_Not Described (type unknown)'],
			// in the field list, so SmartSimple expects it; it ignores the value
			'sf_Modified Date': ['string', 'sf_Modified Date (read-only, not saved)'],
		});
		expect(tokens()).toEqual(['levelone-getmeta']);
	});

	test('no Field List: the level\'s writable fields from the same one Get Meta call, typed', async () => {
		const fields = await columns({ resource: 'levelTwo', operation: 'create', options: { getMetaToken: 'leveltwo-getmeta' } });
		expect(typed(fields)).toEqual({
			sf_Name: ['string', 'sf_Name'],
			sf_Type: ['options', 'sf_Type', [
				{ name: 'Review', value: '1' },
				{ name: 'Payment', value: '2' },
				{ name: 'Progress Report', value: '3' },
			]],
			sf_Status: ['options', 'sf_Status', [
				{ name: 'Pending', value: '1' },
				{ name: 'In Progress', value: '2' },
				{ name: 'Complete', value: '3' },
				{ name: 'Cancelled', value: '4' },
			]],
			sf_Owner: ['string', 'sf_Owner (ID)'],
			'sf_Start Date': ['dateTime', 'sf_Start Date'],
			'sf_End Date': ['dateTime', 'sf_End Date'],
			'sf_Parent ID': ['string', 'sf_Parent ID (ID)'],
			'cf_Payment Amount': ['number', 'cf_Payment Amount'],
		});
		expect(tokens()).toEqual(['leveltwo-getmeta']);
	});

	test('another answer shape: types as words, choices as {value, caption} or an {id: name} map, statuses from the level', async () => {
		ctx.sb.faults.add({
			body: JSON.stringify({
				records: [{
					levelone: {
						statuses: { 10: 'Open', 20: 'Closed' },
						fields: [
							{ id: '', name: 'Status', type: 'Select One - Combo Box' },
							{ id: '77', name: 'Award Date', caption: 'Date of Award', type: 'Date' },
							{ id: '78', name: 'Region', type: 'Select One - Radio Buttons', options: [{ value: 'N', caption: 'North' }, { value: 'S', caption: 'South' }] },
							{ id: '79', name: 'Topics', type: 'Select Many - Check Boxes', options: { 1: 'A', 2: 'B' } },
							{ id: '80', name: 'Budget', type: 'Number' },
							{ id: '81', name: 'Notes', type: 'Text Area' },
						],
					},
				}],
				message: {},
			}),
		});
		const fields = await columns({
			resource: 'levelOne',
			operation: 'create',
			fieldList: 'sf_Status;;cf_Award Date;;cf_78;;cf_Topics;;cf_Budget;;cf_Notes',
			options: { getMetaToken: 'levelone-getmeta' },
		});
		expect(typed(fields)).toEqual({
			sf_Status: ['options', 'sf_Status', [{ name: 'Open', value: '10' }, { name: 'Closed', value: '20' }]],
			'cf_Award Date': ['dateTime', 'cf_Award Date (Date of Award)'],
			cf_78: ['options', 'cf_78 (Region)', [{ name: 'North', value: 'N' }, { name: 'South', value: 'S' }, { name: '(Empty)', value: '' }]],
			cf_Topics: ['string', 'cf_Topics (stored values, e.g. ,1,2,)'],
			cf_Budget: ['number', 'cf_Budget'],
			cf_Notes: ['string', 'cf_Notes'],
		});
	});

	test('a custom select field mapped from an empty read-back value is sent empty', async () => {
		const parameters = {
			resource: 'levelOne',
			operation: 'update',
			apiToken: 'levelone-update-byid',
			recordId: '3000001',
			fieldList: fieldListOf('levelone-update-byid'),
			options: { getMetaToken: 'levelone-getmeta' },
		};
		const schema = await columns(parameters);
		ctx.sb.resetCalls();
		const { error } = await ctx.run({
			...parameters,
			columns: { mappingMode: 'defineBelow', value: { sf_Name: 'Renamed', cf_1234567: '={{ $json.area }}' }, matchingColumns: [], schema },
		}, { input: [{ json: { area: '' } }] });
		expect(error).toBeUndefined();
		expect(ctx.sb.calls.map((c) => c.parsed.jsonrset)).toEqual([[{ recordid: '3000001', sf_Name: 'Renamed', cf_1234567: '' }]]);
	});

	test('a Get Meta function that does not describe the level: an error that says what to add, not guessed fields', async () => {
		ctx.sb.faults.add({ body: JSON.stringify({ levelone: { types: [], statuses: [], fields: [] } }) });
		await expect(
			columns({ resource: 'levelThree', operation: 'create', fieldList: 'sf_Name', options: { getMetaToken: 'levelthree-getmeta' } }),
		).rejects.toMatchObject({
			message: 'The Get Meta function describes levelone, not levelthree',
			description: expect.stringContaining('Add levelthree.* to the Get Meta function'),
		});
	});

	test('a Get Meta token given as an expression: no call, the resource table\'s types', async () => {
		const fields = await columns({
			resource: 'levelOne',
			operation: 'update',
			fieldList: 'sf_Status;;sf_Start Date',
			options: { getMetaToken: '={{ $json.token }}' },
		});
		expect(typed(fields)).toEqual({ sf_Status: ['string', 'sf_Status (stored value)'], 'sf_Start Date': ['dateTime', 'sf_Start Date'] });
		expect(ctx.sb.calls).toEqual([]);
	});
});

describe('Columns mapper without Get Meta: the resource table types standard fields, others are guesses', () => {
	test('Field List only: no call; dates, amounts and IDs from the table; statuses as text of stored values; custom fields marked', async () => {
		const fields = await columns({
			resource: 'levelOne',
			operation: 'update',
			fieldList: 'sf_Name;;sf_Status;;sf_Start Date;;sf_Requested Amount;;sf_Customer;;cf_Program Area',
		});
		expect(typed(fields)).toEqual({
			sf_Name: ['string', 'sf_Name'],
			sf_Status: ['string', 'sf_Status (stored value)'],
			'sf_Start Date': ['dateTime', 'sf_Start Date'],
			'sf_Requested Amount': ['number', 'sf_Requested Amount'],
			sf_Customer: ['string', 'sf_Customer (ID)'],
			'cf_Program Area': ['string', 'cf_Program Area (type unknown)'],
		});
		expect(ctx.sb.calls).toEqual([]);
	});

	test('a standard field the table does not type is a guess too', async () => {
		const fields = await columns({ resource: 'company', operation: 'create', fieldList: 'sf_Name;;sf_Category;;cf_EIN Number' });
		expect(typed(fields)).toEqual({
			sf_Name: ['string', 'sf_Name'],
			sf_Category: ['string', 'sf_Category (type unknown)'],
			'cf_EIN Number': ['string', 'cf_EIN Number (type unknown)'],
		});
	});

	test('no Field List, a List token and a Get Meta token: the one call reads a record for the names; Get Meta is not called', async () => {
		const fields = await columns({
			resource: 'levelOne',
			operation: 'update',
			options: { readCurrentToken: 'levelone-list-byid', getMetaToken: 'levelone-getmeta' },
		});
		expect(typed(fields)).toEqual({
			sf_Name: ['string', 'sf_Name'],
			sf_Status: ['string', 'sf_Status (stored value)'],
			cf_1234567: ['string', 'cf_1234567 (type unknown)'],
			cf_1234569: ['string', 'cf_1234569 (type unknown)'],
		});
		expect(tokens()).toEqual(['levelone-list-byid']);
	});
});

describe('what the editor shows (n8n-workflow displayParameter on the node description)', () => {
	const description = new SmartSimple().description;
	const node = { name: 'SmartSimple', type: 'n8n-nodes-smartsimple.smartSimple', typeVersion: 1, parameters: {} };
	const shown = (parameters) =>
		description.properties.filter((p) => NodeHelpers.displayParameter(parameters, p, node, description));
	const shownOptions = (parameters) => {
		const options = shown(parameters).find((p) => p.name === 'options');
		return options.options.filter((o) => NodeHelpers.displayParameter({}, o, node, description, parameters)).map((o) => o.name);
	};

	test('Get Many: Field List directly under API Token, before the pickers that use it', () => {
		expect(shown({ resource: 'levelOne', operation: 'getAll', returnAll: false, filterMode: 'builder' }).map((p) => p.name)).toEqual([
			'resource', 'operation', 'apiToken', 'fieldList', 'returnAll', 'limit', 'filterMode', 'filters', 'sort', 'options',
		]);
	});

	test('Get Many options: reports hide Include Archived, Key Format and Strip Prefixes; system variables hide Include Archived', () => {
		expect(shownOptions({ resource: 'levelOne', operation: 'getAll' })).toEqual([
			'includeArchived', 'keyFormat', 'pageSize', 'requestTimeout', 'stripPrefixes', 'valueFormat',
		]);
		expect(shownOptions({ resource: 'report', operation: 'getAll' })).toEqual(['pageSize', 'requestTimeout', 'valueFormat']);
		expect(shownOptions({ resource: 'systemVariable', operation: 'getAll' })).toEqual([
			'keyFormat', 'pageSize', 'requestTimeout', 'stripPrefixes', 'valueFormat',
		]);
	});

	test('Update Meta: Caption and Field Type only for a custom field change', () => {
		const changes = shown({ resource: 'levelOne', operation: 'updateMeta', inputMode: 'define' }).find((p) => p.name === 'changes');
		const values = changes.options[0].values;
		const visible = (kind) => values.filter((v) => NodeHelpers.displayParameter({ kind }, v, node, description)).map((v) => v.name);
		expect(visible('field')).toEqual(['kind', 'caption', 'fieldType', 'id', 'level', 'name']);
		expect(visible('status')).toEqual(['kind', 'id', 'level', 'name']);
		expect(visible('type')).toEqual(['kind', 'id', 'level', 'name']);
	});

	test('the mapper reloads on what names or types its fields, never on Record ID', () => {
		const mapper = description.properties.find((p) => p.name === 'columns');
		expect(mapper.typeOptions.loadOptionsDependsOn).toContain('options.getMetaToken');
		expect(mapper.typeOptions.loadOptionsDependsOn).toContain('fieldList');
		expect(mapper.typeOptions.loadOptionsDependsOn).not.toContain('recordId');
	});
});

describe('Get Many ignores options that do not apply, as saved by workflows from before they were hidden', () => {
	test('report: no keyformat or includearchive sent, no prefixes stripped', async () => {
		const { items, error } = await ctx.run({
			resource: 'report',
			operation: 'getAll',
			apiToken: 'report-list',
			returnAll: false,
			limit: 2,
			options: { keyFormat: '2', includeArchived: false, stripPrefixes: true, valueFormat: 'stored' },
		});
		expect(error).toBeUndefined();
		expect(ctx.sb.calls.map((c) => c.parsed.othersettings)).toEqual([{ recordstart: 1, recordend: 2, getstorevalue: 1 }]);
		expect(items).toHaveLength(2);
	});

	test('system variables: no includearchive sent', async () => {
		const { error } = await ctx.run({
			resource: 'systemVariable',
			operation: 'getAll',
			apiToken: 'sysvar-list',
			returnAll: false,
			limit: 1,
			options: { includeArchived: false },
		});
		expect(error).toBeUndefined();
		expect(ctx.sb.calls.map((c) => c.parsed.othersettings)).toEqual([{ recordstart: 1, recordend: 1 }]);
	});
});

describe('example "approve a submitted level 1 application": the typed mapper as saved, run for real', () => {
	const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples/approve-level-one-application.json'), 'utf8'));
	const nodeNamed = (name) => example.nodes.find((n) => n.name === name);
	const approve = nodeNamed('Approve application');

	test('its saved Columns schema is what the editor loads for it, with a dropdown, a date and a number', async () => {
		const fields = await columns(approve.parameters);
		expect(approve.parameters.columns.schema).toEqual(fields);
		const types = Object.fromEntries(fields.map((f) => [f.id, f.type]));
		expect(types).toMatchObject({ sf_Status: 'options', 'sf_End Date': 'dateTime', 'cf_Amount Awarded': 'number' });
		expect(tokens()).toEqual(['levelone-getmeta']);
	});

	test('runs: finds a submitted application and approves it; the date, number and dropdown values arrive as SmartSimple takes them', async () => {
		const found = await ctx.run(nodeNamed('Find a submitted application').parameters);
		expect(found.error).toBeUndefined();
		const submitted = ctx.sb.store.list('levelone').filter((r) => r.sf_Status === '2');
		expect(found.items.map((i) => i.json.recordid)).toEqual([submitted[0].recordid]);

		ctx.sb.resetCalls();
		const before = ctx.sb.store.get('levelone', submitted[0].recordid);
		const { items, error } = await ctx.run(approve.parameters, { input: found.items });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(ctx.sb.calls.map((c) => c.token)).toEqual(['levelone-list', 'levelone-update']);
		const [sent] = ctx.sb.calls[1].parsed.jsonrset;
		expect(sent).toMatchObject({
			recordid: submitted[0].recordid,
			sf_Status: '4',
			'sf_End Date': '2025-12-31',
			'cf_Amount Awarded': '25000',
			sf_Name: before.sf_Name,
		});
		expect(ctx.sb.store.get('levelone', submitted[0].recordid)).toMatchObject({ sf_Status: '4', 'cf_Amount Awarded': '25000' });
	});

	test('a caption where the dropdown holds stored values is refused before any call, typed or from an expression', async () => {
		const withStatus = (sf_Status) => ({
			...approve.parameters,
			recordId: '3000001',
			columns: { ...approve.parameters.columns, value: { sf_Status } },
		});
		// n8n flags the node before the workflow starts...
		await expect(ctx.run(withStatus('Approved'))).rejects.toThrow(
			"'sf_Status' expects one of the following values: [1, 2, 3, 4, 5, 6, 7] but we got 'Approved'",
		);
		// ...and checks an expression's value when the node runs
		const { error } = await ctx.run(withStatus('={{ "Approved" }}'));
		expect(error.message).toBe("Invalid input for 'sf_Status' [item 0]");
		expect(ctx.sb.calls).toEqual([]);
	});
});
