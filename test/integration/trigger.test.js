'use strict';
/**
 * The SmartSimple Trigger's poll() run by n8n-core's real PollContext (harness createPoller),
 * static data carried across ticks, against the sandbox: the exact criteria / sortby /
 * othersettings of every call (sandbox call log) and the exact records emitted.
 */
const { PollContext } = require('n8n-core');
const { createPoller } = require('../helpers/n8n');
const { useSandbox } = require('../helpers/sandbox');
const { formatRecord } = require('../sandbox/format');

const TOKEN = 'levelone-list-modified';
const TS = 'sf_Modified Date';
const PAGE = 5;

const ctx = useSandbox({ seed: 11, records: 'small', hourlyLimit: 1e9 });

/** `staticData`: what an earlier activation stored (n8n keeps it in its database between them). */
function poller(parameters = {}, options = {}, staticData = {}) {
	return createPoller({
		staticData: JSON.parse(JSON.stringify(staticData)),
		parameters: {
			resource: 'levelOne',
			apiToken: TOKEN,
			event: 'modified',
			timestampField: TS,
			idField: 'recordid',
			filters: {},
			options: { pageSize: PAGE, ...options },
			...parameters,
		},
		credentials: ctx.sb.credentials,
	});
}

/** One tick; returns the emitted records' json and the calls it made. */
async function tick(p, mode = 'trigger') {
	ctx.sb.resetCalls();
	const result = await p.poll(mode);
	const calls = ctx.sb.calls.map((call) => ({ ...call.parsed }));
	return { items: result ? result[0].map((item) => item.json) : null, calls };
}

const keyOf = (record) => `${record.recordid}@${record[TS]}`;
const emitted = (items) => (items ?? []).map(keyOf);

// Criteria shapes, as the trigger writes them.
const cond = (andor, field, operator, value) => ({ andor, field, operator, value });
const atOrAfter = (andor, ts) => cond(andor, TS, '>=', ts);
const keyset = (ts, id) => [cond(') and (', TS, '>', ts), cond('or', 'recordid', '>', id)];
const notEmitted = (ts, id) => [cond(') and (', TS, '>', ts), cond('or', 'recordid', '!=', id)];
const asc = [
	{ field: TS, direction: 'asc' },
	{ field: 'recordid', direction: 'asc' },
];
const desc = [
	{ field: TS, direction: 'desc' },
	{ field: 'recordid', direction: 'desc' },
];
// Every trigger call asks for stored values: display values follow the instance's locale.
const window = (end) => ({ getstorevalue: 1, recordstart: 1, recordend: end });
/** The cursor after emitting `ids` at `ts` (no look-back); `floorId`: IDs up to it count as emitted. */
const tieCursor = (ts, ids, floorId = null) => ({
	done: { ts, id: floorId },
	emitted: [...ids].sort((x, y) => x - y).map((id) => ({ ts, id })),
});

/** Level-one records newest first, as the store holds them. */
function newest() {
	return ctx.sb.store
		.list('levelone')
		.sort((a, b) => (a[TS] < b[TS] ? 1 : a[TS] > b[TS] ? -1 : Number(b.recordid) - Number(a.recordid)));
}

function edit(id, seconds = 0) {
	if (seconds) ctx.sb.clock.advance(seconds * 1000);
	return ctx.sb.store.update('levelone', id, { 'sf_Status': 'In Review' });
}

/** Activates a fresh trigger: the first poll stores the cursor at the newest record. */
async function activated(parameters, options) {
	const p = poller(parameters, options);
	const first = await tick(p);
	expect(first.items).toBeNull();
	return p;
}

describe('first activation', () => {
	test('one call, newest first; existing records are history, not emitted', async () => {
		ctx.sb.clock.advance(60_000);
		const a = edit(newest().at(-1).recordid);
		const b = edit(newest().at(-2).recordid);
		const p = poller();
		const { items, calls } = await tick(p);
		expect(items).toBeNull();
		expect(calls).toEqual([{ sortby: desc, othersettings: window(PAGE) }]);
		// Both records share the newest second: both are history, remembered by ID.
		expect(p.staticData.cursor).toEqual(tieCursor(a[TS], [a.recordid, b.recordid]));

		const idle = await tick(p);
		expect(idle.items).toBeNull();
		const [low, high] = [a.recordid, b.recordid].sort((x, y) => x - y);
		expect(idle.calls).toEqual([
			{
				criteria: [atOrAfter('(', a[TS]), ...notEmitted(a[TS], low), ...notEmitted(a[TS], high)],
				sortby: asc,
				othersettings: window(PAGE),
			},
		]);
	});

	test('with a tie longer than the page, the oldest row read becomes the floor', async () => {
		ctx.sb.clock.advance(60_000);
		// Every other ID: runs of consecutive IDs are sent as ranges (unit-tested in cursor.test.js).
		const ids = newest()
			.map((r) => r.recordid)
			.sort((x, y) => x - y)
			.filter((_, index) => index % 2 === 0)
			.slice(0, 7)
			.map((id) => edit(id).recordid);
		const p = poller();
		await tick(p);
		const ts = ctx.sb.clock.timestamp();
		// The page holds the newest five of the seven; the two below it are passed over.
		const read = ids.slice(-PAGE);
		expect(p.staticData.cursor).toEqual(tieCursor(ts, read.slice(1), read[0]));
		const idle = await tick(p);
		expect(idle.items).toBeNull();
		expect(idle.calls).toEqual([
			{
				criteria: [atOrAfter('(', ts), ...keyset(ts, read[0]), ...read.slice(1).flatMap((id) => notEmitted(ts, id))],
				sortby: asc,
				othersettings: window(PAGE),
			},
		]);
	});
});

describe('polling', () => {
	test('an idle poll is one call and emits nothing', async () => {
		const p = await activated();
		const cursor = structuredClone(p.staticData.cursor);
		for (let i = 0; i < 3; i++) {
			const { items, calls } = await tick(p);
			expect(items).toBeNull();
			expect(calls).toHaveLength(1);
		}
		expect(p.staticData.cursor).toEqual(cursor);
	});

	test('changes come out once each, oldest first, as SmartConnect returns them', async () => {
		const p = await activated();
		const ids = newest().map((r) => r.recordid);
		const first = edit(ids[30], 5);
		const second = edit(ids[10], 1);
		const created = ctx.sb.store.create('levelone', { sf_Name: 'New application' });
		const { items, calls } = await tick(p);
		expect(emitted(items)).toEqual([keyOf(first), keyOf(second), keyOf(created)]);
		expect(items[0]).toEqual(
			formatRecord({
				endpoint: 'levelone',
				row: ctx.sb.store.row('levelone', first.recordid),
				entries: ctx.sb.fn(TOKEN).entries,
				settings: { getstorevalue: 1, keyformat: 0 },
				store: ctx.sb.store,
			}),
		);
		expect(calls).toHaveLength(1);
		expect(p.staticData.cursor).toEqual(tieCursor(created[TS], [second.recordid, created.recordid]));
		expect((await tick(p)).items).toBeNull();
	});

	test('records sharing a second across a poll boundary: neither lost nor repeated', async () => {
		const p = await activated();
		const ids = newest().map((r) => r.recordid);
		const high = edit(ids[2], 7);
		expect(emitted((await tick(p)).items)).toEqual([keyOf(high)]);

		// Same second, lower ID: written after the poll read that second.
		const low = edit(ids[50]);
		expect(Number(low.recordid)).toBeLessThan(Number(high.recordid));
		const { items, calls } = await tick(p);
		expect(emitted(items)).toEqual([keyOf(low)]);
		expect(calls).toEqual([
			{
				criteria: [atOrAfter('(', high[TS]), ...notEmitted(high[TS], high.recordid)],
				sortby: asc,
				othersettings: window(PAGE),
			},
		]);

		// The record emitted at that second, edited again a second later, is a new change.
		const again = edit(high.recordid, 1);
		expect(emitted((await tick(p)).items)).toEqual([keyOf(again)]);
		expect((await tick(p)).items).toBeNull();
	});

	test('a bulk import in one second: its run of IDs is excluded as one group, and a later save in that second still fires', async () => {
		const p = await activated();
		ctx.sb.clock.advance(2000);
		const imported = Array.from({ length: 12 }, (_, i) => ctx.sb.store.create('levelone', { sf_Name: `Imported ${i}` }));
		const ts = imported[0][TS];
		const { items, calls } = await tick(p);
		expect(emitted(items)).toEqual(imported.map(keyOf));
		expect(calls).toHaveLength(Math.ceil(imported.length / PAGE));

		const [first, last] = [imported[0].recordid, imported.at(-1).recordid];
		expect(Number(last) - Number(first)).toBe(imported.length - 1);
		const idle = await tick(p);
		expect(idle.items).toBeNull();
		expect(idle.calls).toEqual([
			{
				criteria: [
					atOrAfter('(', ts),
					cond(') and (', TS, '>', ts),
					cond('or', 'recordid', '<', first),
					cond('or', 'recordid', '>', last),
				],
				sortby: asc,
				othersettings: window(PAGE),
			},
		]);

		// An older record saved in the same second, after the import was read: below the run.
		const older = edit(newest().at(-1).recordid);
		expect(older[TS]).toBe(ts);
		expect(emitted((await tick(p)).items)).toEqual([keyOf(older)]);
		expect((await tick(p)).items).toBeNull();
	});

	test('a tie longer than a page is read whole by key, in ceil(K / page) calls', async () => {
		const p = await activated();
		ctx.sb.clock.advance(3000);
		const changed = newest()
			.slice(20, 32)
			.map((r) => edit(r.recordid))
			.sort((a, b) => a.recordid - b.recordid);
		const ts = changed[0][TS];
		const { items, calls } = await tick(p);
		expect(emitted(items)).toEqual(changed.map(keyOf));
		expect(calls).toHaveLength(3);
		const before = p.staticData.cursor;
		expect(calls[1]).toEqual({
			criteria: [atOrAfter('(', ts), ...keyset(ts, changed[4].recordid)],
			sortby: asc,
			othersettings: window(PAGE),
		});
		expect(calls[2].criteria).toEqual([atOrAfter('(', ts), ...keyset(ts, changed[9].recordid)]);
		expect(before).toEqual(tieCursor(ts, changed.map((r) => r.recordid)));
	});

	test('a poll that fails part way returns what it read; the next one continues after it', async () => {
		const p = await activated();
		const cursor = structuredClone(p.staticData.cursor);
		ctx.sb.clock.advance(2000);
		const changed = newest()
			.slice(40, 52)
			.map((r) => edit(r.recordid))
			.sort((a, b) => a.recordid - b.recordid);
		// A poll whose first call fails has read nothing: it fails and the cursor stays.
		ctx.sb.faults.add({ endpoint: 'levelone', action: 'list', times: 1, envelope: 'json' });
		ctx.sb.resetCalls();
		await expect(p.poll()).rejects.toThrow(/SmartSimple/);
		expect(p.staticData.cursor).toEqual(cursor);
		expect(ctx.sb.calls).toHaveLength(1);

		// The second call of the next poll answers SmartConnect's documented list error: the first
		// page's changes are emitted and the cursor moves to the last of them.
		ctx.sb.faults.add({ endpoint: 'levelone', action: 'list', after: 1, times: 1, envelope: 'json' });
		const partial = await tick(p);
		expect(emitted(partial.items)).toEqual(changed.slice(0, PAGE).map(keyOf));
		expect(partial.calls).toHaveLength(2);
		expect(p.staticData.cursor).toEqual(tieCursor(changed[0][TS], changed.slice(0, PAGE).map((r) => r.recordid)));

		const rest = await tick(p);
		expect(emitted(rest.items)).toEqual(changed.slice(PAGE).map(keyOf));
		expect(rest.calls).toHaveLength(2);
		expect((await tick(p)).items).toBeNull();
	});

	test('records changed while the trigger pages are emitted once, in this poll or the next', async () => {
		const p = await activated();
		ctx.sb.clock.advance(4000);
		const changed = newest()
			.slice(60, 68)
			.map((r) => edit(r.recordid))
			.sort((a, b) => a.recordid - b.recordid);
		const expected = changed.map(keyOf);
		const remove = ctx.sb.onRequest(({ call }) => {
			if (call.seq !== 2) return;
			// Between page 1 and page 2, a second later: a record already read changes again, one
			// not yet read changes (its earlier version is gone before anyone could read it), and a
			// new one appears.
			const read = edit(changed[0].recordid, 1);
			const unread = edit(changed[7].recordid);
			const created = ctx.sb.store.create('levelone', { sf_Name: 'Created while paging' });
			expected.splice(expected.indexOf(keyOf(changed[7])), 1);
			expected.push(keyOf(read), keyOf(unread), keyOf(created));
		});
		const first = await tick(p);
		remove();
		const second = await tick(p);
		const seen = [...emitted(first.items), ...emitted(second.items)];
		expect(seen.sort()).toEqual(expected.sort());
		// Page 2 holds the two left at the first second and the three from the next: it fits.
		expect(first.calls).toHaveLength(2);
		expect(second.items).toBeNull();
	});
});

describe('parameters', () => {
	test('filters are ANDed with the trigger condition as bracket groups', async () => {
		const filters = {
			conditions: [
				{ andor: 'and', field: 'sf_Name', operator: 'isNotEmpty' },
				{ andor: 'or', field: 'recordid', operator: 'greaterThan', value: '0' },
			],
		};
		const p = await activated({ filters });
		expect(ctx.sb.calls[0].parsed.criteria).toEqual([
			cond('and', 'sf_Name', 'isempty', 'false'),
			cond('or', 'recordid', '>', '0'),
		]);
		const ts = p.staticData.cursor.done.ts;
		const { calls } = await tick(p);
		expect(calls[0].criteria.slice(0, 3)).toEqual([
			cond('(', 'sf_Name', 'isempty', 'false'),
			cond('or', 'recordid', '>', '0'),
			atOrAfter(') and (', ts),
		]);
	});

	test('parameters written as expressions are resolved, those written as values read as they are', async () => {
		// The trigger reads a parameter as written unless it holds an expression: both kinds at once.
		const filters = {
			conditions: [{ andor: 'and', field: '={{ "sf_" + "Name" }}', operator: 'isNotEmpty' }],
		};
		const p = poller(
			{ apiToken: `={{ "${TOKEN}" }}`, timestampField: `={{ "${TS}" }}`, filters },
			{ pageSize: '={{ 2 + 1 }}' },
		);
		const first = await tick(p);
		expect(first.items).toBeNull();
		expect(ctx.sb.calls[0].token).toBe(TOKEN);
		expect(first.calls[0].criteria).toEqual([cond('and', 'sf_Name', 'isempty', 'false')]);
		expect(first.calls[0].sortby[0].field).toBe(TS);
		edit(newest()[0].recordid, 4);
		const { items, calls } = await tick(p);
		expect(items).toHaveLength(1);
		expect(calls[0].othersettings.recordend).toBe(3);
		expect(calls[0].criteria[0]).toEqual(cond('(', 'sf_Name', 'isempty', 'false'));
	});

	test('parameters are read once per activation, unless one holds an expression', async () => {
		const reads = jest.spyOn(PollContext.prototype, 'getNodeParameter');
		try {
			const p = await activated();
			const atActivation = reads.mock.calls.length;
			expect(atActivation).toBeGreaterThan(0);
			edit(newest()[0].recordid, 2);
			expect((await tick(p)).items).toHaveLength(1);
			expect((await tick(p)).items).toBeNull();
			expect(reads.mock.calls).toHaveLength(atActivation);

			// A new activation (n8n's, after the workflow is saved) reads them again.
			const again = poller({}, {}, p.staticData);
			expect((await tick(again)).items).toBeNull();
			expect(reads.mock.calls).toHaveLength(2 * atActivation);

			// `$now` and the like may give another value on every poll.
			const withExpression = poller({ apiToken: `={{ "${TOKEN}" }}` }, {}, p.staticData);
			await tick(withExpression);
			const perPoll = reads.mock.calls.length - 2 * atActivation;
			await tick(withExpression);
			expect(reads.mock.calls).toHaveLength(2 * atActivation + 2 * perPoll);
		} finally {
			reads.mockRestore();
		}
	});

	test('idle polls from one cursor send one call, rebuilt where an expression gives a filter a new value', async () => {
		// Every record has a recordid above minus the time in ms: the value changes, the records do not.
		const filters = {
			conditions: [{ andor: 'and', field: 'recordid', operator: 'greaterThan', value: '={{ -$now.toMillis() }}' }],
		};
		const p = await activated({ filters });
		const sent = [];
		for (let i = 0; i < 3; i++) {
			await new Promise((resolve) => setTimeout(resolve, 5));
			const { items, calls } = await tick(p);
			expect(items).toBeNull();
			sent.push(calls[0].criteria);
		}
		const values = sent.map((criteria) => criteria[0].value);
		expect(new Set(values).size).toBe(3);
		for (const [i, criteria] of sent.entries()) {
			expect(criteria[0]).toEqual(cond('(', 'recordid', '>', values[i]));
			expect(Number(values[i])).toBeLessThan(0);
			expect(criteria.slice(1)).toEqual(sent[0].slice(1));
		}

		// The same settings and cursor give the same call; a change moves the cursor and the call.
		const still = await activated();
		const idle = [(await tick(still)).calls[0], (await tick(still)).calls[0]];
		expect(idle[1]).toEqual(idle[0]);
		const changed = edit(newest()[0].recordid, 3);
		expect(emitted((await tick(still)).items)).toEqual([keyOf(changed)]);
		const after = (await tick(still)).calls[0];
		expect(after.criteria).toEqual([atOrAfter('(', changed[TS]), ...notEmitted(changed[TS], changed.recordid)]);
	});

	test('") or (" in the filters is refused before any call, naming Filters and the fix', async () => {
		const filters = {
			conditions: [
				{ andor: '(', field: 'sf_Status', operator: 'equal', value: 'In Review' },
				{ andor: ') or (', field: 'sf_Name', operator: 'like', value: 'Water' },
			],
		};
		const p = await activated({ filters });
		ctx.sb.resetCalls();
		await expect(p.poll()).rejects.toThrow(/Filters → condition 2: "\) or \(" cannot be combined/);
		expect(ctx.sb.calls).toHaveLength(0);
	});

	test('a timestamp field missing from the field list is named, with the fix', async () => {
		const p = poller({ apiToken: 'levelone-list-byid', event: 'created', timestampField: 'sf_Created Date' });
		const error = await p.poll().catch((e) => e);
		expect(error.message).toBe('The records have no "sf_Created Date" field');
		expect(error.description).toMatch(/Add "sf_Created Date" to the function's field list/);
		expect(p.staticData.cursor).toBeUndefined();
	});

	test('Created event: edits are not emitted, new records are', async () => {
		const p = await activated({ event: 'created', timestampField: 'sf_Created Date' });
		edit(newest()[3].recordid, 3);
		const created = ctx.sb.store.create('levelone', { sf_Name: 'Created event' });
		const { items, calls } = await tick(p);
		expect(items.map((r) => r.recordid)).toEqual([created.recordid]);
		expect(calls[0].criteria[0].field).toBe('sf_Created Date');
	});

	test('Instance Time Zone adds an ISO timestamp beside the original', async () => {
		const p = await activated({}, { timezone: 'America/Toronto' });
		ctx.sb.clock.set('2025-07-01 10:00:00');
		const changed = edit(newest()[5].recordid);
		const { items } = await tick(p);
		expect(items[0][TS]).toBe('2025-07-01 10:00:00');
		expect(items[0][`${TS} (ISO)`]).toBe('2025-07-01T10:00:00-04:00');
		expect(items[0].recordid).toBe(changed.recordid);
	});

	test('Start From backfills every record stamped at or after it, then carries on', async () => {
		const from = '2025-01-01 00:00:00';
		const p = poller({}, { startFrom: '2025-01-01T00:00:00', pageSize: 1000 });
		const { items, calls } = await tick(p);
		const expected = newest()
			.filter((r) => r[TS] >= from)
			.reverse()
			.map(keyOf);
		expect(expected.length).toBeGreaterThan(1);
		expect(emitted(items)).toEqual(expected);
		expect(calls).toEqual([{ criteria: [atOrAfter('and', from)], sortby: asc, othersettings: window(1000) }]);
		expect((await tick(p)).items).toBeNull();
	});

	test('Fetch Test Event returns the newest matching record and leaves the cursor alone', async () => {
		const p = await activated();
		const cursor = structuredClone(p.staticData.cursor);
		const changed = edit(newest()[8].recordid, 2);
		const { items, calls } = await tick(p, 'manual');
		expect(emitted(items)).toEqual([keyOf(changed)]);
		expect(calls).toEqual([{ sortby: desc, othersettings: window(1) }]);
		expect(p.staticData.cursor).toEqual(cursor);
		expect(emitted((await tick(p)).items)).toEqual([keyOf(changed)]);
	});

	test('a cursor stored by 0.1.0 ({ ts, floorId, ids }) carries on from the same position', async () => {
		const p = await activated();
		const { done, emitted: pairs } = p.staticData.cursor;
		p.staticData.cursor = { ts: done.ts, floorId: done.id, ids: pairs.map((pair) => pair.id) };
		const changed = edit(newest()[9].recordid, 3);
		const { items, calls } = await tick(p);
		expect(emitted(items)).toEqual([keyOf(changed)]);
		expect(calls).toHaveLength(1);
		expect(p.staticData.cursor).toEqual(tieCursor(changed[TS], [changed.recordid]));
	});

	test('watching another record type starts again from its newest record', async () => {
		// Saving the changed trigger activates it anew, with the static data it had stored.
		const before = await activated();
		const p = poller({ resource: 'company', apiToken: 'company-list-modified' }, {}, before.staticData);
		const { items, calls } = await tick(p);
		expect(items).toBeNull();
		expect(calls[0].sortby).toEqual(desc);
		expect(p.staticData.cursor.done.ts).toBe(
			ctx.sb.store
				.list('company')
				.map((r) => r[TS])
				.sort()
				.at(-1),
		);
	});
});

describe('stored values (issue 12 #5)', () => {
	test('an instance that displays dates as 06/02/2025 09:00:07 AM: the cursor reads and sends stored values', async () => {
		ctx.sb.store.dateLocale = 'en-US';
		try {
			const p = await activated();
			expect(ctx.sb.calls[0].parsed.othersettings.getstorevalue).toBe(1);
			const changed = edit(newest()[12].recordid, 7);
			expect(changed[TS]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
			const { items, calls } = await tick(p);
			expect(emitted(items)).toEqual([keyOf(changed)]);
			expect(calls).toHaveLength(1);
			// Stored values throughout: the status key, not its caption.
			expect(items[0].sf_Status).toBe(ctx.sb.store.row('levelone', changed.recordid).sf_Status);
			const idle = await tick(p);
			expect(idle.items).toBeNull();
			expect(idle.calls).toEqual([
				{
					criteria: [atOrAfter('(', changed[TS]), ...notEmitted(changed[TS], changed.recordid)],
					sortby: asc,
					othersettings: window(PAGE),
				},
			]);
		} finally {
			ctx.sb.store.dateLocale = 'iso';
		}
	});
});

describe('late commits: options.lookBack (issue 8 §4)', () => {
	test('a save stamped before records already emitted fires once, in the one call of the next poll', async () => {
		const p = await activated({}, { lookBack: 60 });
		const ids = newest().map((r) => r.recordid);
		const first = edit(ids[14], 30);
		expect(emitted((await tick(p)).items)).toEqual([keyOf(first)]);

		// Committed late: stamped 10 s before the record already emitted, visible only now.
		ctx.sb.clock.advance(5000);
		const late = ctx.sb.store.update('levelone', ids[15], { sf_Status: '3' }, { at: ctx.sb.clock.ms() - 15_000 });
		expect(late[TS] < first[TS]).toBe(true);
		const { items, calls } = await tick(p);
		expect(emitted(items)).toEqual([keyOf(late)]);
		expect(calls).toHaveLength(1);

		// Idle: one call, both pairs excluded in the criteria, nothing emitted twice.
		const idle = await tick(p);
		expect(idle.items).toBeNull();
		expect(idle.calls).toHaveLength(1);
		expect(idle.calls[0].criteria).toEqual(
			expect.arrayContaining([...notEmitted(first[TS], first.recordid), ...notEmitted(late[TS], late.recordid)]),
		);

		// Past the window (more than 60 s before the newest emitted), a late commit is not seen.
		const tooLate = ctx.sb.store.update('levelone', ids[16], { sf_Status: '3' }, { at: ctx.sb.clock.ms() - 120_000 });
		expect((await tick(p)).items).toBeNull();
		expect(tooLate[TS] < late[TS]).toBe(true);
	});

	test('without a look-back the same late commit is missed (the default costs nothing extra)', async () => {
		const p = await activated();
		const ids = newest().map((r) => r.recordid);
		const first = edit(ids[17], 30);
		expect(emitted((await tick(p)).items)).toEqual([keyOf(first)]);
		ctx.sb.store.update('levelone', ids[18], { sf_Status: '3' }, { at: ctx.sb.clock.ms() - 10_000 });
		const { items, calls } = await tick(p);
		expect(items).toBeNull();
		expect(calls[0].criteria[0]).toEqual(atOrAfter('(', first[TS]));
	});

	test('a negative look-back is refused before any call, naming the option', async () => {
		const p = poller({}, { lookBack: -5 });
		await expect(p.poll()).rejects.toThrow(/Look Back "-5"/);
		expect(ctx.sb.calls).toHaveLength(0);
	});
});

describe('the editor (issue 12 #12, trigger part)', () => {
	const { runLoadOptions } = require('../helpers/n8n');
	const { SmartSimpleTrigger } = require('../../dist/nodes/SmartSimple/SmartSimpleTrigger.node');
	const properties = new SmartSimpleTrigger().description.properties;

	test('Timestamp Field and ID Field are dropdowns of the function fields, defaults unchanged', async () => {
		const timestamp = properties.filter((prop) => prop.name === 'timestampField');
		const id = properties.find((prop) => prop.name === 'idField');
		for (const prop of [...timestamp, id]) {
			expect(prop.type).toBe('options');
			expect(prop.typeOptions.loadOptionsMethod).toBe('getFields');
		}
		expect(timestamp.map((prop) => prop.default).sort()).toEqual(['sf_Created Date', 'sf_Modified Date']);
		expect(id.default).toBe('recordid');

		const fields = await runLoadOptions({
			nodeType: 'smartSimpleTrigger',
			parameters: { resource: 'levelOne', apiToken: TOKEN, event: 'modified' },
			credentials: ctx.sb.credentials,
			method: 'getFields',
		});
		expect(fields.map((field) => field.value)).toEqual(expect.arrayContaining(['recordid', TS]));
		expect(ctx.sb.calls).toHaveLength(1);
	});

	test('Instance Time Zone is a dropdown of IANA zones', () => {
		const options = properties.find((prop) => prop.name === 'options').options;
		const zone = options.find((option) => option.name === 'timezone');
		expect(zone.type).toBe('options');
		expect(zone.options.map((option) => option.value)).toEqual(
			expect.arrayContaining(['UTC', 'America/Toronto', 'Europe/Paris']),
		);
		expect(zone.options.map((option) => option.value)).toContain(zone.default);
	});
});

describe('Start From as an expression (issue 12 #4)', () => {
	// Its own sandbox, its clock at the real time, so that `$now` means the sandbox's now.
	const own = useSandbox({ seed: 12, records: 'small', hourlyLimit: 1e9, now: new Date() });

	test('the backfill runs once: the cursor is keyed on the expression as written, not its value', async () => {
		const startFrom = '={{ $now.minus({ days: 7 }) }}';
		const p = createPoller({
			parameters: {
				resource: 'levelOne',
				apiToken: TOKEN,
				event: 'modified',
				timestampField: TS,
				idField: 'recordid',
				filters: {},
				options: { pageSize: PAGE, startFrom },
			},
			credentials: own.sb.credentials,
		});
		const ids = own.sb.store.rows('levelone').map((r) => r.recordid);
		const changed = ids.slice(0, 3).map((id) => own.sb.store.update('levelone', id, { sf_Status: '2' }));
		const first = await p.poll();
		expect(first[0].map((item) => item.json.recordid).sort()).toEqual(changed.map((r) => r.recordid).sort());

		// A second later `$now` (and so the expression's value) has moved on.
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect(await p.poll()).toBeNull();

		// Another expression is another start: the backfill runs again, once.
		p.node.parameters.options.startFrom = '={{ $now.minus({ days: 8 }) }}';
		expect((await p.poll())[0]).toHaveLength(3);
		expect(await p.poll()).toBeNull();
	});
});
