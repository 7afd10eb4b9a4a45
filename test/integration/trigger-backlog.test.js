'use strict';
/**
 * Issue 12 #3: a backlog larger than the hour's remaining calls drains. Each poll reads pages
 * until SmartSimple's hourly limit refuses one, returns what it read and moves the cursor to the
 * last row returned; polls that read nothing fail and leave the cursor. Through n8n-core's real
 * PollContext against the sandbox, its hourly limit on the sandbox clock, polls every 15 minutes
 * over several simulated hours: every change emitted once, and each record read by one call.
 */
const { createPoller } = require('../helpers/n8n');
const { useSandbox } = require('../helpers/sandbox');

const TS = 'sf_Modified Date';
const PAGE = 5;
const LIMIT = 10;
const BACKLOG = 120;
const LIMIT_MESSAGE = /maximum limit/;

const ctx = useSandbox({ seed: 31, records: 'small', hourlyLimit: LIMIT });

test('a backlog bigger than the hourly limit drains over several hours: nothing lost or repeated, calls bounded', async () => {
	const sb = ctx.sb;
	const p = createPoller({
		parameters: {
			resource: 'levelOne',
			apiToken: 'levelone-list-modified',
			event: 'modified',
			timestampField: TS,
			idField: 'recordid',
			filters: {},
			options: { pageSize: PAGE },
		},
		credentials: sb.credentials,
	});
	expect(await p.poll()).toBeNull(); // activation: one call

	// 120 changes over two minutes: 24 pages, more than two hours of this instance's calls.
	const rows = sb.store.rows('levelone');
	const backlog = [];
	for (let i = 0; i < BACKLOG; i++) {
		if (i % 2 === 0) sb.clock.advance(2000);
		const record = sb.store.update('levelone', rows[i].recordid, { sf_Status: '2' });
		backlog.push(`${record.recordid}@${record[TS]}`);
	}

	const emitted = [];
	const polls = { partial: 0, failed: 0, complete: 0 };
	for (let tick = 0; tick < 16 && emitted.length < BACKLOG; tick++) {
		sb.clock.advance(15 * 60_000);
		const before = structuredClone(p.staticData.cursor);
		try {
			const result = await p.poll();
			const items = result ? result[0].map((item) => item.json) : [];
			emitted.push(...items.map((record) => `${record.recordid}@${record[TS]}`));
			if (sb.calls.at(-1).error?.match(LIMIT_MESSAGE)) polls.partial++;
			else polls.complete++;
		} catch (error) {
			// Only a poll that read nothing fails; its cursor is untouched.
			expect(error.message + (error.description ?? '')).toMatch(/limit/i);
			expect(p.staticData.cursor).toEqual(before);
			polls.failed++;
		}
	}

	expect(emitted).toEqual(backlog);
	expect(new Set(emitted).size).toBe(BACKLOG);
	const counted = sb.calls.filter((call) => call.counted);
	const refused = sb.calls.filter((call) => !call.counted);
	process.stdout.write(
		`\ntrigger backlog: ${JSON.stringify({ backlog: BACKLOG, pageSize: PAGE, hourlyLimit: LIMIT, ...polls, counted: counted.length, refused: refused.length })}\n`,
	);
	// Every page was read once: activation plus ceil(120 / 5) pages, nothing re-read.
	expect(counted).toHaveLength(1 + BACKLOG / PAGE);
	// Each poll spends at most one refused call (the one that ends it).
	expect(refused.length).toBe(polls.partial + polls.failed);
	expect(polls.partial).toBeGreaterThanOrEqual(2);
	expect(await p.poll()).toBeNull();
});
