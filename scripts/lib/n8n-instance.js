'use strict';
/**
 * One isolated n8n: its own user folder, encryption key, sqlite DB and free ports, so runs never
 * see each other (nor a developer's own ~/.n8n). Used by `npm run dev` and by the e2e suite.
 */
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-smartsimple';

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The result JSON of `n8n execute --rawOutput`: it starts at the first line that starts with `{`
 * (log lines come before it) and ends at a line that is exactly `}` (log lines may follow).
 */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	const i = lines.findIndex((l) => l.startsWith('{'));
	if (i < 0) return undefined;
	const ends = [];
	for (let j = lines.length - 1; j >= i; j--) if (lines[j].trimEnd() === '}' || (j === i && lines[j].trimEnd().endsWith('}'))) ends.push(j);
	for (const j of ends.slice(0, 20)) {
		try {
			return JSON.parse(lines.slice(i, j + 1).join('\n'));
		} catch {
			/* try an earlier closing line */
		}
	}
	return undefined;
}

class N8nInstance {
	/**
	 * @param {object} install  result of ensureN8n(): { version, dir, n8nBin, node, env }
	 * @param {object} [opts]   { userFolder, port, encryptionKey, env, logFile, keep }
	 */
	constructor(install, opts = {}) {
		this.install = install;
		this.version = install.version;
		this.userFolder = opts.userFolder || fs.mkdtempSync(path.join(os.tmpdir(), `n8n-smartsimple-${install.version}-`));
		this.ownsUserFolder = !opts.userFolder;
		this.port = opts.port;
		this.brokerPort = opts.brokerPort;
		this.encryptionKey = opts.encryptionKey || crypto.randomBytes(24).toString('hex');
		this.extraEnv = opts.env || {};
		this.logFile = opts.logFile || path.join(this.userFolder, 'n8n.log');
		this.nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		this.server = null;
		this.cookie = null;
		this.children = new Set();
		this.useTemplateDb = opts.useTemplateDb !== undefined ? opts.useTemplateDb : true;
	}

	async init() {
		if (!this.port) this.port = await freePort();
		if (!this.brokerPort) this.brokerPort = await freePort();
		fs.mkdirSync(this.nodesDir, { recursive: true });
		if (this.useTemplateDb) await this.seedDatabase();
		return this;
	}

	/**
	 * A fresh user folder spends ~8 s of CPU on n8n's ~150 database migrations at its first
	 * command. The migrated, still empty database is made once per n8n version (in the install
	 * cache, by `n8n list:workflow` in a throwaway folder) and copied into each new user folder:
	 * the same database a fresh install has, without paying the migrations every run.
	 */
	async seedDatabase() {
		const target = path.join(this.userFolder, '.n8n', 'database.sqlite');
		if (fs.existsSync(target)) return;
		const templateDir = await templateDatabase(this.install);
		for (const f of fs.readdirSync(templateDir)) {
			if (f.startsWith('database.sqlite')) fs.copyFileSync(path.join(templateDir, f), path.join(this.userFolder, '.n8n', f));
		}
		if (!fs.existsSync(target)) throw new Error(`could not seed ${target} from ${templateDir}`);
	}

	get baseUrl() {
		return `http://127.0.0.1:${this.port}`;
	}

	get env() {
		const base = { ...this.install.env };
		// a developer's own n8n settings must not leak in
		for (const k of Object.keys(base)) if (k.startsWith('N8N_') || k.startsWith('DB_')) delete base[k];
		return {
			...base,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			// mcp-registry calls the internet (and logs errors) at boot; older n8n has no such module
			// and refuses unknown names
			...(moduleNames(this.install).includes('mcp-registry') ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info', // `execute --rawOutput` prints nothing at warn/error
			N8N_LOG_OUTPUT: 'console',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			NODE_ENV: 'production',
			// V8 code cache on disk (Node >= 22): every n8n command after the first starts faster
			NODE_COMPILE_CACHE: path.join(this.install.dir, '.compile-cache'),
			// n8n 1.x: avoid its deprecation banners and keep the same behaviour as 2.x
			N8N_RUNNERS_ENABLED: 'true',
			DB_SQLITE_POOL_SIZE: '2',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			// late n8n 1.123.x defaults to the `vm` expression engine, which needs isolated-vm 6 and
			// so Node >= 22; on Node 20 n8n exits at boot unless the legacy engine is chosen
			...(this.needsLegacyExpressionEngine() ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
			...this.extraEnv,
		};
	}

	needsLegacyExpressionEngine() {
		const node = this.install.node && this.install.node.version;
		if (!node || Number(String(node).replace(/^v/, '').split('.')[0]) >= 22) return false;
		return fs.existsSync(path.join(this.install.dir || '', 'node_modules', '@n8n', 'expression-runtime'));
	}

	/** Link the repo like a community install: .n8n/nodes/node_modules/n8n-nodes-smartsimple -> repo. */
	linkPackage(pkgDir = REPO) {
		const nm = path.join(this.nodesDir, 'node_modules');
		fs.mkdirSync(nm, { recursive: true });
		this.writeNodesPackageJson({ [PACKAGE_NAME]: `file:${pkgDir}` });
		const link = path.join(nm, PACKAGE_NAME);
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(pkgDir, link, 'dir');
		return link;
	}

	writeNodesPackageJson(dependencies) {
		fs.writeFileSync(
			path.join(this.nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies }, null, 2) + '\n',
		);
	}

	/**
	 * Install a packed tarball into .n8n/nodes exactly the way n8n 2.x's community package
	 * installer does (CommunityPackagesService.downloadPackage): extract it into
	 * node_modules/<name>, drop dev/peer/optional dependencies from its package.json, run
	 * `npm install` inside it (shallow, no scripts, no lock) and record it in .n8n/nodes/package.json.
	 */
	async installTarball(tgz) {
		const pkgDir = path.join(this.nodesDir, 'node_modules', PACKAGE_NAME);
		fs.rmSync(pkgDir, { recursive: true, force: true });
		fs.mkdirSync(pkgDir, { recursive: true });
		const untar = await this.spawnCapture('tar', ['-xzf', tgz, '-C', pkgDir, '--strip-components=1'], { env: process.env });
		if (untar.code !== 0) throw new Error(`tar -xzf ${tgz} failed: ${untar.stderr}`);
		const pj = path.join(pkgDir, 'package.json');
		const packageJson = JSON.parse(fs.readFileSync(pj, 'utf8'));
		for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete packageJson[key];
		fs.writeFileSync(pj, JSON.stringify(packageJson, null, 2));
		const res = await this.spawnCapture(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'],
			{ cwd: pkgDir, env: this.install.env, timeoutMs: 120000 },
		);
		if (res.code !== 0) throw new Error(`npm install in ${pkgDir} failed:\n${res.stdout}\n${res.stderr}`);
		this.writeNodesPackageJson({ [PACKAGE_NAME]: packageJson.version });
		return pkgDir;
	}

	spawnCapture(cmd, args, { cwd, env, timeoutMs = 120000, input } = {}) {
		return new Promise((resolve, reject) => {
			const started = Date.now();
			const child = spawn(cmd, args, { cwd: cwd || this.userFolder, env: env || this.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
			this.children.add(child);
			recordPid(child);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			if (input) child.stdin.end(input);
			else child.stdin.end();
			const timer = setTimeout(() => {
				stderr += `\n[timeout after ${timeoutMs} ms: killed]`;
				killGroup(child, 'SIGKILL');
			}, timeoutMs);
			child.on('error', (e) => {
				clearTimeout(timer);
				this.children.delete(child);
				reject(e);
			});
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				this.children.delete(child);
				fs.appendFileSync(this.logFile, `\n$ ${cmd} ${args.join(' ')}\n${stdout}\n${stderr}\n`);
				resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
			});
		});
	}

	/** Run an n8n CLI command (`import:workflow`, `execute`, ...). */
	cli(args, opts = {}) {
		return this.spawnCapture(this.install.node.nodeBin, [this.install.n8nBin, ...args], opts);
	}

	async cliOk(args, opts) {
		const res = await this.cli(args, opts);
		if (res.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited ${res.code}:\n${tail(res.stdout)}\n${tail(res.stderr)}`);
		}
		return res;
	}

	/** Credentials: [{ id, name, type, data }] with plain data (n8n encrypts on import). */
	async importCredentials(creds) {
		const file = path.join(this.userFolder, `credentials-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(creds.map((c) => ({ isManaged: false, ...c })), null, 2));
		return this.cliOk(['import:credentials', `--input=${file}`]);
	}

	/** Workflows: array of workflow objects, each with an `id` (<= 21 chars). */
	async importWorkflows(workflows) {
		const dir = fs.mkdtempSync(path.join(this.userFolder, 'wf-'));
		for (const wf of workflows) {
			if (!wf.id || wf.id.length > 21) throw new Error(`workflow "${wf.name}" needs an id of at most 21 characters`);
			fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
		}
		return this.cliOk(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** `n8n execute --id=X --rawOutput`: { code, result (parsed JSON), stdout, stderr, ms }. */
	async execute(id, opts = {}) {
		const res = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs: 90000, ...opts });
		return { ...res, result: parseRawOutput(res.stdout) };
	}

	/** `n8n start`; resolves once /healthz/readiness answers. */
	async start({ timeoutMs = 90000, env = {} } = {}) {
		if (this.server) return this.server;
		const started = Date.now();
		this.server = await this.spawnService('start', [], `${this.baseUrl}/healthz/readiness`, { timeoutMs, env });
		this.startMs = Date.now() - started;
		return this.server;
	}

	/**
	 * `n8n worker` (queue mode; the caller's env has EXECUTIONS_MODE=queue, the database and
	 * Redis); resolves once the worker's own /healthz/readiness (on this instance's port) answers.
	 */
	async startWorker({ timeoutMs = 90000, env = {}, concurrency = 5 } = {}) {
		if (this.server) return this.server;
		const workerEnv = { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1', ...env };
		this.server = await this.spawnService('worker', [`--concurrency=${concurrency}`], `${this.baseUrl}/healthz/readiness`, { timeoutMs, env: workerEnv });
		return this.server;
	}

	/** A long-running n8n command in a process group of its own, logging to logFile; resolves when readyUrl answers. */
	async spawnService(command, args, readyUrl, { timeoutMs, env }) {
		const out = fs.openSync(this.logFile, 'a');
		const child = spawn(this.install.node.nodeBin, [this.install.n8nBin, command, ...args], {
			cwd: this.userFolder,
			env: { ...this.env, ...env },
			detached: true,
			stdio: ['ignore', out, out],
		});
		fs.closeSync(out);
		this.children.add(child);
		recordPid(child);
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			this.children.delete(child);
			if (this.server === child) this.server = null;
		});
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			if (exited) throw new Error(`n8n ${command} exited early (${JSON.stringify(exited)}); log: ${this.logFile}\n${tail(readSafe(this.logFile), 3000)}`);
			try {
				const r = await fetch(readyUrl);
				if (r.ok) return child;
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		throw new Error(`n8n ${command} did not become ready within ${timeoutMs} ms; log: ${this.logFile}\n${tail(readSafe(this.logFile), 3000)}`);
	}

	async stopServer() {
		const child = this.server;
		if (!child) return;
		this.server = null;
		await stopChild(child);
		this.children.delete(child);
	}

	/** Sets up the owner account (fresh instance) and keeps the session cookie. */
	async setupOwner(owner) {
		const body = {
			email: owner.email,
			firstName: owner.firstName || 'Dev',
			lastName: owner.lastName || 'Owner',
			password: owner.password,
		};
		// n8n 1.x answers /healthz/readiness a moment before its REST routes exist: retry a 404
		let r;
		let text;
		for (let attempt = 0; ; attempt++) {
			r = await fetch(`${this.baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': 'e2e' },
				body: JSON.stringify(body),
			});
			text = await r.text();
			if (r.status !== 404 || attempt >= 60) break;
			await sleep(250);
		}
		if (!r.ok) throw new Error(`POST /rest/owner/setup: ${r.status} ${text.slice(0, 500)}`);
		this.owner = owner;
		const cookie = cookieFrom(r);
		if (cookie) this.cookie = cookie;
		else await this.login(owner);
		return JSON.parse(text);
	}

	async login(owner = this.owner) {
		const r = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'e2e' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
		});
		const text = await r.text();
		if (!r.ok) throw new Error(`POST /rest/login: ${r.status} ${text.slice(0, 500)}`);
		this.cookie = cookieFrom(r);
		return JSON.parse(text);
	}

	async rest(method, urlPath, body) {
		const r = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': 'e2e',
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await r.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!r.ok) {
			const e = new Error(`${method} ${urlPath}: ${r.status} ${text.slice(0, 500)}`);
			e.status = r.status;
			throw e;
		}
		return json === undefined ? text : json;
	}

	/** Every process this instance started is stopped; the temp user folder is removed unless kept. */
	async close({ keep = false } = {}) {
		await this.stopServer();
		await Promise.all([...this.children].map((c) => stopChild(c)));
		this.children.clear();
		if (this.ownsUserFolder && !keep) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

const moduleNameCache = new Map();

/** The backend module names this n8n version knows (N8N_DISABLED_MODULES refuses others). */
function moduleNames(install) {
	if (!moduleNameCache.has(install.dir)) {
		let names = [];
		try {
			const file = path.join(install.dir, 'node_modules', '@n8n', 'backend-common', 'dist', 'modules', 'modules.config.js');
			const m = /MODULE_NAMES\s*=\s*\[([^\]]*)\]/.exec(fs.readFileSync(file, 'utf8'));
			if (m) names = [...m[1].matchAll(/'([^']+)'|"([^"]+)"/g)].map((x) => x[1] || x[2]);
		} catch {
			/* no module system in this version */
		}
		moduleNameCache.set(install.dir, names);
	}
	return moduleNameCache.get(install.dir);
}

const templates = new Map();

/** The folder holding the migrated empty database of this n8n install (made once, atomically). */
function templateDatabase(install) {
	const templateDir = path.join(install.dir, 'template-db');
	if (fs.existsSync(path.join(templateDir, '.complete'))) return Promise.resolve(templateDir);
	if (!templates.has(templateDir)) {
		templates.set(
			templateDir,
			(async () => {
				const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-template-'));
				const maker = new N8nInstance(install, { userFolder: tmp, useTemplateDb: false });
				await maker.init();
				await maker.cliOk(['list:workflow']);
				await maker.close();
				const staging = `${templateDir}.tmp-${process.pid}`;
				fs.rmSync(staging, { recursive: true, force: true });
				fs.mkdirSync(staging, { recursive: true });
				for (const f of fs.readdirSync(path.join(tmp, '.n8n'))) {
					if (f.startsWith('database.sqlite')) fs.copyFileSync(path.join(tmp, '.n8n', f), path.join(staging, f));
				}
				fs.writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
				fs.rmSync(tmp, { recursive: true, force: true });
				try {
					fs.renameSync(staging, templateDir);
				} catch {
					fs.rmSync(staging, { recursive: true, force: true }); // another process made it first
				}
				return templateDir;
			})(),
		);
	}
	return templates.get(templateDir);
}

function cookieFrom(res) {
	const all = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')].filter(Boolean);
	const auth = all.map((c) => c.split(';')[0]).filter((c) => c.startsWith('n8n-auth='));
	return auth.length ? auth.join('; ') : null;
}

/**
 * Children run in process groups of their own (so a stop reaches n8n's task runners too). When
 * SMARTSIMPLE_PIDFILE is set (.ci/run sets it), each group's id is appended there, so that the
 * caller can stop exactly these groups even if this process dies without cleaning up.
 */
const liveGroups = new Set();

/** Stops (SIGKILL) every process group this process started and that may still run. Synchronous. */
function killAllGroupsSync() {
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
	liveGroups.clear();
}

function recordPid(child) {
	if (child.pid) {
		liveGroups.add(child.pid);
		child.once('exit', () => setTimeout(() => liveGroups.delete(child.pid), 15000).unref());
	}
	const file = process.env.SMARTSIMPLE_PIDFILE;
	if (file && child.pid) {
		try {
			fs.appendFileSync(file, `${child.pid}\n`);
		} catch {
			/* best effort */
		}
	}
}

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal); // the process group of a child we spawned detached
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** Signals the child's process group (SIGTERM by default), SIGKILL after graceMs. */
function stopChild(child, graceMs = 10000, signal = 'SIGTERM') {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) {
			killGroup(child, 'SIGKILL'); // leftovers of its group (task runners)
			return resolve();
		}
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			killGroup(child, 'SIGKILL');
			resolve();
		});
		killGroup(child, signal);
	});
}

function readSafe(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function tail(text, n = 2000) {
	return text.length > n ? `...${text.slice(-n)}` : text;
}

module.exports = { killAllGroupsSync, recordPid, N8nInstance, freePort, portIsFree, parseRawOutput, stopChild, killGroup, sleep, REPO, PACKAGE_NAME, tail };
