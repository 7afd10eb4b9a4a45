'use strict';
/** Field lists (';;') and output key prefixes (dist/nodes/SmartSimple/helpers/fieldList.js). */
const {
	parseFieldList,
	stripFieldPrefix,
	withoutFieldPrefixes,
} = require('../../dist/nodes/SmartSimple/helpers/fieldList');
const { shapeRecord } = require('../../dist/nodes/SmartSimple/helpers/items');

describe('parseFieldList', () => {
	test('splits on ";;", trims, drops empty entries', () => {
		expect(parseFieldList('sf_First Name;;cf_My Custom Field')).toEqual([
			'sf_First Name',
			'cf_My Custom Field',
		]);
		expect(parseFieldList(' sf_Name ;; ;;cf_1234567;;\n sf_State/Province ;;')).toEqual([
			'sf_Name',
			'cf_1234567',
			'sf_State/Province',
		]);
	});

	test('a single ";" is part of a field name, not a separator', () => {
		expect(parseFieldList('cf_A;B;;sf_C')).toEqual(['cf_A;B', 'sf_C']);
	});

	test('meta field lists pass through', () => {
		expect(parseFieldList('levelone.*;;leveltwo.*;;levelthree.*')).toEqual([
			'levelone.*',
			'leveltwo.*',
			'levelthree.*',
		]);
	});

	test('blank, undefined and null give no fields', () => {
		expect(parseFieldList('')).toEqual([]);
		expect(parseFieldList('  ;; ')).toEqual([]);
		expect(parseFieldList(undefined)).toEqual([]);
		expect(parseFieldList(null)).toEqual([]);
	});
});

describe('stripFieldPrefix', () => {
	test.each([
		['sf_First Name', 'First Name'],
		['cf_My Field', 'My Field'],
		['cf_1234567', '1234567'],
		['recordid', 'recordid'],
		['SF_Name', 'SF_Name'],
		['xsf_Name', 'xsf_Name'],
		['sf_cf_Name', 'cf_Name'],
	])('%j -> %j', (field, expected) => {
		expect(stripFieldPrefix(field)).toBe(expected);
	});
});

describe('withoutFieldPrefixes', () => {
	test('strips prefixes and keeps key order and values', () => {
		const out = withoutFieldPrefixes({
			recordid: '1',
			'sf_First Name': 'Ada',
			'cf_Preferred Language': null,
			sf_Status: 'Open',
		});
		expect(out).toEqual({
			recordid: '1',
			'First Name': 'Ada',
			'Preferred Language': null,
			Status: 'Open',
		});
		expect(Object.keys(out)).toEqual(['recordid', 'First Name', 'Preferred Language', 'Status']);
	});

	test('keys whose stripped names collide keep their prefixes; the others are stripped', () => {
		expect(
			withoutFieldPrefixes({ recordid: '9', sf_Name: 'std', cf_Name: 'custom', sf_Type: 'T' }),
		).toEqual({ recordid: '9', sf_Name: 'std', cf_Name: 'custom', Type: 'T' });
	});

	test('a prefixed key colliding with an unprefixed key: both are kept as they are', () => {
		expect(withoutFieldPrefixes({ Name: 'plain', sf_Name: 'std' })).toEqual({
			Name: 'plain',
			sf_Name: 'std',
		});
		expect(withoutFieldPrefixes({ recordid: '1', sf_recordid: '2' })).toEqual({
			recordid: '1',
			sf_recordid: '2',
		});
	});

	test('a stripped name equal to another key as received keeps its prefix', () => {
		expect(withoutFieldPrefixes({ cf_sf_X: 1, sf_X: 2, X: 3 })).toEqual({ cf_sf_X: 1, sf_X: 2, X: 3 });
		expect(withoutFieldPrefixes({ sf_X: 1, cf_sf_X: 2 })).toEqual({ X: 1, cf_sf_X: 2 });
	});

	test('three-way collision keeps all three', () => {
		expect(withoutFieldPrefixes({ Name: 1, sf_Name: 2, cf_Name: 3 })).toEqual({
			Name: 1,
			sf_Name: 2,
			cf_Name: 3,
		});
	});

	test('no value is ever lost: as many keys out as in', () => {
		const cases = [
			{ sf_A: 1, cf_A: 2, A: 3, sf_B: 4 },
			{ cf_sf_X: 1, sf_X: 2, X: 3 },
			{ 'sf_A B': 1, 'cf_A B': 2, 'A B': 3 },
		];
		for (const record of cases) {
			const out = withoutFieldPrefixes(record);
			expect(Object.values(out).sort()).toEqual(Object.values(record).sort());
		}
	});

	test('empty record', () => {
		expect(withoutFieldPrefixes({})).toEqual({});
	});
});

describe('shapeRecord (the stripPrefixes option)', () => {
	test('off by default, on with stripPrefixes', () => {
		const record = { recordid: '1', sf_Name: 'x' };
		expect(shapeRecord(record, {})).toBe(record);
		expect(shapeRecord(record, { stripPrefixes: false })).toBe(record);
		expect(shapeRecord(record, { stripPrefixes: true })).toEqual({ recordid: '1', Name: 'x' });
	});
});
