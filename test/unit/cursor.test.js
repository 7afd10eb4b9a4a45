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
	settle,
	CursorError,
	MAX_EMITTED,
} = require('../../dist/nodes/SmartSimple/trigger/cursor');
const {
	localToIso,
	toInstanceTime,
	isTimeZone,
	isLocalDateTime,
	shiftLocal,
	timeZones,
} = require('../../dist/nodes/SmartSimple/trigger/time');

const FIELDS = { timestamp: 'sf_Modified Date', id: 'recordid' };
const T = '2025-03-01 10:00:00';
const T2 = '2025-03-01 10:00:05';
const c = (andor, field, operator, value) => ({ andor, field, operator, value });
const at = (ts, ...ids) => ids.map((id) => ({ ts, id }));
/** The cursor after emitting `ids` at T with no look-back: the shape of most tests. */
const tie = (ids, floorId = null) => ({ done: { ts: T, id: floorId }, emitted: at(T, ...ids) });

describe('keysetGroups', () => {
	const notEmitted = (id, ts = T) => [c('and', 'sf_Modified Date', '>', ts), c('or', 'recordid', '!=', id)];

	test('first page of a poll: the tie at the cursor minus the IDs already emitted there', () => {
		expect(keysetGroups(tie(['5', '7']), undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			notEmitted('5'),
			notEmitted('7'),
		]);
	});

	test('after an overflow the first page skips IDs up to the floor', () => {
		expect(keysetGroups(tie(['950'], '900'), undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '900')],
			notEmitted('950'),
		]);
	});

	test('with a look-back window, one call re-reads the window minus every pair emitted in it', () => {
		const cursor = { done: { ts: T, id: null }, emitted: [...at(T, '8'), ...at(T2, '3', '9')] };
		expect(keysetGroups(cursor, undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			notEmitted('8', T),
			notEmitted('3', T2),
			notEmitted('9', T2),
		]);
	});

	test('later pages continue strictly after the last row read', () => {
		expect(keysetGroups(tie(['3']), { ts: T2, id: '42' }, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T2)],
			[c('and', 'sf_Modified Date', '>', T2), c('or', 'recordid', '>', '42')],
		]);
	});

	test('a later page still inside the window keeps excluding the emitted pairs beyond it', () => {
		expect(keysetGroups(tie(['3', '50', '60']), { ts: T, id: '42' }, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '42')],
			notEmitted('50'),
			notEmitted('60'),
		]);
	});

	test('consecutive IDs emitted at one timestamp are excluded as one range', () => {
		const cursor = { done: { ts: T, id: '2' }, emitted: [...at(T, '5', '6', '7', '9'), ...at(T2, '10', '11')] };
		expect(keysetGroups(cursor, undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '2')],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '<', '5'), c('or', 'recordid', '>', '7')],
			notEmitted('9'),
			[c('and', 'sf_Modified Date', '>', T2), c('or', 'recordid', '<', '10'), c('or', 'recordid', '>', '11')],
		]);
	});

	test('a run that continues the boundary record moves the boundary to its end', () => {
		expect(keysetGroups(tie(['901', '902', '903', '950'], '900'), undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '903')],
			notEmitted('950'),
		]);
		// A run at a later timestamp does not continue a boundary at T.
		expect(keysetGroups({ done: { ts: T, id: '900' }, emitted: at(T2, '901') }, undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '900')],
			notEmitted('901', T2),
		]);
	});

	test('IDs that are not plain integers are never merged', () => {
		expect(keysetGroups(tie(['007', '008', 'a1', 'a2']), undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			notEmitted('007'),
			notEmitted('008'),
			notEmitted('a1'),
			notEmitted('a2'),
		]);
	});

	test('Start From and an empty cursor', () => {
		expect(keysetGroups(cursorFrom(T), undefined, FIELDS)).toEqual([[c('and', 'sf_Modified Date', '>=', T)]]);
		expect(keysetGroups({ done: null, emitted: [] }, undefined, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', 'isempty', 'false')],
		]);
		expect(keysetGroups({ done: null, emitted: [] }, { ts: T, id: '2' }, FIELDS)).toEqual([
			[c('and', 'sf_Modified Date', '>=', T)],
			[c('and', 'sf_Modified Date', '>', T), c('or', 'recordid', '>', '2')],
		]);
	});
});

describe('andGroups', () => {
	const keyset = keysetGroups(tie([]), { ts: T, id: '7' }, FIELDS);

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
	test('skips pairs already emitted and emits a late write at the cursor with a lower ID', () => {
		const reader = new PollReader(tie(['5', '7']), 0, 100);
		expect(reader.accept({ ts: T, id: '3' })).toBe(true);
		expect(reader.accept({ ts: T, id: '5' })).toBe(false);
		expect(reader.accept({ ts: T, id: '7' })).toBe(false);
		expect(reader.nextCursor()).toEqual(tie(['3', '5', '7']));
	});

	test('a record edited again later is a new change; the window moves to the newest timestamp', () => {
		const reader = new PollReader(tie(['5']), 0, 100);
		expect(reader.accept({ ts: T, id: '5' })).toBe(false);
		expect(reader.accept({ ts: T2, id: '5' })).toBe(true);
		expect(reader.accept({ ts: T2, id: '9' })).toBe(true);
		expect(reader.after).toEqual({ ts: T2, id: '9' });
		expect(reader.nextCursor()).toEqual({ done: { ts: T2, id: null }, emitted: at(T2, '5', '9') });
	});

	test('with a look-back, pairs stay remembered for that many seconds before the newest', () => {
		const reader = new PollReader(tie(['5']), 5, 100);
		reader.accept({ ts: T2, id: '1' });
		// T is exactly 5 s before T2: still in the window.
		expect(reader.nextCursor()).toEqual({ done: { ts: T, id: null }, emitted: [...at(T, '5'), ...at(T2, '1')] });
		const shorter = new PollReader(tie(['5']), 4, 100);
		shorter.accept({ ts: T2, id: '1' });
		expect(shorter.nextCursor()).toEqual({ done: { ts: '2025-03-01 10:00:01', id: null }, emitted: at(T2, '1') });
	});

	test('a late commit inside the window is a change; its pair is remembered in order', () => {
		const start = { done: { ts: T, id: null }, emitted: [...at(T, '5'), ...at(T2, '9')] };
		const reader = new PollReader(start, 10, 100);
		const late = { ts: '2025-03-01 10:00:02', id: '7' };
		expect(reader.accept(late)).toBe(true);
		expect(reader.nextCursor()).toEqual({ done: start.done, emitted: [...at(T, '5'), late, ...at(T2, '9')] });
	});

	test('nothing new leaves the cursor exactly as it was', () => {
		const start = tie(['5']);
		const reader = new PollReader(start, 0, 100);
		expect(reader.accept({ ts: T, id: '5' })).toBe(false);
		expect(reader.nextCursor()).toBe(start);
	});

	test('the pair memory is capped: on overflow the oldest pairs become the floor', () => {
		const reader = new PollReader({ done: null, emitted: [] }, 0, 3);
		for (const id of ['1', '2', '3']) reader.accept({ ts: T, id });
		expect(reader.nextCursor()).toEqual(tie(['1', '2', '3']));
		reader.accept({ ts: T, id: '4' });
		expect(reader.nextCursor()).toEqual(tie(['2', '3', '4'], '1'));
	});

	test('a long run stays bounded: 100,000 records in the window keep at most cap pairs', () => {
		const reader = new PollReader({ done: null, emitted: [] }, 3600, 50);
		for (let id = 1; id <= 100_000; id++) reader.accept({ ts: shiftLocal(T, Math.floor(id / 100)), id: String(id) });
		const cursor = reader.nextCursor();
		expect(cursor.emitted).toHaveLength(50);
		expect(cursor.done).toEqual({ ts: shiftLocal(T, 999), id: '99950' });
	});

	test('with a floor, IDs up to it at the cursor count as emitted; above it they are new', () => {
		const reader = new PollReader(tie(['950'], '900'), 0, 100);
		expect(reader.accept({ ts: T, id: '800' })).toBe(false);
		expect(reader.accept({ ts: T, id: '950' })).toBe(false);
		expect(reader.accept({ ts: T, id: '951' })).toBe(true);
		expect(reader.nextCursor()).toEqual(tie(['950', '951'], '900'));
	});

	test('IDs compare as numbers', () => {
		expect(compareIds('9', '10')).toBeLessThan(0);
		const reader = new PollReader({ done: null, emitted: [] }, 0, 100);
		reader.accept({ ts: T, id: '9' });
		expect(() => reader.accept({ ts: T, id: '10' })).not.toThrow();
	});

	test('rows out of the requested order are refused instead of looping or skipping', () => {
		const reader = new PollReader({ done: { ts: T2, id: null }, emitted: [] }, 0, 100);
		expect(() => reader.accept({ ts: T, id: '1' })).toThrow(CursorError);
		const next = new PollReader(tie([]), 0, 100);
		next.accept({ ts: T, id: '10' });
		expect(() => next.accept({ ts: T, id: '10' })).toThrow(/out of the requested order/);
		expect(() => next.accept({ ts: T, id: '9' })).toThrow(CursorError);
	});
});

describe('settle', () => {
	test('Start From keeps its date until a record is emitted, whatever the look-back', () => {
		expect(settle(cursorFrom(T), 3600)).toEqual(cursorFrom(T));
		expect(settle({ done: { ts: T, id: null }, emitted: at(T2, '4') }, 3600)).toEqual({
			done: { ts: T, id: null },
			emitted: at(T2, '4'),
		});
	});

	test('the window never moves back: a longer look-back applies from the next emitted record', () => {
		const cursor = { done: { ts: T2, id: null }, emitted: at(T2, '4') };
		expect(settle(cursor, 60)).toEqual(cursor);
	});
});

describe('initialCursor', () => {
	test('no records: every later record is new', () => {
		expect(initialCursor([], true, 0, 100)).toEqual({ done: null, emitted: [] });
	});

	test('the whole newest tie is history when the page shows its end', () => {
		const rows = [
			{ ts: T2, id: '9' },
			{ ts: T2, id: '4' },
			{ ts: T, id: '8' },
		];
		const expected = { done: { ts: T2, id: null }, emitted: at(T2, '4', '9') };
		expect(initialCursor(rows, false, 0, 100)).toEqual(expected);
		expect(initialCursor(rows.slice(0, 2), true, 0, 100)).toEqual(expected);
	});

	test('with a look-back, the window on the page is remembered as history', () => {
		const rows = [
			{ ts: T2, id: '9' },
			{ ts: T, id: '8' },
			{ ts: '2025-03-01 09:59:00', id: '2' },
		];
		expect(initialCursor(rows, false, 5, 100)).toEqual({
			done: { ts: T, id: null },
			emitted: [...at(T, '8'), ...at(T2, '9')],
		});
	});

	test('a window that may continue past the page is passed over below its oldest row read', () => {
		const rows = [
			{ ts: T2, id: '9' },
			{ ts: T2, id: '4' },
		];
		expect(initialCursor(rows, false, 0, 100)).toEqual({ done: { ts: T2, id: '4' }, emitted: at(T2, '9') });
		expect(initialCursor([...rows, { ts: T, id: '1' }], false, 0, 1)).toEqual({
			done: { ts: T2, id: '4' },
			emitted: at(T2, '9'),
		});
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

	test('the pair memory is bounded by a constant', () => {
		expect(MAX_EMITTED).toBe(500);
		expect(new PollReader({ done: null, emitted: [] }).accept({ ts: T, id: '1' })).toBe(true);
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
		expect(timeZones()).toEqual(expect.arrayContaining(['America/Toronto', 'Europe/Paris', 'UTC']));
	});

	test('timestamps shift by whole seconds across days and months', () => {
		expect(shiftLocal('2025-03-01 00:00:10', -30)).toBe('2025-02-28 23:59:40');
		expect(shiftLocal(T, 0)).toBe(T);
		expect(shiftLocal(T, 3600)).toBe('2025-03-01 11:00:00');
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
			return { '>': cmp > 0, '>=': cmp >= 0, '<': cmp < 0, '!=': cmp !== 0 }[operator];
		};
		return groups.every((alternatives) => alternatives.some((all) => all.every(test)));
	}

	function stamp(second) {
		return `2025-03-01 10:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}`;
	}

	const cases = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => [
		[seed, 0],
		[seed, 5],
	]);
	test.each(cases)('seed %i, look-back %i s: every (id, timestamp) emitted exactly once', (seed, lookBack) => {
		let state = seed * 7919;
		const random = (n) => {
			state = (state * 1103515245 + 12345) % 2147483648;
			return state % n;
		};
		const table = new Map();
		let nextId = 1;
		let second = 0;
		let cursor = { done: null, emitted: [] };
		const emitted = new Map();
		let runsSent = 0;
		// Pages far smaller than the ties, so ties span pages and poll boundaries.
		const pageSize = 4;
		const cap = MAX_EMITTED;

		// With a look-back, some saves commit late: stamped up to lookBack seconds ago (never
		// before the record's current stamp), visible only now.
		const write = () => {
			const id = table.size && random(2) ? String(1 + random(nextId - 1)) : String(nextId++);
			const late = lookBack && random(4) === 0 ? stamp(Math.max(0, second - random(lookBack + 1))) : undefined;
			table.set(id, late && !(table.get(id) >= late) ? late : stamp(second));
		};
		const poll = () => {
			const reader = new PollReader(cursor, lookBack, cap);
			for (;;) {
				const criteria = andGroups([], keysetGroups(cursor, reader.after, FIELDS));
				if (criteria.some((entry) => entry.operator === '<')) runsSent++;
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
		expect(cursor.emitted.length).toBeLessThanOrEqual(cap);
		// New records take consecutive IDs, so runs of emitted IDs were sent as ranges.
		expect(runsSent).toBeGreaterThan(0);
	});
});
