'use strict';
/**
 * `npm run bench`: our node against what n8n itself costs (issue 11). Not a test: it prints
 * figures, never pass/fail on timings (call counts are asserted in jest).
 *
 *   node test/bench/run.js [--runs 5] [--only read-10k-p1000,poll-idle] [--contenders a,b,c,d]
 *                          [--no-docs] [--profile a,b] [--warm-ups 5]
 *
 * Each scenario runs `--runs` times per contender, every time in a fresh process
 * (test/bench/contender.js), contenders taking turns to go first; the figures are the medians.
 * The sandbox runs in its own process (test/bench/sandbox-process.js), seeded the same for every
 * contender: 10,000 level-one records for the 10k reads and the creates (reads first: creates
 * add records), a fresh 10,000 for the polls, 100,000 for the 100k reads.
 *
 * Unless --no-docs: writes docs/benchmarks.svg (the chart) and the table between the markers in
 * docs/benchmarks.md, from this run. Raw figures go to test/bench/results/latest.json.
 * --profile [a,b]: also runs these contenders (default a) once per scenario under `node --cpu-prof`
 * and prints where their CPU went in the measured part (test/bench/profile-summary.js); the
 * profiles land in test/bench/results/profiles/. `--runs 0 --profile` only profiles.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const { SCENARIOS, sandboxRecords } = require('./scenarios');
const { summarise } = require('./profile-summary');
const { chart } = require('./chart');

const ROOT = path.resolve(__dirname, '../..');
const RESULTS = path.join(__dirname, 'results');
const CONTENDERS = {
	a: 'our node',
	b: 'in-n8n floor',
	c: 'bare Node http',
	d: 'HTTP Request + Split Out',
};
/** HTTP Request + Split Out reads; it has no counterpart for our batched creates or the trigger. */
const contendersOf = (scenario) => (scenario.kind === 'read' ? ['a', 'b', 'c', 'd'] : ['a', 'b', 'c']);

function parseArgs(argv) {
	const args = { runs: 5, only: undefined, contenders: 'abcd', docs: true, profile: '', warmUps: 5 };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (flag === '--runs') args.runs = Number(argv[++i]);
		else if (flag === '--only') args.only = argv[++i].split(',');
		else if (flag === '--contenders') args.contenders = argv[++i].replace(/,/g, '');
		else if (flag === '--no-docs') args.docs = false;
		else if (flag === '--warm-ups') args.warmUps = Number(argv[++i]);
		else if (flag === '--profile') args.profile = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i].replace(/,/g, '') : 'a';
		else throw new Error(`unknown option ${flag} (see the comment at the top of test/bench/run.js)`);
	}
	return args;
}

function spawnJson(args, { timeoutMs = 600_000, nodeArgs = [] } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code) => {
			clearTimeout(timer);
			if (code !== 0) return reject(new Error(`${args.join(' ').slice(0, 200)} exited ${code}:\n${err.slice(-3000)}`));
			resolve(JSON.parse(out.trim().split('\n').pop()));
		});
	});
}

/** Starts test/bench/sandbox-process.js; resolves once it printed where it listens. */
function startSandbox(levelone) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(__dirname, 'sandbox-process.js'), JSON.stringify({ levelone })], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', (d) => {
			out += d;
			if (out.includes('\n')) resolve({ ...JSON.parse(out.split('\n')[0]), stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) => reject(new Error(`the bench sandbox exited (${code}) before it listened`)));
	});
}

const median = (values) => {
	const sorted = [...values].sort((x, y) => x - y);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** What test/bench/contender.js is told: polls are measured 20 at a time, reads and creates 3. */
function contenderSpec(contender, scenario, sandbox, warmUps) {
	return {
		contender,
		scenario,
		repeat: scenario.kind === 'poll' ? 20 : 3,
		warmUps,
		sandbox: { url: sandbox.url, credentials: sandbox.credentials, control: sandbox.control },
	};
}

async function runScenario(scenario, sandbox, { runs, contenders, warmUps }) {
	const who = contendersOf(scenario).filter((c) => contenders.includes(c));
	const samples = Object.fromEntries(who.map((c) => [c, []]));
	for (let run = 0; run < runs; run++) {
		// Contenders take turns going first, so that none always meets a cold sandbox.
		const order = who.map((_, i) => who[(i + run) % who.length]);
		for (const contender of order) {
			const spec = contenderSpec(contender, scenario, sandbox, warmUps);
			samples[contender].push(await spawnJson([path.join(__dirname, 'contender.js'), JSON.stringify(spec)]));
			process.stderr.write('.');
		}
	}
	const figures = {};
	for (const [contender, list] of Object.entries(samples)) {
		const wallMs = median(list.map((s) => s.wallMs));
		const calls = [...new Set(list.map((s) => s.calls))];
		const records = [...new Set(list.map((s) => s.records))];
		if (calls.length !== 1 || records.length !== 1 || records[0] !== scenario.expectedRecords) {
			throw new Error(`${scenario.id} ${contender}: calls ${calls}, records ${records} (expected ${scenario.expectedRecords})`);
		}
		figures[contender] = {
			calls: calls[0],
			records: records[0],
			wallMs,
			cpuMs: median(list.map((s) => s.cpuMs)),
			sandboxMs: median(list.map((s) => s.sandboxMs)),
			peakRssMb: median(list.map((s) => s.peakRssMb)),
			recordsPerSecond: records[0] / (wallMs / 1000),
			samples: list.map(({ windows, ...figures }) => figures),
		};
	}
	return figures;
}

async function profileScenario(scenario, sandbox, contender, warmUps) {
	const dir = path.join(RESULTS, 'profiles', `${scenario.id}-${contender}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const spec = contenderSpec(contender, scenario, sandbox, warmUps);
	const { windows } = await spawnJson([path.join(__dirname, 'contender.js'), JSON.stringify(spec)], {
		nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'],
	});
	const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
	return summarise(path.join(dir, file), windows);
}

// ---------------------------------------------------------------- output

const fmt = (value, digits = 0) =>
	value === undefined ? '–' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (x, y) => (x === undefined || y === undefined ? undefined : x / y);
const fmtRatio = (value) => (value === undefined ? '–' : `${value.toFixed(2)}×`);

function tableMarkdown(results) {
	const lines = [
		'| Scenario | Contender | API calls | Wall ms | of which the sandbox answering | CPU ms | Peak RSS MB | Records/s | (a)/(b) wall · CPU · RSS | (a)/(c) wall · CPU | (a)/(d) wall · CPU |',
		'|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
	];
	for (const { scenario, figures } of results) {
		const a = figures.a;
		for (const [contender, f] of Object.entries(figures)) {
			const isA = contender === 'a';
			const vs = (other) =>
				isA && figures[other] ? `${fmtRatio(ratio(a.wallMs, figures[other].wallMs))} · ${fmtRatio(ratio(a.cpuMs, figures[other].cpuMs))}` : '';
			lines.push(
				[
					'',
					contender === Object.keys(figures)[0] ? scenario.label : '',
					`(${contender}) ${CONTENDERS[contender]}`,
					fmt(f.calls),
					fmt(f.wallMs, f.wallMs < 100 ? 1 : 0),
					fmt(f.sandboxMs, f.sandboxMs < 100 ? 1 : 0),
					fmt(f.cpuMs, f.cpuMs < 100 ? 1 : 0),
					fmt(f.peakRssMb),
					scenario.kind === 'poll' ? '–' : fmt(f.recordsPerSecond),
					isA && figures.b ? `${vs('b')} · ${fmtRatio(ratio(a.peakRssMb, figures.b.peakRssMb))}` : '',
					vs('c'),
					vs('d'),
					'',
				].join(' | ').trim(),
			);
		}
	}
	return lines.join('\n');
}

/** The targets, checked against this run's medians. */
function targets(results) {
	const out = [];
	const check = (label, value, limit) =>
		value !== undefined && out.push(`${value <= limit ? 'met   ' : 'MISSED'} ${label}: ${value.toFixed(2)} (target ≤ ${limit})`);
	for (const { scenario, figures } of results) {
		const { a, b, d } = figures;
		if (!a) continue;
		if (scenario.expectedCalls !== undefined) {
			out.push(`${a.calls === scenario.expectedCalls ? 'met   ' : 'MISSED'} ${scenario.label}: ${a.calls} calls (optimum ${scenario.expectedCalls})`);
		}
		if (scenario.kind === 'read') {
			check(`${scenario.label}: CPU (a)/(b)`, ratio(a.cpuMs, b?.cpuMs), 1.1);
			check(`${scenario.label}: wall (a)/(b)`, ratio(a.wallMs, b?.wallMs), 1.05);
			check(`${scenario.label}: peak RSS (a)/(b)`, ratio(a.peakRssMb, b?.peakRssMb), 1.05);
			check(`${scenario.label}: CPU (a)/(d)`, ratio(a.cpuMs, d?.cpuMs), 1);
			check(`${scenario.label}: wall (a)/(d)`, ratio(a.wallMs, d?.wallMs), 1);
		}
		if (scenario.id === 'create-auto') check(`${scenario.label}: CPU (a)/(b)`, ratio(a.cpuMs, b?.cpuMs), 1.3);
		if (scenario.id === 'poll-idle') {
			check(`${scenario.label}: wall (a)/(b) (b: one list call of one record)`, ratio(a.wallMs, b?.wallMs), 1.1);
			// Not a target: the two calls ask different criteria, which the sandbox answers in its own time.
			if (b) {
				const ownWall = (f) => f.wallMs - f.sandboxMs;
				out.push(`info   ${scenario.label}: wall without the sandbox's answer (a)/(b): ${ratio(ownWall(a), ownWall(b)).toFixed(2)} (${ownWall(a).toFixed(1)} ms, ${ownWall(b).toFixed(1)} ms)`);
			}
		}
	}
	return out;
}

function machine() {
	const version = (pkg) => require(`${pkg}/package.json`).version;
	let n8nNodesBase = 'not installed';
	try {
		const { cacheRoot, DEFAULT_N8N_VERSION } = require('../../scripts/lib/n8n-install');
		n8nNodesBase = require(path.join(cacheRoot(), `n8n-${DEFAULT_N8N_VERSION}`, 'node_modules', 'n8n-nodes-base', 'package.json')).version;
	} catch {
		/* (d) will fail and say so */
	}
	let commit = '';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
	} catch {
		/* not a git checkout */
	}
	return {
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
		nproc: os.availableParallelism?.() ?? os.cpus().length,
		load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
		node: process.version,
		n8nCore: version('n8n-core'),
		n8nWorkflow: version('n8n-workflow'),
		n8nNodesBase,
		commit,
	};
}

function replaceBetween(text, name, content) {
	const start = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < 0) return text;
	return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	// Before the run: the commit whose dist/ the contenders load.
	const info = machine();
	const scenarios = SCENARIOS.filter((s) => !args.only || args.only.includes(s.id));
	const results = [];
	const failures = [];
	const profiles = [];
	// The polls get a sandbox of their own: the creates leave thousands of records stamped in one
	// sandbox second (its clock stands still), which every poll's criteria would then scan.
	const sandboxOf = (scenario) => `${sandboxRecords(scenario)} ${scenario.kind === 'poll' ? 'poll' : ''}`;
	const groups = [...new Set(scenarios.map(sandboxOf))];
	for (const group of groups) {
		const inGroup = scenarios.filter((s) => sandboxOf(s) === group);
		const sandbox = await startSandbox(sandboxRecords(inGroup[0]));
		try {
			for (const scenario of inGroup) {
				process.stderr.write(`${scenario.label} `);
				// A scenario that fails is reported and the others still run.
				if (args.runs > 0) {
					try {
						results.push({ scenario, figures: await runScenario(scenario, sandbox, args) });
					} catch (error) {
						failures.push(`${scenario.label}: ${error.message}`);
					}
				}
				process.stderr.write('\n');
				for (const contender of args.profile || []) {
					if (contendersOf(scenario).includes(contender)) {
						profiles.push({ scenario, contender, summary: await profileScenario(scenario, sandbox, contender, args.warmUps) });
					}
				}
			}
		} finally {
			sandbox.stop();
		}
	}
	results.sort((x, y) => scenarios.indexOf(x.scenario) - scenarios.indexOf(y.scenario));

	info.load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
	const header = `${info.nproc} CPUs (nproc; ${info.cpus}), load ${info.load} at the end, Node ${info.node}, n8n-core ${info.n8nCore}, n8n-workflow ${info.n8nWorkflow}, n8n-nodes-base ${info.n8nNodesBase}, commit ${info.commit}, ${info.date}, medians of ${args.runs} runs, ${args.warmUps} warm-ups each`;
	const table = tableMarkdown(results);
	const checks = targets(results);
	console.log(`\n${header}\n\n${table}\n\nTargets (issue 11):\n${checks.join('\n')}`);
	if (failures.length) console.log(`\nFAILED:\n${failures.join('\n')}`);
	for (const { scenario, contender, summary } of profiles) {
		console.log(`\nCPU profile of (${contender}), ${scenario.label}:\n${summary.text}`);
	}

	fs.mkdirSync(RESULTS, { recursive: true });
	fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify({ info, args, results, checks }, null, 2));
	if (args.docs && results.length) {
		const svg = chart(results, { CONTENDERS, subtitle: header });
		fs.writeFileSync(path.join(ROOT, 'docs', 'benchmarks.svg'), svg);
		const docPath = path.join(ROOT, 'docs', 'benchmarks.md');
		if (fs.existsSync(docPath)) {
			let doc = fs.readFileSync(docPath, 'utf8');
			doc = replaceBetween(doc, 'machine', header);
			doc = replaceBetween(doc, 'table', table);
			doc = replaceBetween(doc, 'targets', ['```', ...checks, '```'].join('\n'));
			fs.writeFileSync(docPath, doc);
		}
		console.log('\nwrote docs/benchmarks.svg and the table in docs/benchmarks.md');
	}
	if (failures.length) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
