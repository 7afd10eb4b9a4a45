'use strict';
/**
 * What a SmartSimple Trigger costs per hour against the 1,000-call limit, measured: one hour of
 * sandbox time per scenario, polled through n8n's real PollContext.
 *
 *   npx tsc && node test/bench/trigger-cost.js
 */
const { createPoller } = require('../helpers/n8n');
const { startSandbox } = require('../sandbox');
const { createRandom } = require('../sandbox/prng');

const HOUR = 3600;
const SCENARIOS = [
	{ intervalSeconds: 60, changesPerHour: 0, pageSize: 500 },
	{ intervalSeconds: 300, changesPerHour: 0, pageSize: 500 },
	{ intervalSeconds: 60, changesPerHour: 600, pageSize: 500 },
	{ intervalSeconds: 60, changesPerHour: 6000, pageSize: 100 },
	{ intervalSeconds: 900, changesPerHour: 6000, pageSize: 500 },
];

async function measure(sb, { intervalSeconds, changesPerHour, pageSize }) {
	const random = createRandom(7);
	const poller = createPoller({
		parameters: {
			resource: 'levelOne',
			apiToken: 'levelone-list-modified',
			event: 'modified',
			timestampField: 'sf_Modified Date',
			idField: 'recordid',
			filters: {},
			options: { pageSize },
		},
		credentials: sb.credentials,
	});
	await poller.poll(); // activation, not counted
	sb.resetCalls();
	const ids = sb.store.rows('levelone').map((row) => row.recordid);
	let emitted = 0;
	let due = 0;
	for (let second = 1; second <= HOUR; second++) {
		sb.clock.advance(1000);
		// Changes spread evenly over the hour, on random records.
		for (due += changesPerHour / HOUR; due >= 1; due--) {
			sb.store.update('levelone', random.pick(ids), { sf_Status: 'In Review' });
		}
		if (second % intervalSeconds === 0) {
			const result = await poller.poll();
			emitted += result ? result[0].length : 0;
		}
	}
	return { polls: HOUR / intervalSeconds, calls: sb.calls.length, emitted };
}

(async () => {
	const rows = [];
	for (const scenario of SCENARIOS) {
		const sb = await startSandbox({ seed: 5, records: { levelone: 2000 }, hourlyLimit: 1e9 });
		const { polls, calls, emitted } = await measure(sb, scenario);
		rows.push({
			'poll every': `${scenario.intervalSeconds} s`,
			'page size': scenario.pageSize,
			'changes / hour': scenario.changesPerHour,
			// Fewer than the changes where one record changes twice between polls.
			emitted,
			polls,
			'calls / hour': calls,
			'share of 1,000': `${((calls / 1000) * 100).toFixed(1)}%`,
		});
		await sb.close();
	}
	console.table(rows);
})();
