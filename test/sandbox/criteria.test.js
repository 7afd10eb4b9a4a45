'use strict';
// criteria (every operator, isempty, and/or precedence, the guide's bracket shape) and sortby,
// on hand-made organisations with known values, then against the full seeded data.

const { startSandbox } = require('./index');
const { call, list } = require('./helpers');

let sb;
const id = {};
const T = 'company-list';
const C = (andor, field, operator, value) => ({ andor, field, operator, value });

beforeAll(async () => {
	sb = await startSandbox({ seed: 42, records: 'small' });
	for (const c of sb.store.list('company')) sb.store.remove('company', c.recordid);
	const rows = [
		['Alpha', { 'sf_Name': 'Alpha Arts Society', sf_City: 'Toronto', sf_Country: 'Canada', sf_Category: 'Charity', 'cf_EIN Number': '12-0000001', 'cf_Organization Type': '1', sf_Phone: '100' }],
		['beta', { 'sf_Name': 'beta health trust', sf_City: 'toronto', sf_Country: 'Canada', sf_Category: '', 'cf_EIN Number': null, 'cf_Organization Type': '2', sf_Phone: '20' }],
		['Gamma', { 'sf_Name': 'Gamma 100% Fund', sf_City: 'Ottawa', sf_Country: 'Canada', sf_Category: 'Foundation', 'cf_EIN Number': '99-1', 'cf_Organization Type': '3', sf_Phone: '3' }],
		['Delta', { 'sf_Name': 'Delta_Youth Centre', sf_City: 'Boston', sf_Country: 'United States', sf_Category: 'Nonprofit', 'cf_EIN Number': null, 'cf_Organization Type': null, sf_Phone: '' }],
		['Epsilon', { 'sf_Name': 'Epsilon Alliance', sf_City: 'Austin', sf_Country: 'United States', sf_Category: 'Charity', 'cf_EIN Number': '55-5', 'cf_Organization Type': '1', sf_Phone: '1000' }],
		['Zeta', { 'sf_Name': 'Zeta Theatre', sf_City: '', sf_Country: 'Ireland', sf_Category: 'Vendor', 'cf_EIN Number': '', 'cf_Organization Type': '5', sf_Phone: '9' }],
	];
	for (const [k, fields] of rows) id[k] = sb.store.create('company', fields).recordid;
});
afterAll(() => sb.close());

const names = (ids) => ids.map((x) => Object.keys(id).find((k) => id[k] === x));
const where = async (criteria, extra = {}) => names((await list(sb, 'company', T, { criteria, ...extra })).ids);

describe('each operator', () => {
	test.each([
		['= (text, without regard to case)', [C('and', 'sf_City', '=', 'toronto')], ['Alpha', 'beta']],
		['!=', [C('and', 'sf_Country', '!=', 'Canada')], ['Delta', 'Epsilon', 'Zeta']],
		['<>', [C('and', 'sf_Country', '<>', 'canada')], ['Delta', 'Epsilon', 'Zeta']],
		['> (numeric when both sides are numbers: 100 > 50, 20 < 50)', [C('and', 'sf_Phone', '>', '50')], ['Alpha', 'Epsilon']],
		['>=', [C('and', 'sf_Phone', '>=', '100')], ['Alpha', 'Epsilon']],
		['< (an empty value compares as "" text)', [C('and', 'sf_Phone', '<', '20')], ['Gamma', 'Delta', 'Zeta']],
		['<=', [C('and', 'sf_Phone', '<=', '20')], ['beta', 'Gamma', 'Delta', 'Zeta']],
		['like (substring, any case)', [C('and', 'sf_Name', 'like', 'ARTS')], ['Alpha']],
		['like with % inside the pattern', [C('and', 'sf_Name', 'like', 'a%s')], ['Alpha', 'beta']],
		['like with _ (one character: "Art", "alt", "a T")', [C('and', 'sf_Name', 'like', 'a_t')], ['Alpha', 'beta', 'Zeta']],
		['like on a value holding _ and %', [C('and', 'sf_Name', 'like', '100%')], ['Gamma']],
		['not like', [C('and', 'sf_Country', 'not like', 'anad')], ['Delta', 'Epsilon', 'Zeta']],
		['isempty true (null and "" are empty)', [C('and', 'cf_EIN Number', 'isempty', 'true')], ['beta', 'Delta', 'Zeta']],
		['isempty false', [C('and', 'cf_EIN Number', 'isempty', 'false')], ['Alpha', 'Gamma', 'Epsilon']],
		['isempty on a standard field', [C('and', 'sf_Category', 'isempty', 'true')], ['beta']],
		['= on an option field takes the stored value', [C('and', 'cf_Organization Type', '=', '1')], ['Alpha', 'Epsilon']],
		['a custom field by ID (cf_1100002)', [C('and', 'cf_1100002', '=', '1')], ['Alpha', 'Epsilon']],
		['the display caption of an option does not match', [C('and', 'cf_Organization Type', '=', 'Nonprofit 501(c)(3)')], []],
	])('%s', async (_, criteria, expected) => {
		expect(await where(criteria)).toEqual(expected);
	});

	test('recordid is a criteria field', async () => {
		expect(await where([C('and', 'recordid', '>', id.Gamma)])).toEqual(['Delta', 'Epsilon', 'Zeta']);
	});
});

describe('and / or and brackets', () => {
	test('and narrows, or widens', async () => {
		expect(await where([C('and', 'sf_Country', '=', 'Canada'), C('and', 'sf_Category', '=', 'Charity')])).toEqual(['Alpha']);
		expect(await where([C('and', 'sf_City', '=', 'Ottawa'), C('or', 'sf_City', '=', 'Austin')])).toEqual(['Gamma', 'Epsilon']);
	});
	test('and binds tighter than or: A or B and C is A or (B and C)', async () => {
		const r = await where([C('and', 'sf_City', '=', 'Boston'), C('or', 'sf_Country', '=', 'Canada'), C('and', 'sf_Category', '=', 'Charity')]);
		expect(r).toEqual(['Alpha', 'Delta']);
	});
	test('the guide\'s example 2 shape: = ... or like ... and isempty false', async () => {
		const r = await where([C('and', 'sf_Phone', '=', '100'), C('or', 'sf_Name', 'like', 'theatre'), C('and', 'cf_EIN Number', 'isempty', 'false')]);
		expect(r).toEqual(['Alpha']); // Zeta's EIN is empty
	});
	test('the guide\'s bracket example shape: ( a or b or c or d ) and ( e or f )', async () => {
		const criteria = [
			{ andor: '(', field: 'sf_Name', operator: 'like', value: 'arts' },
			{ andor: 'or', field: 'sf_Name', operator: 'like', value: 'health' },
			{ andor: 'or', field: 'sf_Name', operator: 'like', value: 'theatre' },
			{ andor: 'or', field: 'sf_Name', operator: 'like', value: 'alliance' },
			{ andor: ') and (', field: 'sf_Country', operator: '=', value: 'United States' },
			{ andor: 'or', field: 'sf_City', operator: '=', value: 'Toronto' },
		];
		expect(await where(criteria)).toEqual(['Alpha', 'beta', 'Epsilon']);
		// without the brackets the same conditions mean something else
		const flat = criteria.map((c) => ({ ...c, andor: c.andor === ') and (' ? 'and' : c.andor === '(' ? 'and' : c.andor }));
		expect(await where(flat)).toEqual(['Alpha', 'beta', 'Epsilon', 'Zeta']);
	});
	test(') or ( joins two groups', async () => {
		const r = await where([
			C('(', 'sf_City', '=', 'Boston'), C('and', 'sf_Category', '=', 'Nonprofit'),
			C(') or (', 'sf_Country', '=', 'Ireland'), C('and', 'sf_Category', '=', 'Vendor'),
		]);
		expect(r).toEqual(['Delta', 'Zeta']);
	});
	test('"(" after a condition means "and (", and the last group closes at the end', async () => {
		const r = await where([C('and', 'sf_Country', '=', 'Canada'), C('(', 'sf_City', '=', 'Ottawa'), C('or', 'sf_Category', '=', 'Charity')]);
		expect(r).toEqual(['Alpha', 'Gamma']);
	});
	test('no criteria, an empty array or an empty string match everything', async () => {
		const everyone = ['Alpha', 'beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'];
		expect(await where(undefined)).toEqual(everyone);
		expect(await where([])).toEqual(everyone);
		expect(names((await list(sb, 'company', T, { criteria: '' })).ids)).toEqual(everyone);
	});
	test.each([
		['an unknown field', [C('and', 'sf_Nickname', '=', 'x')]],
		['an unknown operator', [C('and', 'sf_Name', 'contains', 'x')]],
		['isempty with a value other than true/false', [C('and', 'sf_Name', 'isempty', 'maybe')]],
		['a ")" without "("', [C('and', 'sf_Name', '=', 'x'), C(') and', 'sf_City', '=', 'y')]],
		['an andor word that is not and/or/brackets', [C('and', 'sf_Name', '=', 'x'), C('xor', 'sf_City', '=', 'y')]],
		['a criteria entry that is not an object', ['sf_Name = x']],
	])('%s answers "Encountered error while processing list"', async (_, criteria) => {
		const r = await call(sb, 'company', { apitoken: T, criteria });
		expect(r.json).toEqual({ records: [], message: 'Encountered error while processing list' });
	});
	test('the guide\'s literal bracket example (with its ""whatever else" typo) is not JSON: list error', async () => {
		const literal = '[{ "andor": "(", "field": "cf_somefield1", "operator": "like", "value": "whatever" },{ "andor": "or", "field": "cf_someotherfield2", "operator": "=", "value": ""whatever else" }]';
		const r = await call(sb, 'company', { apitoken: T, criteria: literal });
		expect(r.json).toEqual({ records: [], message: 'Encountered error while processing list' });
	});
});

describe('sortby', () => {
	const sorted = async (sortby) => names((await list(sb, 'company', T, { sortby })).ids);
	test('default order is record ID ascending', async () => {
		expect(await sorted(undefined)).toEqual(['Alpha', 'beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta']);
	});
	test('asc on text ignores case', async () => {
		expect(await sorted([{ field: 'sf_Name', direction: 'asc' }])).toEqual(['Alpha', 'beta', 'Delta', 'Epsilon', 'Gamma', 'Zeta']);
	});
	test('numbers sort as numbers, the empty value first', async () => {
		expect(await sorted([{ field: 'sf_Phone', direction: 'asc' }])).toEqual(['Delta', 'Gamma', 'Zeta', 'beta', 'Alpha', 'Epsilon']);
		expect(await sorted([{ field: 'sf_Phone', direction: 'desc' }])).toEqual(['Epsilon', 'Alpha', 'beta', 'Zeta', 'Gamma', 'Delta']);
	});
	test('several keys; ties keep record ID order', async () => {
		expect(await sorted([{ field: 'sf_Country', direction: 'asc' }, { field: 'sf_Name', direction: 'desc' }]))
			.toEqual(['Gamma', 'beta', 'Alpha', 'Zeta', 'Epsilon', 'Delta']);
		expect(await sorted([{ field: 'sf_Country', direction: 'asc' }])).toEqual(['Alpha', 'beta', 'Gamma', 'Zeta', 'Delta', 'Epsilon']);
		expect(await sorted([{ field: 'sf_Country', direction: 'desc' }])).toEqual(['Delta', 'Epsilon', 'Zeta', 'Alpha', 'beta', 'Gamma']);
	});
	test('direction defaults to asc; recordid desc reverses the default order', async () => {
		expect(await sorted([{ field: 'sf_City' }])).toEqual(['Zeta', 'Epsilon', 'Delta', 'Gamma', 'Alpha', 'beta']);
		expect(await sorted([{ field: 'recordid', direction: 'desc' }])).toEqual(['Zeta', 'Epsilon', 'Delta', 'Gamma', 'beta', 'Alpha']);
	});
	test.each([
		['an unknown field', [{ field: 'sf_Nope', direction: 'asc' }]],
		['a direction other than asc/desc', [{ field: 'sf_Name', direction: 'up' }]],
		['not JSON', '[{field:sf_Name}]'],
	])('sortby with %s answers the list error', async (_, sortby) => {
		const r = await call(sb, 'company', { apitoken: T, sortby });
		expect(r.json).toEqual({ records: [], message: 'Encountered error while processing list' });
	});
});

describe('against the full seeded data', () => {
	let big;
	let rows;
	beforeAll(async () => {
		big = await startSandbox({ seed: 7, records: 'full' });
		rows = big.store.list('levelone');
	});
	afterAll(() => big.close());

	test('the guide\'s bracket example on level one custom fields matches an independent filter', async () => {
		const has = (v, s) => String(v ?? '').toLowerCase().includes(s);
		const expected = rows
			.filter((r) => (has(r['cf_Project Summary'], 'pilot') || has(r.sf_Name, 'garden') || has(r.sf_Name, 'music') || has(r['sf_Created By'], 'chen'))
				&& (r['cf_Program Area'] === '2' || r['cf_Program Area'] === '3'))
			.map((r) => r.recordid);
		expect(expected.length).toBeGreaterThan(100);
		const r = await list(big, 'levelone', 'levelone-list', {
			criteria: [
				{ andor: '(', field: 'cf_Project Summary', operator: 'like', value: 'pilot' },
				{ andor: 'or', field: 'sf_Name', operator: 'like', value: 'garden' },
				{ andor: 'or', field: 'sf_Name', operator: 'like', value: 'music' },
				{ andor: 'or', field: 'sf_Created By', operator: 'like', value: 'chen' },
				{ andor: ') and (', field: 'cf_1234567', operator: '=', value: '2' },
				{ andor: 'or', field: 'cf_Program Area', operator: '=', value: '3' },
			],
			othersettings: { recordend: 10000 },
		});
		expect(r.ids).toEqual(expected);
		expect(r.message.allcount).toBe(expected.length);
	});

	test('sortby a money field desc sorts by amount; ties stay in record ID order', async () => {
		const expected = [...rows].sort((a, b) => Number(b['sf_Requested Amount']) - Number(a['sf_Requested Amount']) || Number(a.recordid) - Number(b.recordid));
		const r = await list(big, 'levelone', 'levelone-list', { sortby: [{ field: 'sf_Requested Amount', direction: 'desc' }], othersettings: { recordsperpage: 500, pagenum: 3 } });
		expect(r.ids).toEqual(expected.slice(1000, 1500).map((x) => x.recordid));
	});

	test('timestamps compare as text: a Modified Date window, sorted asc', async () => {
		const from = '2023-01-01 00:00:00';
		const to = '2023-03-31 23:59:59';
		const expected = rows.filter((r) => r['sf_Modified Date'] >= from && r['sf_Modified Date'] <= to)
			.sort((a, b) => (a['sf_Modified Date'] < b['sf_Modified Date'] ? -1 : a['sf_Modified Date'] > b['sf_Modified Date'] ? 1 : Number(a.recordid) - Number(b.recordid)));
		const r = await list(big, 'levelone', 'levelone-list-modified', {
			criteria: [C('and', 'sf_Modified Date', '>=', from), C('and', 'sf_Modified Date', '<=', to)],
			sortby: [{ field: 'sf_Modified Date', direction: 'asc' }],
		});
		expect(r.ids).toEqual(expected.map((x) => x.recordid));
		expect(r.records[0]).toEqual({ recordid: expected[0].recordid, sf_Name: expected[0].sf_Name, sf_Status: expect.any(String), 'sf_Created Date': expected[0]['sf_Created Date'], 'sf_Modified Date': expected[0]['sf_Modified Date'] });
	});
});
