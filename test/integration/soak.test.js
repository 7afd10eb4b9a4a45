'use strict';
/**
 * A short seeded soak (a few hundred calls, 5% faulted across every kind): the same run and
 * checks as `npm run soak` (test/soak/soak.js, docs/reliability.md), small enough for npm test.
 */
const { runSoak, FAULT_KINDS } = require('../soak/soak');

test('short soak: every promise holds under random faults', async () => {
	// A higher fault rate than the full soak so that a short run meets every kind.
	const report = await runSoak({ seed: 8, calls: 400, faultRate: 0.12 });
	process.stdout.write(`\nshort soak: ${JSON.stringify(report)}\n`);
	expect(report.violations).toEqual([]);
	expect(report.calls).toBeGreaterThanOrEqual(400);
	expect(Object.keys(report.faults)).toEqual(Object.keys(FAULT_KINDS));
	for (const [kind, count] of Object.entries(report.faults)) expect([kind, count > 0]).toEqual([kind, true]);
	expect(report.retries).toBeGreaterThan(0);
	expect(report.writeItems.confirmed).toBeGreaterThan(0);
	expect(report.writeItems.mayHaveSaved).toBeGreaterThan(0);
	expect(report.polls.emitted).toBeGreaterThan(0);
}, 300000);
