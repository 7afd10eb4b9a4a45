'use strict';
/**
 * Runs the SmartConnect sandbox (test/sandbox/cli.js) as a child process and talks to its
 * `/__sandbox/` admin API. The credentials come from the sandbox itself.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { REPO, stopChild, sleep, tail, recordPid } = require('./n8n-instance');

const CLI = path.join(REPO, 'test', 'sandbox', 'cli.js');

async function startSandboxProcess({ port = 8787, args = [], logFile, timeoutMs = 20000 } = {}) {
	if (!fs.existsSync(CLI)) throw new Error(`The sandbox is missing: ${path.relative(REPO, CLI)} does not exist yet`);
	const child = spawn(process.execPath, [CLI, '--port', String(port), ...args], {
		cwd: REPO,
		env: { ...process.env },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	recordPid(child);
	let output = '';
	const onData = (d) => {
		output += d;
		if (logFile) fs.appendFileSync(logFile, d);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));

	const started = Date.now();
	let url = null;
	while (Date.now() - started < timeoutMs) {
		if (exited) throw new Error(`sandbox exited early (${JSON.stringify(exited)}):\n${tail(output)}`);
		url = url || findUrl(output, port);
		if (url) {
			try {
				const r = await fetch(`${url}/__sandbox/health`);
				if (r.ok) break;
			} catch {
				/* not yet listening */
			}
		}
		await sleep(100);
	}
	if (!url) throw new Error(`sandbox did not start within ${timeoutMs} ms:\n${tail(output)}`);
	const credentials = await readCredentials(url, () => output);
	return {
		url,
		credentials,
		child,
		output: () => output,
		admin: (method, p, body) => adminCall(url, method, p, body),
		stop: () => stopChild(child, 3000),
	};
}

function findUrl(output, port) {
	const m = output.match(/https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)/);
	if (m) return `http://127.0.0.1:${m[1]}`;
	if (port && Number(port) !== 0 && output.length > 0) return `http://127.0.0.1:${port}`;
	return null;
}

/** Credentials from `GET /__sandbox/info`, else from a JSON object the CLI printed. */
async function readCredentials(url, getOutput) {
	try {
		const r = await fetch(`${url}/__sandbox/info`);
		if (r.ok) {
			const info = await r.json();
			const c = info && (info.credentials || info);
			if (c && c.username) return normalise(c, url);
		}
	} catch {
		/* fall through */
	}
	for (const line of getOutput().split('\n')) {
		const i = line.indexOf('{');
		if (i < 0) continue;
		try {
			const obj = JSON.parse(line.slice(i));
			const c = obj.credentials || obj;
			if (c.username && c.password) return normalise(c, url);
		} catch {
			/* not JSON */
		}
	}
	throw new Error(`could not read the sandbox credentials (GET /__sandbox/info, or a JSON line on its output):\n${tail(getOutput())}`);
}

function normalise(c, url) {
	return {
		instanceUrl: c.instanceUrl || url,
		alias: c.alias,
		companyId: String(c.companyId ?? c.companyid),
		username: c.username,
		password: c.password,
	};
}

async function adminCall(url, method, p, body) {
	const r = await fetch(`${url}/__sandbox/${p.replace(/^\//, '')}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await r.text();
	if (!r.ok) throw new Error(`${method} /__sandbox/${p}: ${r.status} ${text.slice(0, 300)}`);
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

module.exports = { startSandboxProcess, adminCall, CLI };
