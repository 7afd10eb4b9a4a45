#!/usr/bin/env node
'use strict';
// npm run sandbox -- [--port 8787] [--hourly-limit N] [--seed N] [--records full|small] [--frozen-clock]
// Serves the SmartConnect sandbox on 127.0.0.1 and prints the URL, credentials and functions.

const { startSandbox } = require('./index');

function parseArgs(argv) {
	const out = { port: 8787, hourlyLimit: 1000, seed: 42, records: 'full', clockRunning: true };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port': out.port = Number(value()); break;
			case '--hourly-limit': out.hourlyLimit = Number(value()); break;
			case '--seed': out.seed = Number(value()); break;
			case '--records': out.records = value(); break;
			case '--now': out.now = value(); break;
			case '--frozen-clock': out.clockRunning = false; break;
			case '-h':
			case '--help':
				process.stdout.write('usage: node test/sandbox/cli.js [--port 8787] [--hourly-limit N] [--seed N] [--records full|small] [--now "YYYY-MM-DD HH:MM:SS"] [--frozen-clock]\n');
				process.exit(0);
				break;
			default:
				process.stderr.write(`unknown option ${a}\n`);
				process.exit(2);
		}
	}
	for (const k of ['port', 'hourlyLimit', 'seed']) {
		if (!Number.isFinite(out[k]) || out[k] < 0) {
			process.stderr.write(`--${k} must be a non-negative number\n`);
			process.exit(2);
		}
	}
	return out;
}

function table(rows, headers) {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
	return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main() {
	process.stdout.on('error', () => {}); // a closed pipe (| head) must not crash the server
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const sb = await startSandbox({ ...args, quiet: false });
	const c = sb.credentials;
	const out = [];
	out.push(`SmartConnect sandbox listening on ${sb.url}  (seed ${args.seed}, ${args.records} data, started in ${Date.now() - started} ms)`);
	out.push(`Endpoints: ${sb.url}/API/1/<report|company|user|sysvar|levelone|leveltwo|levelthree|transactions>/   (also /API/2/)`);
	out.push(`Hourly limit: ${sb.hourly.limit} calls per rolling hour. Clock: ${sb.clock.timestamp()}${args.clockRunning ? ' (running)' : ' (frozen)'}`);
	out.push('');
	out.push('Credentials (n8n credential "SmartSimple API"):');
	out.push(`  Instance URL   ${c.instanceUrl}`);
	out.push(`  Alias          ${c.alias}`);
	out.push(`  Company ID     ${c.companyId}`);
	out.push(`  API User Email ${c.username}`);
	out.push(`  Password       ${c.password}`);
	out.push('');
	out.push(`Functions (${sb.functions.length}):`);
	out.push(table(sb.functions.map((f) => [f.token, f.endpoint, f.action, f.report ? `report: ${f.report}` : f.fieldList || '(none)']), ['token', 'record type', 'action', 'field list']));
	out.push('');
	out.push(`Controls: GET ${sb.url}/__sandbox/calls, POST /__sandbox/clock {"advance":ms}, POST /__sandbox/faults {...}. Ctrl+C stops.`);
	process.stdout.write(out.join('\n') + '\n');

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping the sandbox\n`);
		await sb.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
	process.stderr.write(`sandbox failed to start: ${e.message}\n`);
	process.exit(1);
});
