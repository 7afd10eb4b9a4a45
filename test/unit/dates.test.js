'use strict';
/** toSmartSimpleValue (dist/nodes/SmartSimple/helpers/dates.js): what a value is sent as. */
const { DateTime } = require('luxon');
const { toSmartSimpleValue } = require('../../dist/nodes/SmartSimple/helpers/dates');

describe('toSmartSimpleValue', () => {
	test.each([
		['ISO date-time, UTC', '2025-03-01T10:20:30Z', '2025-03-01'],
		['ISO date-time with millis and offset', '2025-03-01T23:59:59.123-05:00', '2025-03-01'],
		['ISO date-time with compact offset', '2025-03-01T00:00:00+0200', '2025-03-01'],
		['ISO date-time without seconds', '2025-03-01T10:20', '2025-03-01'],
		['SmartSimple YYYY-MM-DD HH:MM:SS', '2015-07-23 11:03:17', '2015-07-23'],
		['plain date stays', '2025-03-01', '2025-03-01'],
		['text stays', 'Hello, world', 'Hello, world'],
		['a time alone stays text', '10:20:30', '10:20:30'],
		['a date inside text stays text', 'due 2025-03-01 10:00:00', 'due 2025-03-01 10:00:00'],
		['number', 25000, '25000'],
		['zero', 0, '0'],
		['boolean', false, 'false'],
		['empty string', '', ''],
		['null', null, ''],
		['undefined', undefined, ''],
	])('%s: %j -> %j', (_label, value, expected) => {
		expect(toSmartSimpleValue(value)).toBe(expected);
	});

	test('a JS Date becomes its (UTC) calendar date', () => {
		expect(toSmartSimpleValue(new Date('2025-03-01T12:00:00Z'))).toBe('2025-03-01');
		expect(toSmartSimpleValue(new Date(Date.UTC(1999, 11, 31, 23, 59, 59)))).toBe('1999-12-31');
	});

	test('a Luxon-like object (isLuxonDateTime + toISODate) becomes toISODate()', () => {
		expect(toSmartSimpleValue({ isLuxonDateTime: true, toISODate: () => '2024-02-29' })).toBe(
			'2024-02-29',
		);
		expect(toSmartSimpleValue({ isLuxonDateTime: true, toISODate: () => null })).toBe('');
	});

	test("a real Luxon DateTime (n8n's $now) keeps its own zone's calendar date", () => {
		const late = DateTime.fromISO('2025-03-01T23:30:00', { zone: 'America/Toronto' });
		expect(toSmartSimpleValue(late)).toBe('2025-03-01');
	});

	test('arrays become the multi-select form ",1,2,"; an empty array sends nothing', () => {
		expect(toSmartSimpleValue([1, 2])).toBe(',1,2,');
		expect(toSmartSimpleValue(['7'])).toBe(',7,');
		expect(toSmartSimpleValue([])).toBe('');
	});

	test('other objects are sent as JSON text', () => {
		expect(toSmartSimpleValue({ a: 1 })).toBe('{"a":1}');
		expect(toSmartSimpleValue({ isLuxonDateTime: false, toISODate: () => 'x' })).toBe(
			'{"isLuxonDateTime":false}',
		);
	});
});
