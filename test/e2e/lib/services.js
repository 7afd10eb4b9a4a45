'use strict';
/**
 * Throwaway Redis and PostgreSQL servers for the queue-mode suite: Debian's packages (installed
 * when missing), started on loopback on free ports with data directories in a temp folder, never
 * the system services. Each server runs in a process group of its own, recorded like n8n's
 * (recordPid, $SMARTSIMPLE_PIDFILE), and stop() ends it and removes its data.
 */
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { freePort, recordPid, stopChild, sleep, tail } = require('../../../scripts/lib/n8n-instance');
const { ensureSystemPackages, postgresBinDir } = require('../../../scripts/lib/system-packages');

function waitForPort(port, child, logFile, timeoutMs = 60000) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const attempt = () => {
			if (child.exitCode !== null || child.signalCode !== null) {
				return reject(new Error(`exited early (${child.exitCode ?? child.signalCode}):\n${tail(readSafe(logFile))}`));
			}
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve();
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() - started > timeoutMs) reject(new Error(`nothing listens on ${port} after ${timeoutMs} ms:\n${tail(readSafe(logFile))}`));
				else setTimeout(attempt, 200);
			});
		};
		attempt();
	});
}

function readSafe(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

/** A detached child (its own process group) whose output goes to logFile. */
function spawnServer(cmd, args, logFile, opts = {}) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], ...opts });
	fs.closeSync(out);
	recordPid(child);
	return child;
}

async function startRedis() {
	ensureSystemPackages(['redis-server']);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartsimple-redis-'));
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const child = spawnServer('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], logFile);
	await waitForPort(port, child, logFile);
	return {
		host: '127.0.0.1',
		port,
		logFile,
		async stop() {
			await stopChild(child);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/**
 * PostgreSQL refuses to run as root: as root, initdb and the server run as Debian's `postgres`
 * user (runuser) on a data directory that user owns; otherwise as the current user.
 */
async function startPostgres({ database = 'n8n', user = 'n8n' } = {}) {
	ensureSystemPackages(['postgresql']);
	const bin = postgresBinDir();
	const asRoot = process.getuid && process.getuid() === 0;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartsimple-postgres-'));
	const data = path.join(dir, 'data');
	fs.mkdirSync(data);
	if (asRoot) {
		const owner = spawnSync('chown', ['-R', 'postgres:postgres', dir], { encoding: 'utf8' });
		if (owner.status !== 0) throw new Error(`chown postgres ${dir}: ${owner.stderr}`);
	}
	const as = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
	const [initCmd, initArgs] = as(path.join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
	const port = await freePort();
	const logFile = path.join(dir, 'postgres.log');
	if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
	// in the foreground (no pg_ctl daemon) so that it stays in the process group we record
	const [cmd, args] = as(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${data}`, '-c', 'fsync=off']);
	const child = spawnServer(cmd, args, logFile);
	await waitForPort(port, child, logFile);
	// the server accepts connections a moment after it listens
	let created;
	for (let i = 0; i < 50; i++) {
		created = spawnSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], { encoding: 'utf8' });
		if (created.status === 0) break;
		await sleep(200);
	}
	if (created.status !== 0) throw new Error(`createdb ${database} failed:\n${created.stderr}\n${tail(readSafe(logFile))}`);
	return {
		host: '127.0.0.1',
		port,
		database,
		user,
		logFile,
		/** psql -At -c SQL, as the database's owner. */
		query(sql) {
			const r = spawnSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-At', '-c', sql], { encoding: 'utf8' });
			if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
			return r.stdout.trim();
		},
		async stop() {
			await stopChild(child, 20000, 'SIGINT'); // SIGINT: PostgreSQL's fast shutdown
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startRedis, startPostgres };
