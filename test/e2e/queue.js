#!/usr/bin/env node
'use strict';
/**
 * Queue mode for real (`npm run test:e2e:queue`, see docs/e2e.md): Redis and PostgreSQL (Debian's
 * packages, installed when missing, run on loopback with throwaway data), n8n 2.41.1 as one main
 * (`EXECUTIONS_MODE=queue`, `DB_TYPE=postgresdb`) and two `n8n worker`s, each with this package
 * installed from the packed tarball into its own user folder, the way a community install is,
 * and the same encryption key. Checks:
 *   - workflows with the SmartSimple node (started by production webhooks on main) run on the
 *     workers, each worker runs some (its log names the execution), and return the sandbox's
 *     records; a batched create and a Return All complete with the exact call counts;
 *   - the trigger, active on main, fires once for each change made in the sandbox; main is
 *     stopped and restarted between two batches of changes: its cursor (static data) is in
 *     Postgres, nothing is lost, nothing fires twice; every poll's execution ran on exactly one
 *     worker, once.
 * Prints `queue: N passed, N failed` last; exits 1 on any failure.
 *
 * Options: --keep (keep user folders and logs)   Env: N8N_SMARTSIMPLE_CACHE.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const assert = require('assert/strict');

const { ensureN8n, DEFAULT_N8N_VERSION } = require('../../scripts/lib/n8n-install');
const { N8nInstance, PACKAGE_NAME, killAllGroupsSync } = require('../../scripts/lib/n8n-instance');
const { loadExamples, withCredential, sandboxCredential } = require('../../scripts/lib/examples');
const { ensureSystemPackages } = require('../../scripts/lib/system-packages');
const { Reporter } = require('./lib/reporter');
const { pack, admin, executionsOf, executionRun, finished, waitFor } = require('./lib/n8n-run');
const { startRedis, startPostgres } = require('./lib/services');
const { jsonOf } = require('./lib/workflows');

const rep = new Reporter('queue');
const P = `n8n ${DEFAULT_N8N_VERSION} queue mode`;
const WORKERS = 2;
const CREATE_COUNT = 250; // at the default Batch Size of 100: 3 calls
const TRIGGER_TOKEN = 'levelone-list-modified';
// generous: n8n's first start runs ~150 migrations, and a shared 2-core machine may be busy
const START_TIMEOUT_MS = 300000;
const PAGE_SIZE = 50; // Return All of the 120 small-data level 1 records: 3 pages

let uuid = 0;
const nodeId = () => `10000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`;

function webhookNode(name, webhookPath) {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: nodeId(),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
}

function smartSimpleNode(name, parameters, cred, position) {
	return { id: nodeId(), name, type: `${PACKAGE_NAME}.smartSimple`, typeVersion: 1, position, parameters, credentials: { smartSimpleApi: cred } };
}

function linear(id, name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** Webhook -> Get Many of every level 1 record (Return All). */
function listWorkflow(cred) {
	return linear('ssQueueList', 'Queue: all level 1 records', [
		webhookNode('Webhook', 'ss-queue-list'),
		smartSimpleNode('Get all applications', { resource: 'levelOne', operation: 'getAll', apiToken: 'levelone-list', returnAll: true, options: { pageSize: PAGE_SIZE } }, cred, [220, 0]),
	]);
}

const CONTACT_FIELDS = 'sf_First Name;;sf_Last Name;;sf_Email;;sf_Phone;;sf_Title;;sf_Company ID;;sf_City;;sf_Country;;cf_Preferred Language';

/** Webhook -> a Code node making CREATE_COUNT contacts -> Create (batched, default Batch Size). */
function createWorkflow(cred) {
	const code = `return Array.from({ length: ${CREATE_COUNT} }, (_, i) => ({ json: { 'sf_First Name': 'Queue', 'sf_Last Name': 'Contact ' + (i + 1), 'sf_Email': 'queue.' + (i + 1) + '@example.org', 'sf_Phone': '555-0100', 'sf_Title': 'Reviewer', 'sf_Company ID': '', 'sf_City': 'Oslo', 'sf_Country': 'Norway', 'cf_Preferred Language': '1' } }));`;
	return linear('ssQueueCreate', 'Queue: create contacts in batches', [
		webhookNode('Webhook', 'ss-queue-create'),
		{ id: nodeId(), name: 'Contacts', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: code } },
		smartSimpleNode(
			'Create contacts',
			{ resource: 'user', operation: 'create', apiToken: 'user-update', columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] }, fieldList: CONTACT_FIELDS },
			cred,
			[440, 0],
		),
	]);
}

async function callWebhook(main, webhookPath) {
	const r = await fetch(`${main.baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	const text = await r.text();
	if (!r.ok) throw new Error(`POST /webhook/${webhookPath}: ${r.status} ${text.slice(0, 500)}`);
	return JSON.parse(text);
}

/** Execution id -> the workers whose log says they started it (`Worker started execution N`), counted. */
function executionsByWorker(workers) {
	const ran = new Map();
	workers.forEach((w, i) => {
		const log = fs.existsSync(w.logFile) ? fs.readFileSync(w.logFile, 'utf8') : '';
		for (const m of log.matchAll(/Worker started execution (\d+)/g)) {
			if (!ran.has(m[1])) ran.set(m[1], []);
			ran.get(m[1]).push(`worker ${i + 1}`);
		}
	});
	return ran;
}

const callsWith = (sb, token) => sb.calls.filter((c) => c.token === token).length;

async function run(opts) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smartsimple-queue-'));
	const stops = [];
	try {
		const present = await rep.check('', 'redis-server and postgresql are there (Debian packages, installed when missing)', () => ensureSystemPackages(['redis-server', 'postgresql']));
		const tgz = await rep.check('', 'npm pack makes a tarball with the built node, trigger and credential', () => pack(work));
		const install = await rep.check(P, `n8n ${DEFAULT_N8N_VERSION} is installed (cache)`, () => ensureN8n(DEFAULT_N8N_VERSION));
		if (!present || !tgz || !install) return;

		const { startSandbox } = require('../sandbox');
		const sb = await startSandbox({ port: 0, seed: 11, records: 'small', clockRunning: true, hourlyLimit: 100000 });
		stops.push(() => sb.close());
		const services = await rep.check(P, 'Redis and PostgreSQL start on loopback with throwaway data directories', async () => {
			const [redis, pg] = await Promise.all([startRedis(), startPostgres()]);
			stops.push(() => redis.stop(), () => pg.stop());
			return { redis, pg, detail: `redis :${redis.port}, postgres :${pg.port}` };
		});
		if (!services) return;
		const { redis, pg } = services;

		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pg.host,
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: pg.database,
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
		};
		const encryptionKey = crypto.randomBytes(24).toString('hex');
		const make = () => new N8nInstance(install, { encryptionKey, env: queueEnv, useTemplateDb: false }).init();
		const main = await make();
		const workers = [];
		for (let i = 0; i < WORKERS; i++) workers.push(await make());
		stops.push(...[main, ...workers].map((inst) => () => inst.close({ keep: opts.keep })));
		if (opts.keep) rep.log(P, `user folders: main ${main.userFolder}, workers ${workers.map((w) => w.userFolder).join(', ')}`);

		const installed = await rep.check(P, `the packed tarball installs into the user folder of main and of each of the ${WORKERS} workers (community install)`, async () => {
			await Promise.all([main, ...workers].map((inst) => inst.installTarball(tgz)));
		});
		if (!installed && rep.results[rep.results.length - 1].ok === false) return;

		const cred = sandboxCredential('ssQueueSandboxCred', 'SmartSimple sandbox', sb.credentials);
		const owner = { email: 'queue@example.com', password: `Queue-${Date.now().toString(36)}-Pw1`, firstName: 'Queue', lastName: 'Owner' };
		const started = await rep.check(P, `main (n8n start) and ${WORKERS} workers (n8n worker) start on one Postgres database and one Redis`, async () => {
			await main.start({ timeoutMs: START_TIMEOUT_MS }); // migrates the empty database first
			await main.setupOwner(owner);
			await Promise.all(workers.map((w) => w.startWorker({ timeoutMs: START_TIMEOUT_MS })));
			return `main :${main.port}, workers :${workers.map((w) => w.port).join(', :')}`;
		});
		if (!started) return;

		// Made and activated in the running main, as in the editor (the REST API it uses)
		const made = await rep.check(P, 'the credential and three workflows are created and activated on main (REST API, as the editor does)', async () => {
			const { id, name } = (await main.rest('POST', '/rest/credentials', { name: cred.name, type: cred.type, data: cred.data })).data;
			const ref = { id, name };
			const example = withCredential(loadExamples().find(({ workflow }) => workflow.id === 'ssExampleTrigger').workflow, ref);
			const wfs = {};
			for (const [key, wf] of Object.entries({ list: listWorkflow(ref), create: createWorkflow(ref), trigger: example })) {
				const { id: wfId, versionId } = (await main.rest('POST', '/rest/workflows', { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings })).data;
				await main.rest('POST', `/rest/workflows/${wfId}/activate`, { versionId });
				wfs[key] = { ...wf, id: wfId };
			}
			return wfs;
		});
		if (!made) return;
		const { list, create, trigger } = made;
		const triggerNode = trigger.nodes.find((n) => n.type === `${PACKAGE_NAME}.smartSimpleTrigger`);

		// The trigger's activation poll (inside `n8n start`) takes what exists as history; its cursor is saved
		const baseline = await rep.check(P, "trigger: its activation poll ran on main and its cursor (the workflow's static data) is in Postgres", async () => {
			const staticData = await waitFor(
				'static data of the trigger workflow in Postgres',
				() => {
					const v = pg.query(`select "staticData" from workflow_entity where id = '${trigger.id}'`);
					return v && v !== '{}' ? v : null;
				},
				30000,
			);
			assert.ok(callsWith(sb, TRIGGER_TOKEN) >= 1, 'the trigger made no call to SmartSimple');
			assert.deepEqual(finished(await executionsOf(main, trigger.id)), [], 'the activation poll fired on existing records');
			return staticData.length > 160 ? `${staticData.slice(0, 160)}...` : staticData;
		});

		// Workflows run on the workers: started by production webhooks on main, run from the queue
		const jobs = await rep.check(P, 'workflows with the SmartSimple node run on the workers (4 webhook calls at once) and return the sandbox\'s records', async () => {
			sb.resetCalls();
			const before = sb.store.list('user').length;
			const [lists, created] = await Promise.all([Promise.all([1, 2, 3].map(() => callWebhook(main, 'ss-queue-list'))), callWebhook(main, 'ss-queue-create')]);
			const expected = sb.store.list('levelone').map((r) => String(r.recordid)).sort();
			for (const items of lists) assert.deepEqual(items.map((i) => String(i.recordid)).sort(), expected, 'Return All did not return every level 1 record');
			assert.equal(created.length, CREATE_COUNT, `the create answered ${created.length} items`);
			for (const c of created) assert.ok(sb.store.get('user', c.recordid), `created contact ${c.recordid} is not in SmartSimple`);
			assert.equal(sb.store.list('user').length, before + CREATE_COUNT);
			return { calls: sb.calls.slice(), expectedCount: expected.length };
		});

		await rep.check(P, `a batched create (${CREATE_COUNT} items at 100 a call) and Return All (ceil(records / page size) calls) complete with exact call counts`, async () => {
			assert.ok(jobs, 'the workflows did not run');
			const creates = jobs.calls.filter((c) => c.token === 'user-update');
			assert.equal(creates.length, Math.ceil(CREATE_COUNT / 100), `the create made ${creates.length} calls`);
			const lists = jobs.calls.filter((c) => c.token === 'levelone-list');
			const perRun = Math.ceil(jobs.expectedCount / PAGE_SIZE);
			assert.equal(lists.length, 3 * perRun, `3 Return All runs made ${lists.length} list calls, not 3 x ${perRun}`);
			return `${creates.length} create calls; ${perRun} calls per Return All of ${jobs.expectedCount} records at ${PAGE_SIZE} a page`;
		});

		await rep.check(P, 'each execution ran on one worker, once, and every worker ran some (the package loads on each)', async () => {
			const ids = [];
			for (const wf of [list, create]) ids.push(...finished(await executionsOf(main, wf.id)).map((e) => String(e.id)));
			assert.equal(ids.length, 4, `expected 4 executions, n8n lists ${ids.length}`);
			const ran = executionsByWorker(workers);
			const where = ids.map((id) => `${id}: ${(ran.get(id) || ['main?']).join(' and ')}`);
			for (const id of ids) assert.equal((ran.get(id) || []).length, 1, `execution ${id} ran on ${(ran.get(id) || []).length} workers (${where.join('; ')})`);
			for (let i = 1; i <= WORKERS; i++) assert.ok(where.some((w) => w.endsWith(`worker ${i}`)), `worker ${i} ran none of them (${where.join('; ')})`);
			const mainLog = fs.readFileSync(main.logFile, 'utf8');
			assert.doesNotMatch(mainLog, /Worker started execution/, 'main ran an execution itself');
			return `executions ${where.join(', ')} (worker pids ${workers.map((w) => w.server && w.server.pid).join(', ')})`;
		});

		// The trigger: two batches of changes, main stopped and restarted between them
		const editBatch = async (records, label) => {
			await admin(sb, 'POST', 'clock', { advance: 60000 });
			const changed = [];
			for (const r of records) changed.push(await admin(sb, 'POST', 'records/levelone', { recordid: r.recordid, fields: { sf_Name: `Queue ${label} change of ${r.recordid}` } }));
			return changed.map((c) => ({ recordid: String(c.recordid), name: c.sf_Name }));
		};
		const triggerItems = async (executionId) => jsonOf((await executionRun(main, executionId)).data, triggerNode.name).map((j) => ({ recordid: String(j.recordid), name: j.sf_Name }));
		const byId = (a, b) => a.recordid.localeCompare(b.recordid);
		const levelOne = sb.store.list('levelone');
		const [a, b, c, d, e] = levelOne.slice(10, 15);

		const first = await rep.check(P, 'trigger (active on main): a batch of 3 changes fires once, in the next scheduled poll, on a worker', async () => {
			assert.ok(baseline, 'the trigger has no cursor');
			const changes = await editBatch([a, b, c], 'first');
			const execs = await waitFor('the execution of the next scheduled poll', async () => {
				const l = finished(await executionsOf(main, trigger.id));
				return l.length >= 1 ? l : null;
			}, 80000);
			assert.equal(execs.length, 1, `expected one execution, got ${execs.length}`);
			assert.equal(execs[0].status, 'success');
			assert.deepEqual((await triggerItems(execs[0].id)).sort(byId), changes.sort(byId));
			return { id: String(execs[0].id), changes };
		});

		const restarted = await rep.check(P, 'main stopped, 3 more changes (one record changed again), main restarted: the cursor survives in Postgres and the restart poll fires exactly the new changes', async () => {
			assert.ok(first, 'the first batch did not fire');
			const cursorBefore = pg.query(`select "staticData" from workflow_entity where id = '${trigger.id}'`);
			await main.stopServer();
			const changes = await editBatch([d, e, a], 'second');
			assert.equal(pg.query(`select "staticData" from workflow_entity where id = '${trigger.id}'`), cursorBefore, 'the cursor changed while main was down');
			await main.start({ timeoutMs: START_TIMEOUT_MS });
			await main.login(owner);
			const execs = await waitFor('the execution of the poll after the restart', async () => {
				const l = finished(await executionsOf(main, trigger.id));
				return l.length >= 2 ? l : null;
			}, 80000);
			assert.equal(execs.length, 2, `expected two executions in all, got ${execs.length}`);
			const newest = execs.find((x) => String(x.id) !== first.id);
			assert.equal(newest.status, 'success');
			assert.deepEqual((await triggerItems(newest.id)).sort(byId), changes.sort(byId), 'the poll after the restart must hold exactly the second batch');
			return { id: String(newest.id), pollsSoFar: callsWith(sb, TRIGGER_TOKEN) };
		});

		await rep.check(P, 'nothing fires twice: the next scheduled poll after the restart finds nothing, and each poll execution ran on exactly one worker, once', async () => {
			assert.ok(restarted, 'the restart check did not pass');
			await waitFor('the next scheduled poll of the trigger', async () => callsWith(sb, TRIGGER_TOKEN) > restarted.pollsSoFar, 80000);
			await new Promise((r) => setTimeout(r, 5000)); // time for an execution to be enqueued, if one were made
			const execs = finished(await executionsOf(main, trigger.id));
			assert.equal(execs.length, 2, `an idle poll fired: ${execs.length} executions`);
			const all = [];
			for (const x of execs) all.push(...(await triggerItems(x.id)).map((i) => `${i.recordid}/${i.name}`));
			assert.equal(new Set(all).size, all.length, `a change fired twice: ${all.join(', ')}`);
			assert.equal(all.length, 6);
			const ran = executionsByWorker(workers);
			const where = [first.id, restarted.id].map((id) => `${id}: ${(ran.get(id) || ['no worker']).join(' and ')}`);
			for (const id of [first.id, restarted.id]) assert.equal((ran.get(id) || []).length, 1, `poll execution ran on ${(ran.get(id) || []).length} workers: ${where.join('; ')}`);
			return where.join(', ');
		});
	} finally {
		for (const stop of stops.reverse()) await stop().catch((e) => rep.log('', `WARN stopping: ${e.message}`));
		fs.rmSync(work, { recursive: true, force: true });
	}
}

async function main() {
	const argv = process.argv.slice(2);
	for (const a of argv) if (a !== '--keep') throw new Error(`unknown option ${a}`);
	await run({ keep: argv.includes('--keep') });
	process.stdout.write(rep.summary());
	process.exitCode = rep.failed > 0 || rep.passed === 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		process.stdout.write(`\n[queue] ${signal}: stopping every process this run started\n`);
		killAllGroupsSync();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	});
}
process.on('exit', () => killAllGroupsSync());

main().catch((e) => {
	rep.fail('', 'queue runner', e);
	process.stdout.write(rep.summary());
	process.exitCode = 1;
});
