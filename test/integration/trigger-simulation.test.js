'use strict';
/**
 * Randomized simulation of the SmartSimple Trigger, fixed seed: hundreds of polls through n8n's
 * real PollContext against the sandbox, with creates and edits between polls and between the
 * pages of a poll, long runs of records sharing one second (longer than a page), writes in the
 * same second as the last poll's newest record, late commits (saves stamped up to Look Back
 * seconds before they become visible, earlier than records already emitted), and faults part
 * way through polls (a poll that read changes before the fault returns them).
 *
 * Ground truth is the sandbox's own record of every (recordid, sf_Modified Date) state. A state
 * that was current when a successful poll began and still current when it ended must have been
 * emitted by then (a state overwritten before any poll could finish reading it cannot be seen by
 * any poller and is counted as superseded); after the last quiet polls every current state must
 * have been emitted. No state may be emitted twice, and nothing that never existed may be.
 */
const { createPoller } = require('../helpers/n8n');
const { startSandbox } = require('../sandbox');
const { createRandom } = require('../sandbox/prng');

const SEED = 20250602;
const POLLS = 400;
const PAGE = 20;
const TS = 'sf_Modified Date';
const LOOK_BACK = 30;

let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 3, records: { levelone: 400 }, hourlyLimit: 1e9 });
});
afterAll(async () => {
	await sb.close();
});

const FAULTS = [
	{ envelope: 'json' },
	{ envelope: 'text' },
	{ status: 503, body: 'html' },
	{ body: 'reset' },
	{ message: 'Number of API Calls within the hour have reached the maximum limit, please try again later' },
];

test('simulation: every change emitted exactly once, idle polls cost one call', async () => {
	const random = createRandom(SEED);
	const poller = createPoller({
		parameters: {
			resource: 'levelOne',
			apiToken: 'levelone-list-modified',
			event: 'modified',
			timestampField: TS,
			idField: 'recordid',
			filters: {},
			options: { pageSize: PAGE, lookBack: LOOK_BACK },
		},
		credentials: sb.credentials,
	});

	const states = new Set(); // every (id, ts) the sandbox ever held
	const emitted = new Map(); // (id, ts) -> times emitted
	const required = new Set();
	const key = (id, ts) => `${id}@${ts}`;
	const current = () => new Map(sb.store.list('levelone').map((r) => [r.recordid, r[TS]]));
	for (const [id, ts] of current()) states.add(key(id, ts));

	let hot = [];
	let writesWhilePaging = 0;
	let writes = 0;
	const write = () => {
		let record;
		if (random.chance(0.15)) record = sb.store.create('levelone', { sf_Name: `Sim ${writes}` });
		else {
			const id = hot.length && random.chance(0.4) ? random.pick(hot) : random.pick(sb.store.rows('levelone')).recordid;
			record = sb.store.update('levelone', id, { sf_Status: random.pick(['Draft', 'Submitted', 'In Review']) });
		}
		hot = [record.recordid, ...hot].slice(0, 15);
		states.add(key(record.recordid, record[TS]));
		writes++;
	};
	// A save SmartSimple commits late: stamped up to LOOK_BACK seconds ago, visible from now on
	// (never earlier than the record's current stamp: a record's own saves keep their order).
	let lateCommits = 0;
	const lateCommit = () => {
		const at = sb.clock.ms() - random.range(1, LOOK_BACK) * 1000;
		let record;
		if (random.chance(0.2)) record = sb.store.create('levelone', { sf_Name: `Late ${lateCommits}` }, { at });
		else {
			const id = random.pick(sb.store.rows('levelone')).recordid;
			const stamp = new Date(at).toISOString().replace('T', ' ').slice(0, 19);
			if (sb.store.row('levelone', id)[TS] >= stamp) return;
			record = sb.store.update('levelone', id, { sf_Status: random.pick(['Draft', 'Submitted']) }, { at });
		}
		states.add(key(record.recordid, record[TS]));
		lateCommits++;
	};
	const burst = (n) => {
		for (let i = 0; i < n; i++) write();
	};

	const figures = { polls: 0, failed: 0, partial: 0, idle: [], busy: [], superseded: 0, longTies: 0 };
	const poll = async ({ quiet = false } = {}) => {
		const before = current();
		const cursorBefore = JSON.stringify(poller.staticData.cursor ?? null);
		const pagingWritesBefore = writesWhilePaging;
		sb.resetCalls();
		let items = null;
		let failed = false;
		try {
			const result = await poller.poll();
			items = result ? result[0].map((item) => item.json) : [];
		} catch {
			failed = true;
		}
		sb.faults.clear();
		figures.polls++;
		const calls = sb.calls.length;
		if (failed) {
			figures.failed++;
			// Only a poll that read nothing fails, and it leaves the cursor as it was.
			expect(JSON.stringify(poller.staticData.cursor ?? null)).toBe(cursorBefore);
			return;
		}
		for (const record of items) {
			const k = key(record.recordid, record[TS]);
			emitted.set(k, (emitted.get(k) ?? 0) + 1);
		}
		// A fault part way: what was read is out, the rest is for the next poll.
		if (sb.calls.some((call) => call.fault)) {
			figures.partial++;
			return;
		}
		const after = current();
		for (const [id, ts] of before) if (after.get(id) === ts) required.add(key(id, ts));
		if (quiet || writesWhilePaging !== pagingWritesBefore) return;
		// A transient fault (503, dropped connection) is retried by the transport: one call more.
		const retried = sb.calls.filter((call) => call.fault).length;
		if (items.length === 0) figures.idle.push(calls - retried);
		else figures.busy.push({ calls: calls - retried, changes: items.length });
	};

	await poll(); // first activation: what exists is history, not emitted
	expect(emitted.size).toBe(0);
	const history = new Set(required);
	required.clear();

	// From now on, writes also land between the pages of a poll, sometimes a second later.
	sb.onRequest(() => {
		if (!random.chance(0.3)) return;
		if (random.chance(0.5)) sb.clock.advance(1000);
		const n = random.range(1, 3);
		burst(n);
		writesWhilePaging += n;
	});

	for (let i = 0; i < POLLS; i++) {
		// Often the same second as the last poll's newest record, so ties cross poll boundaries.
		sb.clock.advance(random.pick([0, 0, 1000, 1000, 2000, random.range(3, 90) * 1000]));
		const kind = random.weighted({ idle: 35, few: 40, many: 15, longTie: 10 });
		if (kind === 'few') burst(random.range(1, 5));
		if (kind === 'many') {
			for (let n = random.range(20, 60); n > 0; n--) {
				if (random.chance(0.2)) sb.clock.advance(1000);
				write();
			}
		}
		if (kind === 'longTie') {
			figures.longTies++;
			burst(random.range(PAGE + 5, PAGE * 3)); // all in one second, longer than a page
		}
		if (random.chance(0.15)) {
			for (let n = random.range(1, 3); n > 0; n--) lateCommit();
		}
		if (random.chance(0.12)) {
			sb.faults.add({ endpoint: 'levelone', action: 'list', after: random.int(3), times: 1, ...random.pick(FAULTS) });
		}
		await poll();
	}

	// Quiet end: no writes, no faults, until nothing is left to emit.
	sb.onRequest(null);
	await poll({ quiet: true });
	await poll({ quiet: true });
	for (const [id, ts] of current()) required.add(key(id, ts));

	const changedStates = [...states].filter((k) => !history.has(k));
	const lost = [...required].filter((k) => !history.has(k) && !emitted.has(k));
	const duplicated = [...emitted].filter(([, n]) => n > 1).map(([k]) => k);
	const phantom = [...emitted.keys()].filter((k) => !states.has(k) || history.has(k));
	figures.superseded = changedStates.filter((k) => !emitted.has(k) && !required.has(k)).length;

	const sum = (list) => list.reduce((a, b) => a + b, 0);
	const busyCalls = figures.busy.map((b) => b.calls);
	const report = {
		seed: SEED,
		pageSize: PAGE,
		polls: figures.polls,
		failedPolls: figures.failed,
		partialPolls: figures.partial,
		writes,
		lateCommits,
		longTies: figures.longTies,
		recordsChanged: changedStates.length,
		emitted: sum([...emitted.values()]),
		superseded: figures.superseded,
		lost: lost.length,
		duplicated: duplicated.length,
		phantom: phantom.length,
		idlePolls: figures.idle.length,
		callsPerIdlePoll: { min: Math.min(...figures.idle), max: Math.max(...figures.idle) },
		busyPolls: figures.busy.length,
		callsPerBusyPoll: {
			mean: +(sum(busyCalls) / busyCalls.length).toFixed(2),
			max: Math.max(...busyCalls),
			changesPerBusyPoll: +(sum(figures.busy.map((b) => b.changes)) / figures.busy.length).toFixed(1),
		},
		cursorPairs: poller.staticData.cursor.emitted.length,
	};
	process.stdout.write(`\ntrigger simulation: ${JSON.stringify(report, null, 1)}\n`);

	expect({ lost: lost.slice(0, 5), duplicated: duplicated.slice(0, 5), phantom: phantom.slice(0, 5) }).toEqual({
		lost: [],
		duplicated: [],
		phantom: [],
	});
	expect(report.emitted).toBeGreaterThan(1000);
	expect(figures.failed + figures.partial).toBeGreaterThan(10);
	expect(figures.partial).toBeGreaterThan(0);
	expect(lateCommits).toBeGreaterThan(50);
	expect(report.callsPerIdlePoll).toEqual({ min: 1, max: 1 });
	// Without writes during paging, K changes cost exactly ceil(K / page size) calls.
	for (const { calls, changes } of figures.busy) expect(calls).toBe(Math.ceil(changes / PAGE));
});
