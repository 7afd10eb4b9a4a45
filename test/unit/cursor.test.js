'use strict';
/**
 * The trigger's cursor logic on its own: keyset criteria, bracket groups, dedupe at a timestamp,
 * the bounded ID memory, first activation, and the Intl time helpers. A small model check at the
 * end drives the pure logic against an in-memory table with late writes in the newest second.
 */
const {
	PollReader,
	andGroups,
	compareIds,
	cursorFrom,
	initialCursor,
	isLastPage,
	keysetGroups,
	CursorError,
	MAX_TIE_IDS,
} = require('../../dist/nodes/SmartSimple/trigger/cursor');
const { localToIso, toInstanceTime, isTimeZone, isLocalDateTime } = require('../../dist/nodes/SmartSimple/trigger/time');

const FIELDS = { timestamp: 'sf_Modified Date', id: 'recordid' };
const T = '2025-03-01 10:00:00';
const T2 = '2025-03-01 10:00:05';
const c = (andor, field, operator, value) => ({ andor, field, operator, value });

describe('keysetGroups', () => {
	const notEmitted = (id, ts = T) => [c('and', 'sf_Modified Date', '>', ts), c('or', 'recordid', '!=', id)];

	test('first page of a poll: the tie at the cursor minus the IDs already emitted there', () => {
		expect(keysetGroups({ ts: T, floorId: null, ids: ['5', '7'] }, undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			notEmitted('5'),
			notEmitted('7'),
		]);
	});

	test('after an ID overflow the first page skips IDs up to the floor', () => {
		expect(keysetGroups({ ts: T, floorId: '900', ids: ['950'] }, undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '900')],
			notEmitted('950'),
		]);
	});

	test('later pages continue strictly after the last row read', () => {
		expect(keysetGroups({ ts: T, floorId: null, ids: ['3'] }, { ts: T2, id: '42' }, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T2)],
			[c('and', 'sf_Modified Date', '>', T2), c('or', 'recordid', '>', '42')],
		]);
	});

	test('a later page still inside the cursor tie keeps excluding the emitted IDs beyond it', () => {
		expect(keysetGroups({ ts: T, floorId: null, ids: ['3', '50', '60'] }, { ts: T, id: '42' }, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '42')],
			notEmitted('50'),
			notEmitted('60'),
		]);
	});

	test('Start From and an empty cursor', () => {
		expect(keysetGroups(cursorFrom(T), undefined, FIELDS)).toEqual([[c('and', 'sf_Modified Date', '>=', T)]]);
		expect(keysetGroups({ ts: null, floorId: null, ids: [] }, undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', 'isempty', 'false')],
		]);
		expect(keysetGroups({ ts: null, floorId: null, ids: [] }, { ts: T, id: '2' }, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '2')],
		]);
	});
});

describe('andGroups', () => {
	const keyset = keysetGroups({ ts: T, floorId: null, ids: [] }, { ts: T, id: '7' }, FIELDS);

	test('without filters, a single group is sent flat', () => {
		expect(andGroups([], [[c('and', 'sf_Modified Date', '>=', T)]])).toEqual([c('and', 'sf_Modified Date', '>=', T)]);
	});

	test('several groups: "(" opens the first, ") and (" the next ones', () => {
		expect(andGroups([], keyset)).toEqual([
			c('(', 'sf_Modified Date', '>=', T),
			c(') and (', 'sf_Modified Date', '>', T),
			c('or', 'recordid', '>', '7'),
		]);
	});

	test('plain filters (with "or") become one group of their own', () => {
		const filters = [c('and', 'sf_Status', '=', 'Open'), c('or', 'sf_Status', '=', 'Submitted')];
		expect(andGroups(filters, keyset)).toEqual([
			c('(', 'sf_Status', '=', 'Open'),
			c('or', 'sf_Status', '=', 'Submitted'),
			c(') and (', 'sf_Modified Date', '>=', T),
			c(') and (', 'sf_Modified Date', '>', T),
			c('or', 'recordid', '>', '7'),
		]);
	});

	test('grouped filters joined by ") and (" keep their groups', () => {
		const filters = [
			c('(', 'sf_Status', '=', 'Open'),
			c('or', 'sf_Status', '=', 'Submitted'),
			c(') and (', 'sf_Type', '=', 'Grant'),
		];
		expect(andGroups(filters, [[c('and', 'sf_Modified Date', '>=', T)]])).toEqual([
			...filters,
			c(') and (', 'sf_Modified Date', '>=', T),
		]);
	});

	test('") or (" in the filters is refused with the fix', () => {
		const filters = [c('(', 'sf_Status', '=', 'Open'), c(') or (', 'sf_Type', '=', 'Grant')];
		expect(() => andGroups(filters, keyset)).toThrow(CursorError);
		expect(() => andGroups(filters, keyset)).toThrow(/Filters → condition 2: "\) or \(" cannot be combined/);
	});

	test('a group opened after the first condition is refused', () => {
		const filters = [c('and', 'sf_Status', '=', 'Open'), c('(', 'sf_Type', '=', 'Grant')];
		expect(() => andGroups(filters, keyset)).toThrow(/first condition must open a group/);
	});
});

describe('PollReader', () => {
	test('skips IDs already emitted at the cursor and emits a late write with a lower ID', () => {
		const reader = new PollReader({ ts: T, floorId: null, ids: ['5', '7'] }, 100);
		expect(reader.accept({ ts: T, id: '3' })).toBe(true);
		expect(reader.accept({ ts: T, id: '5' })).toBe(false);
		expect(reader.accept({ ts: T, id: '7' })).toBe(false);
		expect(reader.nextCursor()).toEqual({ ts: T, floorId: null, ids: ['3', '5', '7'] });
	});

	test('a record edited again later is a new change; the cursor moves to the newest timestamp', () => {
		const reader = new PollReader({ ts: T, floorId: null, ids: ['5'] }, 100);
		expect(reader.accept({ ts: T, id: '5' })).toBe(false);
		expect(reader.accept({ ts: T2, id: '5' })).toBe(true);
		expect(reader.accept({ ts: T2, id: '9' })).toBe(true);
		expect(reader.after).toEqual({ ts: T2, id: '9' });
		expect(reader.nextCursor()).toEqual({ ts: T2, floorId: null, ids: ['5', '9'] });
	});

	test('nothing new leaves the cursor exactly as it was', () => {
		const start = { ts: T, floorId: null, ids: ['5'] };
		const reader = new PollReader(start, 100);
		expect(reader.accept({ ts: T, id: '5' })).toBe(false);
		expect(reader.nextCursor()).toBe(start);
	});

	test('the ID memory is capped: on overflow every ID up to the largest counts as emitted', () => {
		const reader = new PollReader({ ts: null, floorId: null, ids: [] }, 3);
		for (const id of ['1', '2', '3']) reader.accept({ ts: T, id });
		expect(reader.nextCursor()).toEqual({ ts: T, floorId: null, ids: ['1', '2', '3'] });
		reader.accept({ ts: T, id: '4' });
		expect(reader.nextCursor()).toEqual({ ts: T, floorId: '4', ids: [] });
		reader.accept({ ts: T, id: '10' });
		expect(reader.nextCursor()).toEqual({ ts: T, floorId: '4', ids: ['10'] });
	});

	test('a long run stays bounded: 100,000 records at one second keep at most cap IDs', () => {
		const reader = new PollReader({ ts: null, floorId: null, ids: [] }, 50);
		for (let id = 1; id <= 100_000; id++) reader.accept({ ts: T, id: String(id) });
		const cursor = reader.nextCursor();
		expect(cursor.ids.length).toBeLessThanOrEqual(50);
		expect(Number(cursor.floorId)).toBeGreaterThanOrEqual(100_000 - 50);
	});

	test('with a floor, IDs up to it at the cursor count as emitted; above it they are new', () => {
		const reader = new PollReader({ ts: T, floorId: '900', ids: ['950'] }, 100);
		expect(reader.accept({ ts: T, id: '800' })).toBe(false);
		expect(reader.accept({ ts: T, id: '950' })).toBe(false);
		expect(reader.accept({ ts: T, id: '951' })).toBe(true);
		expect(reader.nextCursor()).toEqual({ ts: T, floorId: '900', ids: ['950', '951'] });
	});

	test('IDs compare as numbers', () => {
		expect(compareIds('9', '10')).toBeLessThan(0);
		const reader = new PollReader({ ts: null, floorId: null, ids: [] }, 100);
		reader.accept({ ts: T, id: '9' });
		expect(() => reader.accept({ ts: T, id: '10' })).not.toThrow();
	});

	test('rows out of the requested order are refused instead of looping or skipping', () => {
		const reader = new PollReader({ ts: T2, floorId: null, ids: [] }, 100);
		expect(() => reader.accept({ ts: T, id: '1' })).toThrow(CursorError);
		const next = new PollReader({ ts: T, floorId: null, ids: [] }, 100);
		next.accept({ ts: T, id: '10' });
		expect(() => next.accept({ ts: T, id: '10' })).toThrow(/out of the requested order/);
		expect(() => next.accept({ ts: T, id: '9' })).toThrow(CursorError);
	});
});

describe('initialCursor', () => {
	test('no records: every later record is new', () => {
		expect(initialCursor([], true, 100)).toEqual({ ts: null, floorId: null, ids: [] });
	});

	test('the whole newest tie is history when the page shows its end', () => {
		const rows = [
			{ ts: T2, id: '9' },
			{ ts: T2, id: '4' },
			{ ts: T, id: '8' },
		];
		expect(initialCursor(rows, false, 100)).toEqual({ ts: T2, floorId: null, ids: ['4', '9'] });
		expect(initialCursor(rows.slice(0, 2), true, 100)).toEqual({ ts: T2, floorId: null, ids: ['4', '9'] });
	});

	test('a tie that may continue past the page, or outgrows the cap, becomes a floor', () => {
		const rows = [
			{ ts: T2, id: '9' },
			{ ts: T2, id: '4' },
		];
		expect(initialCursor(rows, false, 100)).toEqual({ ts: T2, floorId: '9', ids: [] });
		expect(initialCursor([...rows, { ts: T, id: '1' }], false, 1)).toEqual({ ts: T2, floorId: '9', ids: [] });
	});
});

describe('paging arithmetic', () => {
	test('allcount that fits in the page ends the poll without a trailing empty call', () => {
		expect(isLastPage(100, 100, 100)).toBe(true);
		expect(isLastPage(100, 101, 100)).toBe(false);
		expect(isLastPage(3, 3, 100)).toBe(true);
		expect(isLastPage(0, 5, 100)).toBe(true);
		expect(isLastPage(100, undefined, 100)).toBe(false);
		expect(isLastPage(99, undefined, 100)).toBe(true);
	});

	test('the ID memory is bounded by a constant', () => {
		expect(MAX_TIE_IDS).toBe(500);
		expect(new PollReader({ ts: null, floorId: null, ids: [] }).accept({ ts: T, id: '1' })).toBe(true);
	});
});

describe('time helpers (Intl only)', () => {
	test('instance-local timestamps become ISO 8601 with the zone offset of that date', () => {
		expect(localToIso('2025-01-15 10:00:00', 'America/Toronto')).toBe('2025-01-15T10:00:00-05:00');
		expect(localToIso('2025-07-15 10:00:00', 'America/Toronto')).toBe('2025-07-15T10:00:00-04:00');
		expect(localToIso('2025-11-02 01:30:00', 'America/Toronto')).toMatch(/^2025-11-02T01:30:00-0[45]:00$/);
		expect(localToIso('2025-03-09 03:00:00', 'America/Toronto')).toBe('2025-03-09T03:00:00-04:00');
		expect(localToIso('2025-07-15 10:00:00', 'Asia/Kolkata')).toBe('2025-07-15T10:00:00+05:30');
		expect(localToIso('2025-07-15 10:00:00', 'UTC')).toBe('2025-07-15T10:00:00+00:00');
		expect(localToIso('not a date', 'UTC')).toBeUndefined();
	});

	test('Start From values become instance-local text', () => {
		expect(toInstanceTime('2025-03-01T00:00:00')).toBe('2025-03-01 00:00:00');
		expect(toInstanceTime('2025-03-01')).toBe('2025-03-01 00:00:00');
		expect(toInstanceTime('2025-03-01T12:00:00.000Z', 'America/Toronto')).toBe('2025-03-01 07:00:00');
		expect(toInstanceTime('2025-07-01T12:00:00+02:00', 'America/Toronto')).toBe('2025-07-01 06:00:00');
		expect(toInstanceTime('2025-07-01T12:00:00+02:00')).toBe('2025-07-01 12:00:00');
		expect(toInstanceTime('yesterday')).toBeUndefined();
	});

	test('zones and date-times are recognised', () => {
		expect(isTimeZone('America/Toronto')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(isLocalDateTime('2025-03-01 10:00:00')).toBe(true);
		expect(isLocalDateTime('03/01/2025')).toBe(false);
		expect(isLocalDateTime(null)).toBe(false);
	});
});

describe('model check: the pure logic against an in-memory table', () => {
	// Evaluates the trigger's groups the way the sandbox reads bracket criteria: groups ANDed,
	// inside a group "and" binds tighter than "or".
	function matches(row, criteria) {
		const groups = [];
		for (const entry of criteria) {
			if (entry.andor === '(' || entry.andor === ') and (' || groups.length === 0) groups.push([[entry]]);
			else if (entry.andor === 'or') groups.at(-1).push([entry]);
			else groups.at(-1).at(-1).push(entry);
		}
		const test = ({ field, operator, value }) => {
			const have = field === 'recordid' ? row.id : row.ts;
			const cmp = field === 'recordid' ? compareIds(have, value) : have < value ? -1 : have > value ? 1 : 0;
			if (operator === 'isempty') return (have === '') === (value === 'true');
			return { '>': cmp > 0, '>=': cmp >= 0, '!=': cmp !== 0 }[operator];
		};
		return groups.every((alternatives) => alternatives.some((all) => all.every(test)));
	}

	function stamp(second) {
		return `2025-03-01 10:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}`;
	}

	test.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: every (id, timestamp) emitted exactly once', (seed) => {
		let state = seed * 7919;
		const random = (n) => {
			state = (state * 1103515245 + 12345) % 2147483648;
			return state % n;
		};
		const table = new Map();
		let nextId = 1;
		let second = 0;
		let cursor = { ts: null, floorId: null, ids: [] };
		const emitted = new Map();
		// Pages far smaller than the ties, so ties span pages and poll boundaries.
		const pageSize = 4;
		const cap = MAX_TIE_IDS;

		const write = () => {
			const id = table.size && random(2) ? String(1 + random(nextId - 1)) : String(nextId++);
			table.set(id, stamp(second));
		};
		const poll = () => {
			const reader = new PollReader(cursor, cap);
			for (;;) {
				const criteria = andGroups([], keysetGroups(cursor, reader.after, FIELDS));
				const all = [...table]
					.map(([id, ts]) => ({ id, ts }))
					.filter((row) => matches(row, criteria))
					.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : compareIds(a.id, b.id)));
				const page = all.slice(0, pageSize);
				for (const row of page) {
					if (reader.accept(row)) {
						const key = `${row.id}@${row.ts}`;
						emitted.set(key, (emitted.get(key) ?? 0) + 1);
					}
				}
				if (isLastPage(page.length, all.length, pageSize)) break;
				// Writes land between pages, in the same second, often with lower IDs.
				if (random(3) === 0) write();
			}
			cursor = reader.nextCursor();
		};

		const required = new Set();
		for (let step = 0; step < 300; step++) {
			const writes = random(3) === 0 ? random(12) : random(3);
			for (let i = 0; i < writes; i++) write();
			const before = new Map(table);
			poll();
			// What was current at the start of a poll and untouched through it must be out by its end.
			for (const [id, ts] of before) if (table.get(id) === ts) required.add(`${id}@${ts}`);
			if (random(3) === 0) second++;
		}
		poll();
		for (const [id, ts] of table) required.add(`${id}@${ts}`);

		const lost = [...required].filter((key) => !emitted.has(key));
		const duplicated = [...emitted].filter(([, count]) => count > 1);
		expect({ lost: lost.slice(0, 5), duplicated: duplicated.slice(0, 5) }).toEqual({ lost: [], duplicated: [] });
		expect(cursor.ids.length).toBeLessThanOrEqual(cap);
	});
});
