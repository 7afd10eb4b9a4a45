'use strict';
/**
 * The SmartSimple Trigger's poll() run by n8n-core's real PollContext (harness createPoller),
 * static data carried across ticks, against the sandbox: the exact criteria / sortby /
 * othersettings of every call (sandbox call log) and the exact records emitted.
 */
const { createPoller } = require('../helpers/n8n');
const { useSandbox } = require('../helpers/sandbox');
const { formatRecord } = require('../sandbox/format');

const TOKEN = 'levelone-list-modified';
const TS = 'sf_Modified Date';
const PAGE = 5;

const ctx = useSandbox({ seed: 11, records: 'small', hourlyLimit: 1e9 });

function poller(parameters = {}, options = {}) {
	return createPoller({
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
const window = (end) => ({ recordstart: 1, recordend: end });

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
		expect(p.staticData.cursor).toEqual({
			ts: a[TS],
			floorId: null,
			ids: [a.recordid, b.recordid].sort((x, y) => x - y),
		});

		const idle = await tick(p);
		expect(idle.items).toBeNull();
		expect(idle.calls).toEqual([
			{
				criteria: [
					atOrAfter('(', a[TS]),
					...notEmitted(a[TS], p.staticData.cursor.ids[0]),
					...notEmitted(a[TS], p.staticData.cursor.ids[1]),
				],
				sortby: asc,
				othersettings: window(PAGE),
			},
		]);
	});

	test('with a tie longer than the page, the newest ID becomes the floor', async () => {
		ctx.sb.clock.advance(60_000);
		const ids = newest()
			.slice(-7)
			.map((r) => edit(r.recordid).recordid)
			.sort((x, y) => x - y);
		const p = poller();
		await tick(p);
		const ts = ctx.sb.clock.timestamp();
		expect(p.staticData.cursor).toEqual({ ts, floorId: ids.at(-1), ids: [] });
		const idle = await tick(p);
		expect(idle.items).toBeNull();
		expect(idle.calls).toEqual([
			{ criteria: [atOrAfter('(', ts), ...keyset(ts, ids.at(-1))], sortby: asc, othersettings: window(PAGE) },
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
				settings: { getstorevalue: 0, keyformat: 0 },
				store: ctx.sb.store,
			}),
		);
		expect(calls).toHaveLength(1);
		expect(p.staticData.cursor).toEqual({
			ts: created[TS],
			floorId: null,
			ids: [second.recordid, created.recordid].sort((x, y) => x - y),
		});
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
		expect(before).toEqual({ ts, floorId: null, ids: changed.map((r) => r.recordid) });
	});

	test('a poll that fails part way keeps the cursor; the next one emits everything once', async () => {
		const p = await activated();
		const cursor = structuredClone(p.staticData.cursor);
		ctx.sb.clock.advance(2000);
		const changed = newest()
			.slice(40, 52)
			.map((r) => edit(r.recordid))
			.sort((a, b) => a.recordid - b.recordid);
		// The second call of the poll answers SmartConnect's documented list error.
		ctx.sb.faults.add({ endpoint: 'levelone', action: 'list', after: 1, times: 1, envelope: 'json' });
		ctx.sb.resetCalls();
		await expect(p.poll()).rejects.toThrow(/SmartSimple/);
		expect(p.staticData.cursor).toEqual(cursor);
		expect(ctx.sb.calls).toHaveLength(2);

		const { items, calls } = await tick(p);
		expect(emitted(items)).toEqual(changed.map(keyOf));
		expect(calls).toHaveLength(3);
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
		const ts = p.staticData.cursor.ts;
		const { calls } = await tick(p);
		expect(calls[0].criteria.slice(0, 3)).toEqual([
			cond('(', 'sf_Name', 'isempty', 'false'),
			cond('or', 'recordid', '>', '0'),
			atOrAfter(') and (', ts),
		]);
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

	test('watching another record type starts again from its newest record', async () => {
		const p = await activated();
		p.node.parameters.resource = 'company';
		p.node.parameters.apiToken = 'company-list-modified';
		const { items, calls } = await tick(p);
		expect(items).toBeNull();
		expect(calls[0].sortby).toEqual(desc);
		expect(p.staticData.cursor.ts).toBe(
			ctx.sb.store
				.list('company')
				.map((r) => r[TS])
				.sort()
				.at(-1),
		);
	});
});
