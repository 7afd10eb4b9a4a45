'use strict';
/**
 * Benchmark (not a test): Return All over 25,000 level-one records at several page sizes, through
 * n8n's real WorkflowExecute against the local sandbox. Prints calls, records, wall time and
 * records/s per page size. Needs dist/ (npm run build).
 *
 *   node test/bench/paging-bench.js [records=25000] [pageSizes=100,1000,10000] [runs=3]
 *
 * Figures are for the in-process sandbox (no network, no real SmartSimple query cost): they show
 * the node's and n8n's own overhead per call and per record, not what an instance will do.
 */
const { runNode } = require('../helpers/n8n');
const { startSandbox } = require('../sandbox');

async function main() {
	const total = Number(process.argv[2] || 25000);
	const pageSizes = String(process.argv[3] || '100,1000,10000').split(',').map(Number);
	const runs = Number(process.argv[4] || 3);
	const sb = await startSandbox({ seed: 42, records: { levelone: total }, hourlyLimit: 1e9 });
	const parameters = (pageSize) => ({
		resource: 'levelOne',
		operation: 'getAll',
		apiToken: 'levelone-list',
		returnAll: true,
		options: { pageSize },
	});
	try {
		// Warm-up: loads n8n-core and the node, JIT.
		await runNode({ parameters: parameters(10000), credentials: sb.credentials });
		const rows = [];
		for (const pageSize of pageSizes) {
			const times = [];
			let calls = 0;
			let records = 0;
			for (let i = 0; i < runs; i++) {
				sb.resetCalls();
				const started = process.hrtime.bigint();
				const { items, error } = await runNode({ parameters: parameters(pageSize), credentials: sb.credentials });
				const ms = Number(process.hrtime.bigint() - started) / 1e6;
				if (error) throw new Error(`page size ${pageSize}: ${error.message}`);
				times.push(ms);
				calls = sb.calls.length;
				records = items.length;
				const ids = items.map((item) => item.json.recordid);
				if (new Set(ids).size !== total || records !== total) throw new Error(`page size ${pageSize}: ${records} records`);
			}
			times.sort((a, b) => a - b);
			const median = times[Math.floor(times.length / 2)];
			rows.push({
				'page size': pageSize,
				calls,
				'expected calls': Math.ceil(total / Math.min(pageSize, 10000)),
				records,
				'wall ms (median)': Math.round(median),
				'wall ms (min..max)': `${Math.round(times[0])}..${Math.round(times[times.length - 1])}`,
				'records/s': Math.round((records / median) * 1000),
				'ms/call': Number((median / calls).toFixed(1)),
			});
		}
		console.log(`Return All over ${total} level-one records, ${runs} runs each (node ${process.version})`);
		console.table(rows);
	} finally {
		await sb.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
