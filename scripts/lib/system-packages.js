'use strict';
/**
 * The Debian packages the test suites need (headless Chromium for the editor screenshots,
 * redis-server and postgresql for queue mode), installed by the suites themselves when missing,
 * so that `npm install && npm test` passes on a machine where nothing was installed by hand.
 *
 * A package counts as present when its program is found (`command -v`, or PostgreSQL's server
 * binaries, which Debian keeps off PATH in /usr/lib/postgresql/<major>/bin). Missing ones are
 * installed with `apt-get update` + `apt-get install -y` when running as root; otherwise the
 * run stops with the command to type. Debian's package scripts do not start the services they
 * install in containers (policy-rc.d); the suites start their own throwaway servers.
 *
 *   node scripts/lib/system-packages.js chromium redis-server postgresql [--dry-run]
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

function commandPath(name) {
	const r = spawnSync('sh', ['-c', `command -v "${name}"`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

/** The folder holding initdb and pg_ctl: on PATH, or Debian's newest /usr/lib/postgresql/<major>/bin. */
function postgresBinDir() {
	const onPath = commandPath('pg_ctl');
	if (onPath) return path.dirname(fs.realpathSync(onPath));
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const majors = fs
		.readdirSync(root)
		.filter((d) => fs.existsSync(path.join(root, d, 'bin', 'pg_ctl')) && fs.existsSync(path.join(root, d, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : null;
}

/** What each suite asks for: the Debian package and how to tell it is there. Other names are a command and its package. */
const KNOWN = {
	chromium: () => commandPath('chromium'),
	'redis-server': () => commandPath('redis-server'),
	postgresql: () => postgresBinDir(),
};

function locate(pkg) {
	return (KNOWN[pkg] || (() => commandPath(pkg)))();
}

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

function log(msg) {
	process.stderr.write(`[system-packages] ${msg}\n`);
}

function aptGet(args, dryRun) {
	// wait for another apt/dpkg run (a second suite, unattended upgrades) instead of failing on its lock
	const full = ['-o', 'DPkg::Lock::Timeout=600', ...args];
	log(`${dryRun ? 'would run' : '$'} apt-get ${full.join(' ')}`);
	if (dryRun) return;
	const r = spawnSync('apt-get', full, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (r.error) throw new Error(`apt-get could not run: ${r.error.message}`);
	if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with exit code ${r.status}`);
}

/**
 * Installs the packages whose program is missing. Returns { pkg: location } for all of them.
 * Throws, naming the command to run, when something is missing and this is not root.
 */
function ensureSystemPackages(packages, { dryRun = false } = {}) {
	const missing = packages.filter((p) => !locate(p));
	for (const p of packages) if (!missing.includes(p)) log(`${p}: ${locate(p)}`);
	if (missing.length) {
		const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
		if (!commandPath('apt-get')) throw new Error(`missing ${missing.join(', ')}, and this system has no apt-get: install them with its package manager (on Debian: ${command})`);
		if (!isRoot()) throw new Error(`missing ${missing.join(', ')}: the tests install them only when run as root. Install them once as root (sudo ${command.replace(' && ', ' && sudo ')}) and run the tests again.`);
		log(`missing ${missing.join(', ')}: installing (Debian packages)`);
		aptGet(['update', '-qq'], dryRun);
		aptGet(['install', '-y', '-qq', ...missing], dryRun);
		if (dryRun) return Object.fromEntries(packages.map((p) => [p, locate(p)]));
		const still = missing.filter((p) => !locate(p));
		if (still.length) throw new Error(`apt-get installed ${missing.join(', ')}, but ${still.join(', ')} still cannot be found`);
		for (const p of missing) log(`${p}: installed, ${locate(p)}`);
	}
	return Object.fromEntries(packages.map((p) => [p, locate(p)]));
}

module.exports = { ensureSystemPackages, postgresBinDir, commandPath };

if (require.main === module) {
	const args = process.argv.slice(2);
	const dryRun = args.includes('--dry-run');
	const packages = args.filter((a) => a !== '--dry-run');
	try {
		ensureSystemPackages(packages.length ? packages : Object.keys(KNOWN), { dryRun });
	} catch (e) {
		log(e.message);
		process.exit(1);
	}
}
