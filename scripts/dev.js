#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: real n8n with this package loaded the way a community install loads it,
 * talking to the SmartConnect sandbox, with credentials and the example workflows imported and
 * the owner account set up. Ctrl-C stops everything it started.
 *
 * Options:
 *   --fresh            start from an empty n8n user folder (drops workflows made in earlier runs)
 *   --no-build         skip `npm run build`
 *   --port N           n8n port (default 5678)     --sandbox-port N  (default 8787)
 *   --version X        n8n version from the cache (default 2.41.1)
 * Environment: N8N_SMARTSIMPLE_CACHE (cache folder), XDG_CACHE_HOME.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');
const { ensureN8n, cacheRoot, DEFAULT_N8N_VERSION } = require('./lib/n8n-install');
const { N8nInstance, portIsFree, REPO } = require('./lib/n8n-instance');
const { startSandboxProcess } = require('./lib/sandbox-proc');
const { loadExamples, withCredential, sandboxCredential } = require('./lib/examples');

const CREDENTIAL = { id: 'ssSandboxDevCred', name: 'SmartSimple sandbox' };

function parseArgs(argv) {
	const o = { fresh: false, build: true, port: 5678, sandboxPort: 8787, version: DEFAULT_N8N_VERSION };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--fresh') o.fresh = true;
		else if (a === '--no-build') o.build = false;
		else if (a === '--port') o.port = Number(argv[++i]);
		else if (a === '--sandbox-port') o.sandboxPort = Number(argv[++i]);
		else if (a === '--version') o.version = argv[++i];
		else if (a === '--help' || a === '-h') {
			console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
			process.exit(0);
		} else throw new Error(`unknown option ${a}`);
	}
	return o;
}

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (m) => console.log(`[dev ${secs()}] ${m}`);

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const cleanup = [];
	let stopping = false;
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		say('stopping...');
		for (const fn of cleanup.reverse()) {
			try {
				await fn();
			} catch (e) {
				console.error(e.message);
			}
		}
		say('stopped everything this script started');
		process.exit(code);
	};
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));
	process.on('SIGHUP', () => stopAll(0));

	try {
		if (opts.build) {
			say('npm run build');
			const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
			if (r.status !== 0) throw new Error('npm run build failed');
		}
		if (!fs.existsSync(path.join(REPO, 'dist'))) throw new Error('dist/ is missing: run `npm run build`');

		for (const [what, port] of [['n8n', opts.port], ['sandbox', opts.sandboxPort]]) {
			if (!(await portIsFree(port))) throw new Error(`port ${port} (${what}) is in use: stop what runs there or pass --${what === 'n8n' ? 'port' : 'sandbox-port'} N`);
		}

		say(`n8n ${opts.version} from the cache in ${cacheRoot()} (installs once, takes minutes the first time)`);
		const install = await ensureN8n(opts.version);
		say(`n8n ${opts.version} ready (Node ${install.node.version})`);

		const devDir = path.join(cacheRoot(), `dev-${opts.version}`);
		if (opts.fresh) fs.rmSync(devDir, { recursive: true, force: true });
		fs.mkdirSync(devDir, { recursive: true });
		const stateFile = path.join(devDir, 'dev-state.json');
		let state = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : null;
		if (!state) {
			state = {
				encryptionKey: crypto.randomBytes(24).toString('hex'),
				email: 'dev@example.com',
				password: `Dev-${crypto.randomBytes(6).toString('hex')}-1A`,
			};
			fs.writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
		}

		say(`sandbox on port ${opts.sandboxPort}`);
		const sandbox = await startSandboxProcess({ port: opts.sandboxPort, logFile: path.join(devDir, 'sandbox.log') });
		cleanup.push(() => sandbox.stop());

		const n8n = await new N8nInstance(install, {
			userFolder: path.join(devDir, 'user'),
			port: opts.port,
			encryptionKey: state.encryptionKey,
			logFile: path.join(devDir, 'n8n.log'),
			env: { N8N_DEV_RELOAD: 'true' },
		}).init();
		cleanup.push(() => n8n.close({ keep: true }));
		n8n.linkPackage(REPO);

		say('importing the sandbox credential and the example workflows');
		await n8n.importCredentials([sandboxCredential(CREDENTIAL.id, CREDENTIAL.name, sandbox.credentials)]);
		const examples = loadExamples().map(({ workflow }) => withCredential(workflow, CREDENTIAL));
		await n8n.importWorkflows(examples);

		say(`starting n8n on ${n8n.baseUrl} (log: ${n8n.logFile})`);
		await n8n.start();
		const settings = await n8n.rest('GET', '/rest/settings');
		const needsSetup = (settings.data || settings).userManagement?.showSetupOnFirstLoad;
		if (needsSetup) await n8n.setupOwner({ email: state.email, password: state.password, firstName: 'Dev', lastName: 'Owner' });
		else await n8n.login({ email: state.email, password: state.password });

		const types = await n8n.rest('GET', '/types/nodes.json');
		const ours = types.filter((t) => t.name.startsWith('n8n-nodes-smartsimple.')).map((t) => t.name);
		console.log(`
  n8n ${opts.version} is ready (started in ${secs()}):  ${n8n.baseUrl}
    login:     ${state.email}
    password:  ${state.password}
  SmartSimple nodes loaded: ${ours.length ? ours.join(', ') : 'NONE (is dist/ built?)'}
  Sandbox (SmartConnect simulator): ${sandbox.url}   credential "${CREDENTIAL.name}" points at it
  Example workflows: ${examples.map((w) => `"${w.name}"`).join(', ')}
  Rebuild (npm run build, or npx tsc --watch) and n8n reloads the package.
  Ctrl-C stops n8n and the sandbox.   user folder: ${n8n.userFolder}
`);
		// stay alive until Ctrl-C; if n8n or the sandbox dies, stop the rest
		n8n.server.on('exit', (code) => {
			if (!stopping) {
				console.error(`n8n exited (${code}); see ${n8n.logFile}`);
				stopAll(1);
			}
		});
		sandbox.child.on('exit', (code) => {
			if (!stopping) {
				console.error(`sandbox exited (${code})`);
				stopAll(1);
			}
		});
	} catch (e) {
		console.error(`\n[dev] FAILED: ${e.message}\n`);
		await stopAll(1);
	}
}

main();
