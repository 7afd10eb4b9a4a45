'use strict';
/**
 * get and getAll for every resource, run through n8n's real WorkflowExecute against the sandbox:
 * the exact request (sandbox call log) and the exact output items (the sandbox store's data).
 * Also the criteria builder (every operator, bracket groups), raw criteria JSON, sort, the list
 * options and expressions over several input items.
 */
const { runNode } = require('../helpers/n8n');
const { useSandbox, maskedCalls } = require('../helpers/sandbox');
const { formatRecord } = require('../sandbox/format');

const ctx = useSandbox({ seed: 42, records: 'small' });
const calls = () => maskedCalls(ctx.sb);
const { run } = ctx;

const RESOURCES = [
	{ resource: 'company', endpoint: 'company' },
	{ resource: 'user', endpoint: 'user' },
	{ resource: 'levelOne', endpoint: 'levelone' },
	{ resource: 'levelTwo', endpoint: 'leveltwo' },
	{ resource: 'levelThree', endpoint: 'levelthree' },
	{ resource: 'transaction', endpoint: 'transactions' },
	{ resource: 'systemVariable', endpoint: 'sysvar' },
];

/** The form a call must carry: the credential fields are compared without ever printing them. */
function expectForm(call, expected) {
	const { username, password, companyid, alias, ...rest } = call.form;
	const c = ctx.sb.credentials;
	expect({
		username: username === c.username,
		password: password === '<the password>',
		companyid: companyid === c.companyId,
		alias: alias === c.alias,
	}).toEqual({ username: true, password: true, companyid: true, alias: true });
	expect(rest).toEqual(expected);
}

const apiUrl = (endpoint) => `${ctx.sb.url}/API/1/${endpoint}/`;

/** What SmartConnect answers for a record: display values (default) or stored values. */
function expected(endpoint, token, id, { stored = false, keyformat = 0 } = {}) {
	return formatRecord({
		endpoint,
		row: ctx.sb.store.row(endpoint, id),
		entries: ctx.sb.fn(token).entries,
		settings: { getstorevalue: stored ? 1 : 0, keyformat },
		store: ctx.sb.store,
	});
}

/** Stored values straight from the store record (independent of the sandbox's formatting). */
function storedFromStore(endpoint, token, id) {
	const record = ctx.sb.store.get(endpoint, id);
	const out = { recordid: record.recordid };
	for (const { ref, field } of ctx.sb.fn(token).entries) {
		out[ref] = record[field.key] ?? (field.kind === 'cf' ? null : '');
	}
	return out;
}

/** Record IDs in record ID order. */
const ids = (endpoint, options) => ctx.sb.store.list(endpoint, options).map((r) => r.recordid);

describe.each(RESOURCES)('$resource', ({ resource, endpoint }) => {
	test('get: one call with the record ID; the output is the record', async () => {
		const id = ids(endpoint)[1];
		const { items, error } = await run({
			resource,
			operation: 'get',
			apiToken: `${endpoint}-get`,
			recordId: id,
		});
		expect(error).toBeUndefined();
		expect(calls()).toHaveLength(1);
		const [call] = calls();
		expect(call).toMatchObject({
			method: 'POST',
			path: `/API/1/${endpoint}/`,
			version: '1',
			endpoint,
			token: `${endpoint}-get`,
			action: 'get',
			url: apiUrl(endpoint),
			status: 200,
		});
		expectForm(call, { apitoken: `${endpoint}-get`, url: apiUrl(endpoint), recordid: id });
		expect(items).toEqual([{ json: expected(endpoint, `${endpoint}-get`, id), pairedItem: { item: 0 } }]);
		expect(Object.keys(items[0].json)[0]).toBe('recordid');
	});

	test('getAll with a limit: one call for records 1..limit; output in record ID order', async () => {
		const { items, error } = await run({
			resource,
			operation: 'getAll',
			apiToken: `${endpoint}-list`,
			returnAll: false,
			limit: 7,
		});
		expect(error).toBeUndefined();
		expect(calls()).toHaveLength(1);
		const [call] = calls();
		expect(call).toMatchObject({ endpoint, token: `${endpoint}-list`, action: 'list', url: apiUrl(endpoint) });
		expectForm(call, {
			apitoken: `${endpoint}-list`,
			url: apiUrl(endpoint),
			othersettings: '{"recordstart":1,"recordend":7}',
		});
		expect(call.parsed).toEqual({ othersettings: { recordstart: 1, recordend: 7 } });
		const want = ids(endpoint).slice(0, 7);
		expect(items).toEqual(
			want.map((id) => ({ json: expected(endpoint, `${endpoint}-list`, id), pairedItem: { item: 0 } })),
		);
	});

	test('getAll, Return All, stored values: every record, equal to the store', async () => {
		const { items, error } = await run({
			resource,
			operation: 'getAll',
			apiToken: `${endpoint}-list`,
			returnAll: true,
			options: { valueFormat: 'stored' },
		});
		expect(error).toBeUndefined();
		expect(calls()).toHaveLength(1);
		expect(calls()[0].parsed.othersettings).toEqual({ getstorevalue: 1, recordstart: 1, recordend: 1000 });
		const all = ids(endpoint);
		expect(items.map((i) => i.json)).toEqual(all.map((id) => storedFromStore(endpoint, `${endpoint}-list`, id)));
	});
});

describe('report getAll: run the report, one item per row', () => {
	test.each([
		['report-list', 'applications'],
		['report-summary', 'organizations-by-country'],
	])('%s', async (token, reportName) => {
		const { REPORTS } = require('../sandbox/reports');
		const report = REPORTS[reportName];
		const rows = report.rows(ctx.sb.store).map((row) =>
			Object.fromEntries(report.columns.map((column) => [column, row[column]])),
		);
		const { items, error } = await run({
			resource: 'report',
			operation: 'getAll',
			apiToken: token,
			returnAll: true,
			options: { pageSize: 50 },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(rows);
		expect(items.every((i) => i.pairedItem.item === 0)).toBe(true);
		expect(calls()).toHaveLength(Math.max(1, Math.ceil(rows.length / 50)));
		calls().forEach((call, page) => {
			expect(call).toMatchObject({ endpoint: 'report', token, url: apiUrl('report') });
			// Reports take no criteria or sort.
			expect(call.parsed).toEqual({
				// The first call cannot know the count; later calls ask exactly what is left.
				othersettings: {
					recordstart: page * 50 + 1,
					recordend: page === 0 ? 50 : Math.min((page + 1) * 50, rows.length),
				},
			});
		});
	});

	test('report with a limit: one call, the first rows', async () => {
		const { REPORTS } = require('../sandbox/reports');
		const first = REPORTS.applications.rows(ctx.sb.store)[0];
		const { items } = await run({
			resource: 'report',
			operation: 'getAll',
			apiToken: 'report-list',
			limit: 3,
		});
		expect(items).toHaveLength(3);
		expect(items[0].json).toEqual(
			Object.fromEntries(REPORTS.applications.columns.map((c) => [c, first[c]])),
		);
		expect(calls()).toHaveLength(1);
		expectForm(calls()[0], {
			apitoken: 'report-list',
			url: apiUrl('report'),
			othersettings: '{"recordstart":1,"recordend":3}',
		});
	});
});

// ---------------------------------------------------------------- criteria

/** SmartConnect comparison (ARCHITECTURE.md): numeric when both sides are numeric, else text without case. */
function compare(a, b) {
	const sa = a === null || a === undefined ? '' : String(a);
	const sb2 = b === null || b === undefined ? '' : String(b);
	const numeric = /^\s*-?\d+(\.\d+)?\s*$/;
	if (numeric.test(sa) && numeric.test(sb2)) return Number(sa) - Number(sb2);
	const la = sa.toLowerCase();
	const lb = sb2.toLowerCase();
	return la < lb ? -1 : la > lb ? 1 : 0;
}
const isEmptyValue = (v) => v === null || v === undefined || String(v).trim() === '';
const contains = (v, part) => String(v ?? '').toLowerCase().includes(part.toLowerCase());

const levelOne = () => ctx.sb.store.list('levelone');
const AMOUNT = 'sf_Requested Amount';

async function listLevelOne(parameters) {
	return await run({
		resource: 'levelOne',
		operation: 'getAll',
		apiToken: 'levelone-list',
		returnAll: true,
		...parameters,
	});
}

describe('criteria builder: every operator against the sandbox', () => {
	let median;
	beforeAll(() => {
		const amounts = levelOne()
			.map((r) => Number(r[AMOUNT]))
			.sort((a, b) => a - b);
		median = String(amounts[Math.floor(amounts.length / 2)]);
	});

	const CASES = [
		['equal', '=', (r, v) => compare(r[AMOUNT], v) === 0],
		['notEqual', '!=', (r, v) => compare(r[AMOUNT], v) !== 0],
		['greaterThan', '>', (r, v) => compare(r[AMOUNT], v) > 0],
		['greaterThanOrEqual', '>=', (r, v) => compare(r[AMOUNT], v) >= 0],
		['lessThan', '<', (r, v) => compare(r[AMOUNT], v) < 0],
		['lessThanOrEqual', '<=', (r, v) => compare(r[AMOUNT], v) <= 0],
	];
	test.each(CASES)('%s sends %j and returns exactly the matching records', async (operator, wire, match) => {
		const { items, error } = await listLevelOne({
			filters: { conditions: [{ andor: 'and', field: AMOUNT, operator, value: median }] },
		});
		expect(error).toBeUndefined();
		expect(calls()).toHaveLength(1);
		expect(calls()[0].parsed.criteria).toEqual([{ andor: 'and', field: AMOUNT, operator: wire, value: median }]);
		const want = levelOne().filter((r) => match(r, median)).map((r) => r.recordid);
		expect(want.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.recordid)).toEqual(want);
	});

	test.each([
		['like', 'like', true],
		['notLike', 'not like', false],
	])('%s sends %j (substring, case-insensitive)', async (operator, wire, wanted) => {
		const { items } = await listLevelOne({
			filters: { conditions: [{ field: 'sf_Name', operator, value: 'health' }] },
		});
		expect(calls()[0].parsed.criteria).toEqual([{ andor: 'and', field: 'sf_Name', operator: wire, value: 'health' }]);
		const want = levelOne()
			.filter((r) => contains(r.sf_Name, 'health') === wanted)
			.map((r) => r.recordid);
		expect(want.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.recordid)).toEqual(want);
	});

	test.each([
		['isEmpty', 'true', true],
		['isNotEmpty', 'false', false],
	])('%s sends isempty/%j', async (operator, value, wanted) => {
		const { items } = await listLevelOne({
			filters: { conditions: [{ field: 'cf_Amount Awarded', operator, value: 'ignored' }] },
		});
		expect(calls()[0].parsed.criteria).toEqual([
			{ andor: 'and', field: 'cf_Amount Awarded', operator: 'isempty', value },
		]);
		const want = levelOne()
			.filter((r) => isEmptyValue(r['cf_Amount Awarded']) === wanted)
			.map((r) => r.recordid);
		expect(want.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.recordid)).toEqual(want);
	});

	test('and / or without groups: and binds tighter than or', async () => {
		const conditions = [
			{ andor: 'and', field: 'sf_Status', operator: 'equal', value: '4' },
			{ andor: 'and', field: AMOUNT, operator: 'greaterThan', value: median },
			{ andor: 'or', field: 'sf_Status', operator: 'equal', value: '1' },
		];
		const { items } = await listLevelOne({ filters: { conditions } });
		expect(calls()[0].parsed.criteria).toEqual([
			{ andor: 'and', field: 'sf_Status', operator: '=', value: '4' },
			{ andor: 'and', field: AMOUNT, operator: '>', value: median },
			{ andor: 'or', field: 'sf_Status', operator: '=', value: '1' },
		]);
		const want = levelOne()
			.filter((r) => (r.sf_Status === '4' && compare(r[AMOUNT], median) > 0) || r.sf_Status === '1')
			.map((r) => r.recordid);
		expect(items.map((i) => i.json.recordid)).toEqual(want);
	});

	test('bracket groups "(" ... ") and (" ...', async () => {
		const conditions = [
			{ andor: '(', field: 'sf_Status', operator: 'equal', value: '4' },
			{ andor: 'or', field: 'sf_Status', operator: 'equal', value: '2' },
			{ andor: ') and (', field: AMOUNT, operator: 'greaterThanOrEqual', value: median },
			{ andor: 'or', field: 'cf_Amount Awarded', operator: 'isNotEmpty' },
		];
		const { items, error } = await listLevelOne({ filters: { conditions } });
		expect(error).toBeUndefined();
		expect(calls()[0].parsed.criteria).toEqual([
			{ andor: '(', field: 'sf_Status', operator: '=', value: '4' },
			{ andor: 'or', field: 'sf_Status', operator: '=', value: '2' },
			{ andor: ') and (', field: AMOUNT, operator: '>=', value: median },
			{ andor: 'or', field: 'cf_Amount Awarded', operator: 'isempty', value: 'false' },
		]);
		const want = levelOne()
			.filter(
				(r) =>
					(r.sf_Status === '4' || r.sf_Status === '2') &&
					(compare(r[AMOUNT], median) >= 0 || !isEmptyValue(r['cf_Amount Awarded'])),
			)
			.map((r) => r.recordid);
		expect(want.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.recordid)).toEqual(want);
	});

	test('bracket groups "(" ... ") or (" ...', async () => {
		const conditions = [
			{ andor: '(', field: 'sf_Status', operator: 'equal', value: '4' },
			{ andor: 'and', field: AMOUNT, operator: 'lessThan', value: median },
			{ andor: ') or (', field: 'sf_Status', operator: 'equal', value: '5' },
			{ andor: 'and', field: 'sf_Name', operator: 'like', value: 'a' },
		];
		const { items } = await listLevelOne({ filters: { conditions } });
		expect(calls()[0].parsed.criteria.map((c) => c.andor)).toEqual(['(', 'and', ') or (', 'and']);
		const want = levelOne()
			.filter(
				(r) =>
					(r.sf_Status === '4' && compare(r[AMOUNT], median) < 0) ||
					(r.sf_Status === '5' && contains(r.sf_Name, 'a')),
			)
			.map((r) => r.recordid);
		expect(want.length).toBeGreaterThan(0);
		expect(items.map((i) => i.json.recordid)).toEqual(want);
	});

	test('an invalid builder condition is refused before any call', async () => {
		const { items, error } = await listLevelOne({
			filters: { conditions: [{ field: 'sf_Status', value: '1' }, { andor: ') or (', field: 'sf_Name' }] },
		});
		expect(items).toBeUndefined();
		expect(error.message).toBe('Filters → condition 2: ") or (" closes a group, but none was opened with "("');
		expect(calls()).toHaveLength(0);
	});

	test('a filter value from an expression, one list per input item, paired to its item', async () => {
		const run2 = await runNode({
			parameters: {
				resource: 'levelOne',
				operation: 'getAll',
				apiToken: 'levelone-list',
				returnAll: true,
				filters: { conditions: [{ field: 'sf_Status', operator: 'equal', value: '={{ $json.status }}' }] },
			},
			credentials: ctx.sb.credentials,
			input: [{ json: { status: '4' } }, { json: { status: '5' } }],
		});
		expect(run2.error).toBeUndefined();
		expect(calls().map((c) => c.parsed.criteria[0].value)).toEqual(['4', '5']);
		const byStatus = (s) => levelOne().filter((r) => r.sf_Status === s).map((r) => r.recordid);
		expect(run2.items.filter((i) => i.pairedItem.item === 0).map((i) => i.json.recordid)).toEqual(byStatus('4'));
		expect(run2.items.filter((i) => i.pairedItem.item === 1).map((i) => i.json.recordid)).toEqual(byStatus('5'));
		expect(run2.items.map((i) => i.pairedItem.item)).toEqual([
			...byStatus('4').map(() => 0),
			...byStatus('5').map(() => 1),
		]);
	});
});

describe('criteria JSON mode', () => {
	test('the JSON is sent as criteria; output matches', async () => {
		const criteria = [
			{ andor: '(', field: 'sf_Status', operator: '=', value: '4' },
			{ andor: 'or', field: 'sf_Status', operator: '=', value: '7' },
			{ andor: ') and (', field: 'sf_Name', operator: 'not like', value: 'e' },
		];
		const { items, error } = await listLevelOne({
			filterMode: 'json',
			criteriaJson: JSON.stringify(criteria, null, 2),
			filters: { conditions: [{ field: 'sf_Name', value: 'builder is ignored in JSON mode' }] },
		});
		expect(error).toBeUndefined();
		expect(calls()).toHaveLength(1);
		expect(calls()[0].parsed.criteria).toEqual(criteria);
		const want = levelOne()
			.filter((r) => (r.sf_Status === '4' || r.sf_Status === '7') && !contains(r.sf_Name, 'e'))
			.map((r) => r.recordid);
		expect(items.map((i) => i.json.recordid)).toEqual(want);
	});

	test('criteria JSON from an expression (an array, not text), per input item', async () => {
		const [a, b] = [ids('levelone')[2], ids('levelone')[4]];
		const { items, error } = await runNode({
			parameters: {
				resource: 'levelOne',
				operation: 'getAll',
				apiToken: 'levelone-list',
				returnAll: true,
				filterMode: 'json',
				criteriaJson: '={{ [{ "andor": "and", "field": "recordid", "operator": "<=", "value": $json.max }] }}',
			},
			credentials: ctx.sb.credentials,
			input: [{ json: { max: Number(a) } }, { json: { max: Number(b) } }],
		});
		expect(error).toBeUndefined();
		expect(calls().map((c) => c.parsed.criteria)).toEqual([
			[{ andor: 'and', field: 'recordid', operator: '<=', value: a }],
			[{ andor: 'and', field: 'recordid', operator: '<=', value: b }],
		]);
		expect(items.map((i) => [i.pairedItem.item, i.json.recordid])).toEqual([
			...ids('levelone').slice(0, 3).map((id) => [0, id]),
			...ids('levelone').slice(0, 5).map((id) => [1, id]),
		]);
	});

	test('empty JSON array: no criteria field at all', async () => {
		const { items } = await listLevelOne({ filterMode: 'json', criteriaJson: '[]' });
		expect(calls()[0].form).not.toHaveProperty('criteria');
		expect(items).toHaveLength(levelOne().length);
	});

	test('invalid JSON: a clear error naming the parameter, no call spent', async () => {
		const { items, error } = await listLevelOne({ filterMode: 'json', criteriaJson: '[{"field":"sf_Name",' });
		expect(items).toBeUndefined();
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^Criteria \(JSON\) is not valid JSON: /);
		expect(calls()).toHaveLength(0);
	});

	test('valid JSON of the wrong shape: error naming the item, no call spent', async () => {
		const { error } = await listLevelOne({
			filterMode: 'json',
			criteriaJson: '[{"field":"sf_Name","operator":"contains","value":"x"}]',
		});
		expect(error.message).toBe(
			'Criteria (JSON) → item 1: "operator" must be one of =, !=, <>, >, >=, <, <=, like, not like, isempty',
		);
		expect(calls()).toHaveLength(0);
	});
});

describe('sort', () => {
	test('sortFields are sent as sortby and the records come back in that order', async () => {
		const { items, error } = await listLevelOne({
			sort: {
				sortFields: [
					{ field: 'sf_Status', direction: 'desc' },
					{ field: AMOUNT, direction: 'asc' },
				],
			},
		});
		expect(error).toBeUndefined();
		expect(calls()[0].parsed.sortby).toEqual([
			{ field: 'sf_Status', direction: 'desc' },
			{ field: AMOUNT, direction: 'asc' },
		]);
		const want = levelOne()
			.slice()
			.sort(
				(a, b) =>
					-compare(a.sf_Status, b.sf_Status) ||
					compare(a[AMOUNT], b[AMOUNT]) ||
					Number(a.recordid) - Number(b.recordid),
			)
			.map((r) => r.recordid);
		expect(items.map((i) => i.json.recordid)).toEqual(want);
	});

	test('no sort: no sortby field', async () => {
		await listLevelOne({ limit: 1, returnAll: false });
		expect(calls()[0].form).not.toHaveProperty('sortby');
		expect(calls()[0].form).not.toHaveProperty('criteria');
	});
});

describe('getAll options', () => {
	const first = () => ids('levelone')[0];

	test.each([
		['display', 0],
		['stored', 1],
	])('valueFormat %s -> getstorevalue %i', async (valueFormat, getstorevalue) => {
		const { items } = await listLevelOne({ returnAll: false, limit: 2, options: { valueFormat } });
		expect(calls()[0].parsed.othersettings).toEqual({ getstorevalue, recordstart: 1, recordend: 2 });
		expect(items[0].json).toEqual(expected('levelone', 'levelone-list', first(), { stored: getstorevalue === 1 }));
		if (getstorevalue === 1) expect(items[0].json).toEqual(storedFromStore('levelone', 'levelone-list', first()));
	});

	test.each([
		['0', 0, ['recordid', 'sf_Name', 'sf_Status', 'sf_Modified Date', 'cf_1234567', 'cf_1234569']],
		['1', 1, ['recordid', 'sf_Name', 'sf_Status', 'sf_Modified Date', 'cf_Program Area', 'cf_Amount Awarded']],
		['2', 2, ['recordid', 'sf_Name', 'sf_Status', 'sf_Modified Date', 'cf_1234567', 'cf_1234569']],
	])('keyFormat %s -> keyformat %i', async (keyFormat, keyformat, keys) => {
		const { items } = await run({
			resource: 'levelOne',
			operation: 'getAll',
			apiToken: 'levelone-list-byid',
			limit: 1,
			options: { keyFormat },
		});
		expect(calls()[0].parsed.othersettings).toEqual({ keyformat, recordstart: 1, recordend: 1 });
		expect(Object.keys(items[0].json)).toEqual(keys);
		expect(items[0].json).toEqual(expected('levelone', 'levelone-list-byid', first(), { keyformat }));
	});

	test.each(['user', 'leveltwo'])('includeArchived false -> includearchive 0 (%s)', async (endpoint) => {
		const resource = RESOURCES.find((r) => r.endpoint === endpoint).resource;
		const all = ids(endpoint);
		const live = ids(endpoint, { includeArchived: false });
		expect(live.length).toBeLessThan(all.length);

		const excluded = await run({
			resource,
			operation: 'getAll',
			apiToken: `${endpoint}-list`,
			returnAll: true,
			options: { includeArchived: false },
		});
		expect(calls()[0].parsed.othersettings).toEqual({ includearchive: 0, recordstart: 1, recordend: 1000 });
		expect(excluded.items.map((i) => i.json.recordid)).toEqual(live);

		ctx.sb.resetCalls();
		const included = await run({
			resource,
			operation: 'getAll',
			apiToken: `${endpoint}-list`,
			returnAll: true,
			options: { includeArchived: true },
		});
		expect(calls()[0].parsed.othersettings).toEqual({ recordstart: 1, recordend: 1000 });
		expect(included.items.map((i) => i.json.recordid)).toEqual(all);
	});

	test('stripPrefixes on getAll and get', async () => {
		const id = first();
		const record = expected('levelone', 'levelone-list', id);
		const stripped = Object.fromEntries(
			Object.entries(record).map(([k, v]) => [k.replace(/^(sf|cf)_/, ''), v]),
		);
		const list = await listLevelOne({ returnAll: false, limit: 1, options: { stripPrefixes: true } });
		expect(list.items[0].json).toEqual(stripped);
		expect(Object.keys(list.items[0].json)).toEqual(Object.keys(stripped));
		// stripPrefixes is the node's own: nothing about it goes on the wire.
		expect(calls()[0].parsed.othersettings).toEqual({ recordstart: 1, recordend: 1 });

		ctx.sb.resetCalls();
		const get = await run({
			resource: 'levelOne',
			operation: 'get',
			apiToken: 'levelone-get',
			recordId: id,
			options: { stripPrefixes: true },
		});
		const getRecord = expected('levelone', 'levelone-get', id);
		expect(get.items[0].json).toEqual(
			Object.fromEntries(Object.entries(getRecord).map(([k, v]) => [k.replace(/^(sf|cf)_/, ''), v])),
		);
		expectForm(calls()[0], { apitoken: 'levelone-get', url: apiUrl('levelone'), recordid: id });
	});

	test('all options together', async () => {
		await listLevelOne({
			returnAll: true,
			options: { pageSize: 40, valueFormat: 'stored', keyFormat: '1', includeArchived: false },
		});
		expect(calls().map((c) => c.parsed.othersettings)).toEqual([
			{ getstorevalue: 1, keyformat: 1, includearchive: 0, recordstart: 1, recordend: 40 },
			{ getstorevalue: 1, keyformat: 1, includearchive: 0, recordstart: 41, recordend: 80 },
			{ getstorevalue: 1, keyformat: 1, includearchive: 0, recordstart: 81, recordend: 119 },
		]);
	});
});

describe('expressions over several input items', () => {
	test('get: recordId from each item -> one call per item, paired to its item', async () => {
		const want = ids('company').slice(3, 6);
		const { items, error } = await runNode({
			parameters: { resource: 'company', operation: 'get', apiToken: 'company-get', recordId: '={{ $json.id }}' },
			credentials: ctx.sb.credentials,
			input: want.map((id) => ({ json: { id: Number(id) } })),
		});
		expect(error).toBeUndefined();
		expect(calls().map((c) => c.form.recordid)).toEqual(want);
		expect(items).toEqual(
			want.map((id, index) => ({ json: expected('company', 'company-get', id), pairedItem: { item: index } })),
		);
	});

	test('getAll: limit and token from expressions, per item', async () => {
		const { items, error } = await runNode({
			parameters: {
				resource: 'user',
				operation: 'getAll',
				apiToken: '={{ $json.token }}',
				limit: '={{ $json.n }}',
			},
			credentials: ctx.sb.credentials,
			input: [{ json: { token: 'user-list', n: 2 } }, { json: { token: 'user-list-modified', n: 3 } }],
		});
		expect(error).toBeUndefined();
		expect(calls().map((c) => [c.token, c.form.othersettings])).toEqual([
			['user-list', '{"recordstart":1,"recordend":2}'],
			['user-list-modified', '{"recordstart":1,"recordend":3}'],
		]);
		const userIds = ids('user');
		expect(items).toEqual([
			...userIds.slice(0, 2).map((id) => ({ json: expected('user', 'user-list', id), pairedItem: { item: 0 } })),
			...userIds
				.slice(0, 3)
				.map((id) => ({ json: expected('user', 'user-list-modified', id), pairedItem: { item: 1 } })),
		]);
	});

	test('an empty recordId is refused before any call', async () => {
		const { error } = await runNode({
			parameters: { resource: 'company', operation: 'get', apiToken: 'company-get', recordId: '={{ $json.id }}' },
			credentials: ctx.sb.credentials,
			input: [{ json: { id: '  ' } }],
		});
		expect(error.message).toBe('Record ID is empty');
		expect(error.description).toMatch(/SmartSimple ID/);
		expect(calls()).toHaveLength(0);
	});

	test('an empty API token is refused before any call', async () => {
		// A literal empty token is stopped by n8n itself (required parameter); an expression is not.
		const { error } = await listLevelOne({ apiToken: '={{ "  " }}' });
		expect(error.message).toBe('API Token is empty');
		expect(calls()).toHaveLength(0);
	});
});
