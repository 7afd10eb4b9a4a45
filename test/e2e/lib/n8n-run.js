'use strict';
/**
 * Helpers both e2e suites (test/e2e/run.js, test/e2e/queue.js) share: packing the package, the
 * sandbox's admin routes, publishing a workflow, and reading n8n's executions over its REST API.
 */
const path = require('path');
const { spawnSync } = require('child_process');
const { REPO, sleep } = require('../../../scripts/lib/n8n-instance');

/** `npm pack` into dest; checks the tarball holds the built node, trigger and credential. */
function pack(dest) {
	const r = spawnSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: REPO, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stdout}\n${r.stderr}`);
	const info = JSON.parse(r.stdout)[0];
	const files = info.files.map((f) => f.path);
	for (const must of ['dist/nodes/SmartSimple/SmartSimple.node.js', 'dist/nodes/SmartSimple/SmartSimpleTrigger.node.js', 'dist/credentials/SmartSimpleApi.credentials.js']) {
		if (!files.includes(must)) throw new Error(`the packed tarball lacks ${must} (is dist/ built?)`);
	}
	return path.join(dest, info.filename);
}

/** The sandbox's /__sandbox/ admin routes (records, clock), as a test drives them from outside. */
async function admin(sb, method, p, body) {
	const r = await fetch(`${sb.url}/__sandbox/${p}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await r.text();
	if (!r.ok) throw new Error(`${method} /__sandbox/${p}: ${r.status} ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : null;
}

/** Activates a workflow from the command line (`update:workflow --active=true` on 1.x). */
async function publish(inst, id) {
	const major = Number(inst.version.split('.')[0]);
	if (major >= 2) return inst.cliOk(['publish:workflow', `--id=${id}`]);
	return inst.cliOk(['update:workflow', `--id=${id}`, '--active=true']);
}

/** Executions of a workflow, newest first (REST API, logged in). */
async function executionsOf(inst, workflowId) {
	const q = encodeURIComponent(JSON.stringify({ workflowId }));
	const res = await inst.rest('GET', `/rest/executions?filter=${q}&limit=50`);
	const d = res.data || res;
	const list = d.results || d;
	return Array.isArray(list) ? list : [];
}

/** Executions that have ended (successfully or not). */
const finished = (list) => list.filter((e) => !['new', 'running', 'waiting'].includes(e.status) && (e.stoppedAt || e.finished));

/** One execution with its run data parsed (n8n stores it flatted). */
async function executionRun(inst, id) {
	const res = await inst.rest('GET', `/rest/executions/${id}`);
	const e = res.data || res;
	const { parse } = require(path.join(inst.install.dir, 'node_modules', 'flatted'));
	const data = typeof e.data === 'string' ? parse(e.data) : e.data;
	return { ...e, data };
}

async function waitFor(what, fn, timeoutMs, everyMs = 1000) {
	const started = Date.now();
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
		await sleep(everyMs);
	}
}

module.exports = { pack, admin, publish, executionsOf, executionRun, finished, waitFor };
