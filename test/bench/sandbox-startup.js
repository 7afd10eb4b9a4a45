'use strict';
/**
 * Benchmark (not a test): how long the sandbox takes to seed its full data set and to start,
 * which every test file pays once. Prints the median of a few runs.
 *
 *   node test/bench/sandbox-startup.js [runs=5]
 */
const { startSandbox } = require('../sandbox');
const { generate } = require('../sandbox/seed');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const runs = Number(process.argv[2] || 5);
	const seedMs = [];
	const startMs = [];
	for (let run = 0; run < runs; run++) {
		let started = process.hrtime.bigint();
		generate({ seed: 9, records: 'full' });
		seedMs.push(Number(process.hrtime.bigint() - started) / 1e6);
		started = process.hrtime.bigint();
		const sb = await startSandbox({ seed: 9 });
		startMs.push(Number(process.hrtime.bigint() - started) / 1e6);
		await sb.close();
	}
	console.log(`full seed (55,042 records): median ${median(seedMs).toFixed(0)} ms over ${runs} runs`);
	console.log(`startSandbox (full data, listening): median ${median(startMs).toFixed(0)} ms over ${runs} runs`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
