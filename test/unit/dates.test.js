'use strict';
/** helpers/dates: instants and the text of date fields as SmartSimple's YYYY-MM-DD. */
const { DateTime } = require('luxon');
const { dateFieldText, instantToDate, isInstant } = require('../../dist/nodes/SmartSimple/helpers/dates');

describe('dateFieldText (the value of a field known to hold dates)', () => {
	test.each([
		['plain date', '2025-03-01', 'UTC', '2025-03-01'],
		['SmartSimple date-time: its date as written, whatever the zone', '2015-07-23 23:03:17', 'Asia/Tokyo', '2015-07-23'],
		['ISO without a zone: wall-clock, its date as written', '2025-03-01T23:20', 'Pacific/Auckland', '2025-03-01'],
		['ISO in UTC, read in Tokyo: next day', '2025-03-01T20:20:30Z', 'Asia/Tokyo', '2025-03-02'],
		['ISO in UTC, read in New York: same day', '2025-03-01T20:20:30Z', 'America/New_York', '2025-03-01'],
		['offset with millis', '2025-03-01T23:59:59.123-05:00', 'America/New_York', '2025-03-01'],
		['compact offset', '2025-03-01T00:30:00+0200', 'Europe/Berlin', '2025-02-28'],
		['text that is no date: undefined (the caller refuses it)', 'next Tuesday', 'UTC', undefined],
		['a date inside text is no date', 'due 2025-03-01 10:00:00', 'UTC', undefined],
		['blank text stays empty', '   ', 'UTC', ''],
		['a day that does not exist is no date', '2025-02-30', 'UTC', undefined],
		['empty', '', 'UTC', ''],
	])('%s: %j in %s -> %j', (_label, text, zone, expected) => {
		expect(dateFieldText(text, zone)).toBe(expected);
	});
});

describe('instants', () => {
	test('a JS Date is cut in the given zone, not in UTC', () => {
		const lateUtc = new Date('2025-02-28T15:30:00Z'); // 2025-03-01 00:30 in Tokyo
		expect(instantToDate(lateUtc, 'Asia/Tokyo')).toBe('2025-03-01');
		expect(instantToDate(lateUtc, 'UTC')).toBe('2025-02-28');
		expect(instantToDate(new Date('x'), 'UTC')).toBeUndefined();
	});

	test("a Luxon DateTime keeps its own zone's date ($now is in the workflow's zone; a parsed date keeps its day)", () => {
		const late = DateTime.fromISO('2025-03-01T23:30:00', { zone: 'America/Toronto' });
		expect(instantToDate(late, 'America/Toronto')).toBe('2025-03-01');
		expect(instantToDate(late, 'Europe/Paris')).toBe('2025-03-01');
		expect(instantToDate(DateTime.invalid('bad'), 'UTC')).toBeUndefined();
	});

	test('isInstant: Dates and Luxon DateTimes, nothing else', () => {
		expect(isInstant(new Date())).toBe(true);
		expect(isInstant(DateTime.now())).toBe(true);
		expect(isInstant('2025-03-01')).toBe(false);
		expect(isInstant({ isLuxonDateTime: false })).toBe(false);
		expect(isInstant(null)).toBe(false);
	});
});
