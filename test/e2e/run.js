#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite against real n8n (see docs/e2e.md). For each n8n version:
 *   - packs this package (`npm pack`) and installs the tarball into a fresh n8n user folder the
 *     way n8n's community package installer does;
 *   - imports credentials and workflows, runs them with `n8n execute --id=... --rawOutput`
 *     against the SmartConnect sandbox and asserts the output items and the sandbox's records;
 *   - the error path: a wrong password fails with the authentication message and no secret;
 *   - the trigger for real: publishes the trigger workflow, `n8n start`, edits records through
 *     the sandbox's /__sandbox/records admin API and checks n8n's executions (REST API);
 *   - the editor: GET /types/nodes.json lists both nodes with icons that load; on the main
 *     version, headless Chromium saves screenshots into docs/screenshots/.
 * Prints `e2e: N passed, N failed` last; exits 1 on any failure. n8n that cannot be installed
 * is a failure, never a skip.
 *
 * Options: --versions=2.41.1,1.123.81   --no-browser   --keep (keep user folders)
 * Env: E2E_N8N_VERSIONS, N8N_SMARTSIMPLE_CACHE.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert/strict');

const { ensureN8n, DEFAULT_N8N_VERSION, N8N_1X_VERSION } = require('../../scripts/lib/n8n-install');
const { N8nInstance, REPO, PACKAGE_NAME, killAllGroupsSync } = require('../../scripts/lib/n8n-instance');
const { loadExamples, withCredential, sandboxCredential } = require('../../scripts/lib/examples');
const { ensureSystemPackages } = require('../../scripts/lib/system-packages');
const { Reporter } = require('./lib/reporter');
const { pack, admin, publish, executionsOf, executionRun, finished, waitFor } = require('./lib/n8n-run');
const { operationCases, authErrorCase, jsonOf, nodeItems, okItems } = require('./lib/workflows');
const { findSecrets } = require('../helpers/secrets');

const rep = new Reporter();
// E2E_SCREENSHOTS_DIR: somewhere else than the committed docs/screenshots (e.g. to keep the tree clean)
const SCREENSHOTS = process.env.E2E_SCREENSHOTS_DIR ? path.resolve(process.env.E2E_SCREENSHOTS_DIR) : path.join(REPO, 'docs', 'screenshots');

function parseArgs(argv) {
	const o = {
		versions: (process.env.E2E_N8N_VERSIONS || `${DEFAULT_N8N_VERSION},${N8N_1X_VERSION}`).split(',').map((s) => s.trim()).filter(Boolean),
		browser: true,
		keep: false,
	};
	for (const a of argv) {
		if (a.startsWith('--versions=')) o.versions = a.slice(11).split(',').filter(Boolean);
		else if (a === '--no-browser') o.browser = false;
		else if (a === '--keep') o.keep = true;
		else throw new Error(`unknown option ${a}`);
	}
	return o;
}

function loadSandbox() {
	return require('../sandbox');
}

const SCREENSHOT_FILES = ['workflow.png', 'run-output.png', 'node-criteria-builder.png', 'column-mapper.png', 'trigger-panel.png'];
// the column mapper of the approval example: an Update whose columns come from its Field List
const MAPPER_WORKFLOW = 'ssExampleApproveL1';
const MAPPER_NODE = 'Approve application';

function badCredential(good) {
	return { ...good, id: 'ssE2eBadPassword', name: 'SmartSimple wrong password', data: { ...good.data, password: `${good.data.password}-wrong` } };
}

/**
 * `n8n execute` that must succeed. Seen once under CI load: n8n 2.41.1 (Node 24) printed its
 * complete, successful result and then died by a signal while shutting down. Such a run did run
 * the workflow, so it counts, with a WARN line naming the signal; anything else must exit 0.
 */
async function executeOk(P, inst, id) {
	const r = await inst.execute(id);
	assert.ok(r.result, `no JSON result on stdout (exit ${r.code}, signal ${r.signal}):\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-800)}`);
	if (r.code === null && r.result.status === 'success' && r.result.finished) {
		rep.log(P, `WARN n8n execute --id=${id} printed a complete successful result, then died by ${r.signal} while shutting down`);
		return r;
	}
	assert.equal(r.code, 0, `n8n execute exited ${r.code} (signal ${r.signal})\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-800)}`);
	return r;
}

/** Everything the suite needs to know about the run of one version. */
async function runExecutes(P, install, tgz, opts) {
	const { startSandbox } = loadSandbox();
	// small data: several pages per list, and every check compares with the whole record set
	const sb = await startSandbox({ port: 0, seed: 42, records: 'small', hourlyLimit: 100000 });
	const inst = await new N8nInstance(install).init();
	try {
		const installed = await rep.check(P, 'the packed tarball installs into .n8n/nodes like a community install', async () => {
			const dir = await inst.installTarball(tgz);
			const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
			assert.equal(pj.name, PACKAGE_NAME);
			return dir;
		});
		if (!installed) return;

		const cred = sandboxCredential('ssE2eSandboxCred', 'SmartSimple sandbox', sb.credentials);
		const bad = badCredential(cred);
		const ref = { id: cred.id, name: cred.name };
		const examples = loadExamples().filter(({ workflow }) => !workflow.nodes.some((n) => /Trigger$/.test(n.type) && n.type.startsWith(PACKAGE_NAME)));
		const exampleWfs = examples.map(({ workflow }) => withCredential(workflow, ref));
		const cases = operationCases({ sb, cred: ref });
		const auth = authErrorCase({ sb, badCred: { id: bad.id, name: bad.name } });

		const imported = await rep.check(P, 'credentials and workflows import (n8n import:credentials / import:workflow)', async () => {
			await inst.importCredentials([cred, bad]);
			await inst.importWorkflows([...exampleWfs, ...cases.map((c) => c.workflow), auth.workflow]);
		});
		if (imported === undefined && rep.results[rep.results.length - 1].ok === false) return;

		// example: list submitted level 1 applications (filters + Return All)
		await rep.check(P, 'example "list level 1 applications": filters and Return All over real paging', async () => {
			const r = await executeOk(P, inst, 'ssExampleListL1');
			const items = okItems(r.result, 'Get submitted applications');
			const expected = sb.store
				.list('levelone')
				.filter((x) => String(x.sf_Status) === '2' && Number(x['sf_Requested Amount']) >= 10000);
			assert.ok(expected.length > 0, 'the sandbox data has no submitted application of 10,000 or more');
			assert.deepEqual(items.map((i) => String(i.recordid)).sort(), expected.map((x) => x.recordid).sort());
			for (const i of items) assert.equal(i.sf_Status, 'Submitted');
			const amounts = items.map((i) => Number(String(i['sf_Requested Amount']).replace(/[^0-9.]/g, '')));
			assert.deepEqual(amounts, [...amounts].sort((a, b) => b - a), 'not sorted by amount, descending');
		});

		// example: create and update contacts from input data
		await rep.check(P, 'example "create and update contacts": creates two contacts, then updates them', async () => {
			const before = sb.store.list('user').length;
			const r = await executeOk(P, inst, 'ssExampleContacts');
			const created = okItems(r.result, 'Create contacts');
			assert.equal(created.length, 2);
			const updated = okItems(r.result, 'Update phone of new contacts');
			assert.equal(updated.length, 2);
			assert.equal(sb.store.list('user').length, before + 2);
			const names = [];
			for (const c of created) {
				const rec = sb.store.get('user', c.recordid);
				assert.ok(rec, `contact ${c.recordid} is not in SmartSimple`);
				assert.equal(rec.sf_Phone, '555-0199');
				names.push(rec['sf_First Name']);
			}
			assert.deepEqual(names.sort(), ['Ada', 'Grace']);
		});

		for (const c of cases) {
			const res = await rep.check(P, `workflow "${c.workflow.name}" runs (n8n execute)`, async () => {
				return executeOk(P, inst, c.workflow.id);
			});
			for (const [name, fn] of Object.entries(c.checks)) {
				if (!res) rep.fail(P, `${c.family}: ${name}`, new Error('the workflow did not run'));
				else await rep.check(P, `${c.family}: ${name}`, () => fn(res.result));
			}
		}

		await rep.check(P, 'a wrong password fails with the authentication message and leaks no secret', async () => {
			const r = await inst.execute(auth.workflow.id);
			assert.notEqual(r.code, 0, 'n8n execute succeeded with a wrong password');
			const all = `${r.stdout}\n${r.stderr}`;
			assert.match(all, /SmartSimple refused the login/);
			assert.ok(!all.includes(bad.data.password), 'the password appears in the output');
			const err = r.result && r.result.data && r.result.data.resultData && r.result.data.resultData.error;
			assert.ok(err, 'no error in the result');
			const text = `${err.message} ${err.description || ''}`;
			assert.ok(!text.includes('levelone-list'), `the API token appears in the error: ${text}`);
			assert.ok(!text.includes(cred.data.password), 'the real password appears in the error');
		});
	} finally {
		await inst.close({ keep: opts.keep });
		await sb.close();
	}
}

async function runServer(P, install, tgz, opts, { primary }) {
	const { startSandbox } = loadSandbox();
	const sb = await startSandbox({ port: 0, seed: 7, records: 'small', clockRunning: true });
	const inst = await new N8nInstance(install).init();
	const owner = { email: 'e2e@example.com', password: `E2e-${Date.now().toString(36)}-Pw1`, firstName: 'E2E', lastName: 'Owner' };
	try {
		await inst.installTarball(tgz);
		const cred = sandboxCredential('ssE2eTriggerCred', 'SmartSimple sandbox', sb.credentials);
		const ref = { id: cred.id, name: cred.name };
		const examples = loadExamples().map(({ workflow }) => withCredential(workflow, ref));
		const trigger = examples.find((w) => w.nodes.some((n) => n.type === `${PACKAGE_NAME}.smartSimpleTrigger`));
		if (!trigger) throw new Error('no example workflow uses the SmartSimple Trigger');
		const triggerNode = trigger.nodes.find((n) => n.type === `${PACKAGE_NAME}.smartSimpleTrigger`);
		// Changes made before n8n starts: the trigger's "Start From" option makes its first poll (at
		// activation, inside `n8n start`) emit every change from that instance-local time on.
		await admin(sb, 'POST', 'clock', { advance: 3600000 });
		const startFrom = (await admin(sb, 'GET', 'clock')).now;
		const [a, b] = sb.store.list('levelone').slice(3, 5);
		await admin(sb, 'POST', 'clock', { advance: 60000 });
		await admin(sb, 'POST', 'records/levelone', { recordid: a.recordid, fields: { sf_Name: 'E2E first change of A' } });
		await admin(sb, 'POST', 'records/levelone', { recordid: b.recordid, fields: { sf_Name: 'E2E change of B' } });
		// A second copy without Start From: its activation poll must take all of that as history.
		const baseline = JSON.parse(JSON.stringify({ ...trigger, id: 'ssE2eTriggerBaseline', name: `${trigger.name} (no Start From)` }));
		triggerNode.parameters.options = { ...(triggerNode.parameters.options || {}), startFrom };
		await inst.importCredentials([cred]);
		await inst.importWorkflows([...examples, baseline]);
		await rep.check(P, 'the trigger workflows publish', async () => {
			await publish(inst, trigger.id);
			await publish(inst, baseline.id);
		});

		const started = await rep.check(P, 'n8n start serves the editor with the package loaded', async () => {
			await inst.start();
			await inst.setupOwner(owner);
			return `${(inst.startMs / 1000).toFixed(1)}s`;
		});
		if (!started) return;

		await rep.check(P, 'GET /types/nodes.json lists the node and the trigger with icons that load', async () => {
			const types = await inst.rest('GET', '/types/nodes.json');
			for (const name of [`${PACKAGE_NAME}.smartSimple`, `${PACKAGE_NAME}.smartSimpleTrigger`]) {
				const t = types.find((x) => x.name === name);
				assert.ok(t, `${name} is not in /types/nodes.json`);
				const urls = typeof t.iconUrl === 'string' ? [t.iconUrl] : Object.values(t.iconUrl || {});
				assert.ok(urls.length > 0, `${name} has no iconUrl (icon: ${JSON.stringify(t.icon)})`);
				for (const u of urls) {
					const r = await fetch(`${inst.baseUrl}/${u.replace(/^\//, '')}`);
					const body = await r.text();
					assert.equal(r.status, 200, `${u}: HTTP ${r.status}`);
					assert.match(body, /<svg/, `${u} is not an SVG`);
				}
			}
		});

		const triggerTest = rep.check(P, 'trigger: each change of a record fires exactly once (activation poll, then a scheduled poll, in n8n start); without Start From, history does not fire', async () => {
			// 1. the activation poll emits the two changes made before the start
			const first = await waitFor('the execution of the activation poll', async () => {
				const list = finished(await executionsOf(inst, trigger.id));
				return list.length >= 1 ? list : null;
			}, 45000);
			assert.equal(first.length, 1, `expected one execution, got ${first.length}`);
			const run1 = await executionRun(inst, first[0].id);
			const ids1 = jsonOf(run1.data, triggerNode.name).map((j) => String(j.recordid)).sort();
			assert.deepEqual(ids1, [a.recordid, b.recordid].sort(), 'the first execution must hold A and B once each');
			assert.equal(jsonOf(run1.data, 'Summarize change').length, 2, 'the follow-up step did not run on both items');
			assert.deepEqual(finished(await executionsOf(inst, baseline.id)), [], 'without Start From, history must not fire');

			// 2. the next scheduled poll (n8n polls at most once a minute, at a second of the minute it
			// picks per workflow) emits only A's second change: neither B nor A's first change again
			await admin(sb, 'POST', 'clock', { advance: 60000 });
			await admin(sb, 'POST', 'records/levelone', { recordid: a.recordid, fields: { sf_Name: 'E2E second change of A' } });
			const second = await waitFor('the execution of the next scheduled poll', async () => {
				const list = finished(await executionsOf(inst, trigger.id));
				return list.length >= 2 ? list : null;
			}, 75000);
			assert.equal(second.length, 2, `expected two executions, got ${second.length}`);
			const newest = second.find((e) => String(e.id) !== String(first[0].id));
			const run2 = await executionRun(inst, newest.id);
			const items2 = jsonOf(run2.data, triggerNode.name);
			assert.deepEqual(items2.map((j) => String(j.recordid)), [a.recordid], 'the second execution must hold only A');
			assert.equal(items2[0].sf_Name, 'E2E second change of A');
			for (const e of second) assert.equal(e.status, 'success', `execution ${e.id} is ${e.status}`);

			// 3. the copy without Start From fired once, for A's second change only (n8n gives each
			// workflow's every-minute poll a random second, so it may come up to a minute later)
			const fromNow = await waitFor('the baseline trigger execution', async () => {
				const list = finished(await executionsOf(inst, baseline.id));
				return list.length >= 1 ? list : null;
			}, 75000);
			assert.equal(fromNow.length, 1, `expected one execution of the copy without Start From, got ${fromNow.length}`);
			const run3 = await executionRun(inst, fromNow[0].id);
			assert.deepEqual(jsonOf(run3.data, triggerNode.name).map((j) => String(j.recordid)), [a.recordid], 'without Start From, only the change made after activation fires');

			// Secrets (docs/reliability.md): what n8n stored for each execution holds no part of the
			// login in any encoding, and the API token only in its copy of the workflow (workflowData).
			// (The sandbox's company ID is also a record's ID, so it is checked in the jest suites.)
			const login = { password: cred.data.password, username: cred.data.username };
			for (const run of [run1, run2, run3]) {
				const { workflowData, ...stored } = run;
				assert.deepEqual(findSecrets(JSON.stringify(run), login), [], `execution ${run.id} stores the login`);
				const token = { token: triggerNode.parameters.apiToken };
				assert.deepEqual(findSecrets(JSON.stringify(stored), token), [], `execution ${run.id} stores the token outside its workflow`);
			}
		});

		if (primary && opts.browser) {
			await rep.check(P, 'editor screenshots (headless Chromium): a run with its output, criteria builder, column mapper, trigger panel', async () => {
				const browser = require('./lib/browser');
				const { browser: b, page } = await browser.launch();
				try {
					fs.mkdirSync(SCREENSHOTS, { recursive: true });
					await browser.login(page, inst.baseUrl, owner);
					// a run in the editor: the canvas with its item counts, then the node's output data
					const list = examples.find((w) => w.id === 'ssExampleListL1');
					await browser.openWorkflow(page, inst.baseUrl, list.id);
					await browser.executeWorkflow(page, list.nodes.length);
					await page.screenshot({ path: path.join(SCREENSHOTS, 'workflow.png') });
					await page.setViewportSize({ width: 1600, height: 1000 }); // room for the output table's columns
					await browser.openNode(page, 'Get submitted applications');
					const output = page.locator('[data-test-id="output-panel"]').first();
					await output.locator('[data-test-id="ndv-items-count"]').first().waitFor();
					const outputText = await output.innerText();
					assert.match(outputText, /recordid/, 'the output panel shows no records');
					await browser.settle(page);
					await page.screenshot({ path: path.join(SCREENSHOTS, 'run-output.png') });
					await page.setViewportSize({ width: 1400, height: 1250 }); // room for the whole criteria builder
					const filters = page.getByText('Filters', { exact: false }).first();
					await filters.scrollIntoViewIfNeeded().catch(() => {});
					await page.waitForTimeout(500);
					await page.screenshot({ path: path.join(SCREENSHOTS, 'node-criteria-builder.png') });
					const panel = await page.locator('[data-test-id="ndv"]').first().innerText().catch(() => '');
					assert.match(panel, /Filters|Conditions/i, 'the parameter panel shows no criteria builder');
					// the column mapper: one input per field of the Field List, loaded from the node's method
					// (opened, not run: a run would change a level 1 record under the trigger check)
					const mapper = examples.find((w) => w.id === MAPPER_WORKFLOW);
					const mapperFields = mapper.nodes.find((n) => n.name === MAPPER_NODE).parameters.fieldList.split(';;');
					await page.setViewportSize({ width: 1400, height: 1400 }); // room for every column
					await browser.openWorkflow(page, inst.baseUrl, mapper.id);
					await browser.openNode(page, MAPPER_NODE);
					const columns = page.locator('[data-test-id="resource-mapper-container"]').first();
					await columns.getByText(mapperFields[mapperFields.length - 1], { exact: false }).first().waitFor();
					await columns.scrollIntoViewIfNeeded().catch(() => {});
					await browser.settle(page);
					const mapped = await columns.innerText();
					for (const field of mapperFields) assert.ok(mapped.includes(field), `the column mapper lacks ${field}`);
					await page.screenshot({ path: path.join(SCREENSHOTS, 'column-mapper.png') });
					await page.setViewportSize({ width: 1400, height: 900 });
					await browser.openWorkflow(page, inst.baseUrl, trigger.id);
					await browser.openNode(page, triggerNode.name);
					await page.screenshot({ path: path.join(SCREENSHOTS, 'trigger-panel.png') });
					for (const f of SCREENSHOT_FILES) {
						assert.ok(fs.statSync(path.join(SCREENSHOTS, f)).size > 10000, `${f} looks empty`);
					}
					return SCREENSHOT_FILES.join(', ');
				} finally {
					await b.close();
				}
			});
		}
		await triggerTest;
	} finally {
		await inst.close({ keep: opts.keep });
		await sb.close();
	}
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	rep.log('', `n8n versions: ${opts.versions.join(', ')}; cache: ${require('../../scripts/lib/n8n-install').cacheRoot()}`);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smartsimple-e2e-'));
	if (opts.browser && !process.env.CHROMIUM_PATH) {
		await rep.check('', 'headless Chromium is there (Debian package chromium, installed when missing)', () => ensureSystemPackages(['chromium']).chromium);
	}
	const tgz = await rep.check('', 'npm pack makes a tarball with the built node, trigger and credential', () => pack(work));
	let sandboxOk = false;
	try {
		loadSandbox();
		sandboxOk = true;
	} catch (e) {
		rep.fail('', 'the sandbox (test/sandbox) loads', e);
	}
	if (tgz && sandboxOk) {
		const installs = [];
		for (const v of opts.versions) {
			// installs one after another (each once; minutes the first time), then runs in parallel
			const install = await rep.check(`n8n ${v}`, `n8n ${v} is installed (cache)`, () => ensureN8n(v));
			if (install) installs.push(install);
		}
		await Promise.all(
			installs.map(async (install) => {
				const P = `n8n ${install.version}`;
				await Promise.all([
					runServer(P, install, tgz, opts, { primary: install.version === DEFAULT_N8N_VERSION }).catch((e) => rep.fail(P, 'server phase', e)),
					runExecutes(P, install, tgz, opts).catch((e) => rep.fail(P, 'execute phase', e)),
				]);
			}),
		);
	}
	fs.rmSync(work, { recursive: true, force: true });
	process.stdout.write(rep.summary());
	process.exitCode = rep.failed > 0 || rep.passed === 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		process.stdout.write(`\n[e2e] ${signal}: stopping every process this run started\n`);
		killAllGroupsSync();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	});
}
process.on('exit', () => killAllGroupsSync());

main().catch((e) => {
	rep.fail('', 'e2e runner', e);
	process.stdout.write(rep.summary());
	process.exitCode = 1;
});
