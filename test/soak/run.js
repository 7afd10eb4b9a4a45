#!/usr/bin/env node
'use strict';
/**
 * `npm run soak`: at least 10,000 API calls with 5% faulted (docs/reliability.md, "Soak").
 * Options: --calls=N --seed=N --fault-rate=0.05. Prints the figures as JSON; exits 1 when a
 * promise did not hold (the violations are listed).
 */
const os = require('os');
const { runSoak } = require('./soak');

const arg = (name, fallback) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};

(async () => {
	const report = await runSoak({
		calls: arg('calls', 10000),
		seed: arg('seed', 20260602),
		faultRate: arg('fault-rate', 0.05),
		log: (line) => process.stderr.write(`${line}\n`),
	});
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
	process.stdout.write(`${JSON.stringify({ machine, ...report }, null, 1)}\n`);
	if (report.violations.length) {
		process.stderr.write(`soak: ${report.violations.length} promise(s) broken\n`);
		process.exit(1);
	}
	process.stderr.write('soak: every promise held\n');
	process.exit(0);
})().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
