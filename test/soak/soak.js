'use strict';
/**
 * The soak (docs/reliability.md, "Soak"): thousands of API calls through n8n-core's real
 * WorkflowExecute and PollContext against the sandbox over loopback, with a share of the calls
 * faulted at random under a fixed seed, and the promises checked after every step:
 *   - a Return All that succeeds returns exactly the matching records, in order;
 *   - every failure is a clear error (our message, with a description);
 *   - no record is created twice; a create item reported as failed (but not "may have been
 *     saved") was not saved; a confirmed one was saved once;
 *   - every write item comes back confirmed, failed, or failed with "may have been saved";
 *   - the trigger loses and repeats nothing (the oracle of trigger-simulation.test.js);
 *   - no secret (login, API token) in any run data, output, error or log line;
 *   - memory stays bounded (RSS and heap growth are reported).
 *
 *   const { runSoak } = require('./soak');
 *   const report = await runSoak({ seed, calls: 10000 });   // report.violations: [] when all held
 *
 * Backoff waits: the transport waits about 1 s, 2 s, 4 s between retries (n8n-workflow's
 * `sleep`). The soak keeps every call and every retry but serves each wait at 1/TIME_SCALE of
 * its length (the full length is reported), so that thousands of calls take minutes, not hours.
 */
const workflow = require('n8n-workflow');
const { runNode, createPoller } = require('../helpers/n8n');
const { captureLogs, findSecrets, serialize, withoutWorkflowCopy } = require('../helpers/secrets');
const { startSandbox } = require('../sandbox');
const { createRandom } = require('../sandbox/prng');

const TIME_SCALE = 100;
const LIMIT_MESSAGE = 'Number of API Calls within the hour have reached the maximum limit, please try again later';
/** The node's Request Timeout in the soak (seconds), and how late a slow answer comes. */
const TIMEOUT_SECONDS = 1;
const SLOW_MS = 1600;

/** Every kind of fault, as the sandbox injects it (test/sandbox/faults.js). */
const FAULT_KINDS = {
	'502 Bad Gateway': { status: 502, body: 'html' },
	'503 with Retry-After': { status: 503, body: 'html', retryAfter: 0 },
	'500 HTML page': { status: 500, body: 'html' },
	'connection dropped before the server acts': { body: 'reset' },
	'connection dropped after the server acted': { when: 'after', body: 'reset' },
	'500 after the server acted': { when: 'after', status: 500, body: 'html' },
	'slow answer past the timeout': { delayMs: SLOW_MS },
	'blank body': { body: 'blank' },
	'hourly limit': { message: LIMIT_MESSAGE },
};
const KIND_NAMES = Object.keys(FAULT_KINDS);

/** What a clear error looks like: our own message about SmartSimple, and what to do. */
const CLEAR_MESSAGE = /^(SmartSimple\b|Could not reach SmartSimple\b)/;
const UNCLEAR = /undefined|\[object |Cannot read|is not a function|Unexpected token/;

const USER_FIELDS = [
	'sf_First Name',
	'sf_Last Name',
	'sf_Email',
	'sf_Phone',
	'sf_Title',
	'sf_Company ID',
	'sf_City',
	'sf_Country',
	'cf_Preferred Language',
];
const TS = 'sf_Modified Date';

/** The soak's functions: the sandbox's own, under tokens that look like real ones (so a leak is findable). */
const TOKENS = {
	'company-list': 'Q29tcGFueUxpc3RTb2FrVG9rZW4xMjM0NQ~',
	'leveltwo-list': 'TGV2ZWxUd29MaXN0U29ha1Rva2VuOTg3Ng~',
	'user-update': 'VXNlclVwZGF0ZVNvYWtUb2tlbjU1NTU1NQ~',
	'levelone-list-modified': 'TGV2ZWxPbmVQb2xsU29ha1Rva2VuNDQ0NA~',
};
const SOAK_FUNCTIONS = require('../sandbox/functions.json')
	.filter((fn) => TOKENS[fn.token])
	.map((fn) => ({ ...fn, token: TOKENS[fn.token] }));

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Serves the transport's backoff waits shortened, and adds up what was asked for. */
function compressSleep(figures) {
	const realSleep = workflow.sleep;
	const fast = async (ms) => {
		figures.backoffRequestedMs += ms;
		await realSleep(ms / TIME_SCALE);
	};
	Object.defineProperty(workflow, 'sleep', { configurable: true, enumerable: true, get: () => fast });
	return () => Object.defineProperty(workflow, 'sleep', { configurable: true, enumerable: true, get: () => realSleep });
}

/**
 * Runs the soak. `calls`: API calls to reach at least; `faultRate`: share of calls faulted.
 * Returns the report: figures, and `violations` (empty when every promise held): each broken
 * promise with its count and first examples.
 */
async function runSoak({ seed = 20260602, calls = 10000, faultRate = 0.05, log = () => {} } = {}) {
	const started = Date.now();
	const startCpu = process.cpuUsage();
	const logs = captureLogs();
	const figures = {
		seed,
		faultRate,
		calls: 0,
		retries: 0,
		faults: Object.fromEntries(KIND_NAMES.map((kind) => [kind, 0])),
		steps: { read: 0, create: 0, update: 0, poll: 0 },
		reads: { complete: 0, failed: 0, records: 0 },
		writeItems: { confirmed: 0, failed: 0, mayHaveSaved: 0, mayHaveSavedAndSaved: 0 },
		polls: { ok: 0, failed: 0, emitted: 0, edits: 0, superseded: 0 },
		errors: {},
		backoffRequestedMs: 0,
	};
	/** Broken promises by kind: how often, and the first few cases. */
	const broken = new Map();
	const violate = (kind, example) => {
		const entry = broken.get(kind) ?? { kind, count: 0, examples: [] };
		entry.count++;
		if (entry.examples.length < 3) entry.examples.push(example);
		broken.set(kind, entry);
	};
	const restoreSleep = compressSleep(figures);

	const sb = await startSandbox({
		seed: 7,
		records: { company: 300, user: 400, levelone: 300, leveltwo: 600 },
		hourlyLimit: 1e9,
		functions: SOAK_FUNCTIONS,
		credentials: {
			username: 'soak.api-user@sandbox.example.org',
			password: 'S0ak p@ss&word=%41+"quoted"',
			companyId: '7391827',
			alias: 'soakalias',
		},
	});
	const secrets = {
		password: sb.credentials.password,
		username: sb.credentials.username,
		'company ID': sb.credentials.companyId,
		alias: sb.credentials.alias,
		...Object.fromEntries(Object.entries(TOKENS).map(([name, token]) => [`API token (${name})`, token])),
	};

	const workload = createRandom(seed);
	const faultRandom = createRandom(seed ^ 0x5eed);
	let injecting = true;
	let lateAction = false;
	const planned = sb.faults.match.bind(sb.faults);
	sb.faults.match = (call) => {
		const fault = planned(call);
		if (fault || !injecting || !faultRandom.chance(faultRate)) return fault;
		const kind = faultRandom.pick(KIND_NAMES);
		figures.faults[kind]++;
		if (kind === 'slow answer past the timeout') lateAction = true;
		return { id: `soak: ${kind}`, ...FAULT_KINDS[kind] };
	};

	/** Tallies the step's calls (a call sent again with the same form is a retry) and scans them. */
	const endStep = (what, result) => {
		let previous = '';
		for (const call of sb.calls) {
			const form = JSON.stringify([call.endpoint, call.form]);
			if (form === previous) figures.retries++;
			previous = form;
		}
		figures.calls += sb.calls.length;
		sb.resetCalls();
		const text = serialize(withoutWorkflowCopy(result));
		const leaks = findSecrets(text, secrets);
		if (leaks.length) violate(`${what}: a secret in the run data`, leaks.join(', '));
	};
	const noteError = (what, message, description) => {
		const key = String(message).replace(/\d{4,}/g, 'N').slice(0, 120);
		figures.errors[key] = (figures.errors[key] ?? 0) + 1;
		if (!CLEAR_MESSAGE.test(String(message)) || UNCLEAR.test(String(message)) || String(description ?? '').length < 20) {
			violate(`${what}: an unclear error`, String(message).slice(0, 200));
		}
	};

	// ------------------------------------------------------------------ Return All reads
	const readSources = [
		{ resource: 'company', endpoint: 'company', apiToken: TOKENS['company-list'] },
		{ resource: 'levelTwo', endpoint: 'leveltwo', apiToken: TOKENS['leveltwo-list'] },
	];
	async function read() {
		const source = workload.pick(readSources);
		const rows = sb.store.list(source.endpoint);
		const pageSize = workload.pick([10, 25, 50, 100]);
		const above = workload.chance(0.5) ? Number(workload.pick(rows).recordid) : undefined;
		const expected = rows.filter((row) => above === undefined || Number(row.recordid) > above).map((row) => String(row.recordid));
		const result = await runNode({
			parameters: {
				resource: source.resource,
				operation: 'getAll',
				apiToken: source.apiToken,
				returnAll: true,
				filters:
					above === undefined
						? {}
						: { conditions: [{ field: 'recordid', operator: 'greaterThan', value: String(above) }] },
				options: { pageSize, requestTimeout: TIMEOUT_SECONDS },
			},
			credentials: sb.credentials,
		});
		if (result.error) {
			figures.reads.failed++;
			noteError('Return All', result.error.message, result.error.description);
		} else {
			figures.reads.complete++;
			const got = result.items.map((item) => String(item.json.recordid));
			figures.reads.records += got.length;
			if (JSON.stringify(got) !== JSON.stringify(expected)) {
				violate('Return All: not exactly the matching records', `${source.endpoint}, page ${pageSize}: ${got.length} records, expected ${expected.length}`);
			}
		}
		endStep('Return All', result.run);
	}

	// ------------------------------------------------------------------ writes
	let sequence = 0;
	/** Every create marker sent, with what the node said about it. */
	const creates = new Map();
	const countByMarker = () => {
		const counts = new Map();
		for (const row of sb.store.list('user')) {
			const marker = row['sf_Last Name'];
			if (typeof marker === 'string' && marker.startsWith('soak-')) counts.set(marker, (counts.get(marker) ?? 0) + 1);
		}
		return counts;
	};

	/** One output item per input item; each confirmed, failed, or failed with "may have been saved". */
	function outcomes(what, result, count) {
		if (result.error) {
			violate(`${what}: the node failed as a whole under Continue On Fail`, result.error.message);
			return [];
		}
		const byItem = new Array(count);
		for (const item of result.items ?? []) {
			const index = item.pairedItem?.item;
			if (byItem[index] !== undefined) violate(`${what}: an item answered twice`, `item ${index}`);
			byItem[index] = item.json;
		}
		return Array.from(byItem, (json, index) => {
			if (!json) {
				violate(`${what}: an item without output`, `item ${index}`);
				return 'missing';
			}
			if (json.error === undefined) {
				figures.writeItems.confirmed++;
				return 'confirmed';
			}
			noteError(what, json.error, json.description);
			if (/may have saved|may have been saved/i.test(`${json.error} ${json.description ?? ''}`)) {
				figures.writeItems.mayHaveSaved++;
				return 'mayHaveSaved';
			}
			figures.writeItems.failed++;
			return 'failed';
		});
	}

	async function create() {
		const count = workload.range(3, 30);
		const input = Array.from({ length: count }, () => {
			const marker = `soak-${++sequence}`;
			return {
				json: {
					'sf_First Name': 'Soak',
					'sf_Last Name': marker,
					sf_Email: `${marker}@example.org`,
					sf_Phone: '+1 555-0100',
					sf_Title: 'Tester',
					'sf_Company ID': '1000003',
					sf_City: 'Loopback',
					sf_Country: 'Canada',
					'cf_Preferred Language': '2',
				},
			};
		});
		const result = await runNode({
			parameters: {
				resource: 'user',
				operation: 'create',
				apiToken: TOKENS['user-update'],
				fieldList: USER_FIELDS.join(';;'),
				columns: { mappingMode: 'autoMapInputData', value: null },
				options: { batchSize: workload.pick([5, 10, 25]), requestTimeout: TIMEOUT_SECONDS },
			},
			credentials: sb.credentials,
			input,
			continueOnFail: true,
		});
		const said = outcomes('Create', result, count);
		input.forEach((item, index) => {
			creates.set(item.json['sf_Last Name'], { outcome: said[index], recordid: result.items?.find((out) => out.pairedItem?.item === index)?.json.recordid });
		});
		endStep('Create', result.run);
	}

	async function update() {
		const rows = sb.store.list('user').filter((row) => !String(row['sf_Last Name']).startsWith('soak-'));
		const count = workload.range(3, 30);
		const targets = Array.from({ length: count }, () => workload.pick(rows));
		const stamp = ++sequence;
		const input = targets.map((row, index) => ({
			json: {
				recordid: String(row.recordid),
				...Object.fromEntries(USER_FIELDS.map((field) => [field, row[field] ?? ''])),
				sf_Title: `title-${stamp}-${index}`,
			},
		}));
		const result = await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				apiToken: TOKENS['user-update'],
				recordId: '={{ $json.recordid }}',
				fieldList: USER_FIELDS.join(';;'),
				columns: { mappingMode: 'autoMapInputData', value: null },
				options: { batchSize: workload.pick([5, 10, 25]), requestTimeout: TIMEOUT_SECONDS },
			},
			credentials: sb.credentials,
			input,
			continueOnFail: true,
		});
		const said = outcomes('Update', result, count);
		if (lateAction) await delay(SLOW_MS + 300);
		// A confirmed update is in the store, unless a later item of the same call changed the record.
		said.forEach((outcome, index) => {
			const id = input[index].json.recordid;
			const last = input.map((item) => item.json.recordid).lastIndexOf(id);
			if (outcome === 'confirmed' && last === index && sb.store.get('user', id).sf_Title !== input[index].json.sf_Title) {
				violate('Update: confirmed but not saved', `record ${id}`);
			}
		});
		endStep('Update', result.run);
	}

	// ------------------------------------------------------------------ the trigger
	const poller = createPoller({
		parameters: {
			resource: 'levelOne',
			apiToken: TOKENS['levelone-list-modified'],
			event: 'modified',
			timestampField: TS,
			idField: 'recordid',
			filters: {},
			options: { pageSize: 20 },
		},
		credentials: sb.credentials,
	});
	const key = (id, ts) => `${id}@${ts}`;
	const states = new Set();
	const emitted = new Map();
	const required = new Set();
	const currentStates = () => new Map(sb.store.list('levelone').map((row) => [row.recordid, row[TS]]));
	for (const [id, ts] of currentStates()) states.add(key(id, ts));
	const edit = () => {
		const row = workload.chance(0.15)
			? sb.store.create('levelone', { sf_Name: `Soak ${++sequence}` })
			: sb.store.update('levelone', workload.pick(sb.store.rows('levelone')).recordid, {
					sf_Status: workload.pick(['Draft', 'Submitted', 'In Review']),
				});
		states.add(key(row.recordid, row[TS]));
		figures.polls.edits++;
	};
	async function poll() {
		const before = currentStates();
		let items = null;
		let result;
		try {
			result = await poller.poll();
			items = result ? result[0].map((item) => item.json) : [];
		} catch (error) {
			result = error;
			figures.polls.failed++;
			noteError('Trigger poll', error.message, error.description);
		}
		if (items) {
			figures.polls.ok++;
			for (const record of items) {
				const k = key(record.recordid, record[TS]);
				emitted.set(k, (emitted.get(k) ?? 0) + 1);
			}
			figures.polls.emitted += items.length;
			// A poll that met a fault may have stopped part way: it returns what it read, and the
			// rest is for the next poll. Only a poll without faults must have read everything.
			if (!sb.calls.some((call) => call.fault)) {
				const after = currentStates();
				for (const [id, ts] of before) if (after.get(id) === ts) required.add(key(id, ts));
			}
		}
		endStep('Trigger poll', result);
	}
	await poll(); // activation: what exists is history
	const history = new Set(required);
	required.clear();
	// Concurrent edits: saves land between the pages of a poll.
	sb.onRequest(({ endpoint }) => {
		if (endpoint !== 'levelone' || !workload.chance(0.3)) return;
		if (workload.chance(0.5)) sb.clock.advance(1000);
		for (let n = workload.range(1, 3); n > 0; n--) edit();
	});
	async function triggerStep() {
		sb.clock.advance(workload.pick([0, 1000, 2000, 30000]));
		for (let n = workload.pick([0, 0, 1, 3, 10, 45]); n > 0; n--) edit();
		await poll();
	}

	// ------------------------------------------------------------------ the run
	const memory = { startRss: process.memoryUsage().rss, peakRss: 0, startHeap: process.memoryUsage().heapUsed };
	const steps = { read, create, update, poll: triggerStep };
	let lastReport = 0;
	while (figures.calls < calls) {
		const step = workload.weighted({ read: 30, create: 20, update: 20, poll: 30 });
		lateAction = false;
		await steps[step]();
		figures.steps[step]++;
		if (lateAction) await delay(SLOW_MS + 300);
		const { rss } = process.memoryUsage();
		memory.peakRss = Math.max(memory.peakRss, rss);
		if (figures.calls - lastReport >= 1000) {
			lastReport = figures.calls;
			log(`soak: ${figures.calls} calls, ${Math.round((Date.now() - started) / 1000)} s, rss ${Math.round(rss / 1048576)} MB`);
		}
	}

	// Quiet end: no faults and no edits until the trigger has nothing left to emit.
	injecting = false;
	sb.onRequest(null);
	await delay(SLOW_MS + 300);
	await poll();
	await poll();
	for (const [id, ts] of currentStates()) required.add(key(id, ts));
	const lost = [...required].filter((k) => !history.has(k) && !emitted.has(k));
	const repeated = [...emitted].filter(([, n]) => n > 1).map(([k]) => k);
	const phantom = [...emitted.keys()].filter((k) => !states.has(k) || history.has(k));
	figures.polls.superseded = [...states].filter((k) => !history.has(k) && !emitted.has(k) && !required.has(k)).length;
	for (const change of lost) violate('Trigger: a change lost', change);
	for (const change of repeated) violate('Trigger: a change emitted twice', change);
	for (const change of phantom) violate('Trigger: emitted what did not change', change);

	// Creates: never twice; confirmed once; plainly failed never saved.
	const counts = countByMarker();
	for (const [marker, { outcome, recordid }] of creates) {
		const n = counts.get(marker) ?? 0;
		if (n > 1) violate('Create: a record created twice', `${marker}: ${n} records`);
		if (outcome === 'confirmed' && n !== 1) violate('Create: confirmed but not stored once', `${marker} (record ${recordid}): ${n} records`);
		if (outcome === 'failed' && n !== 0) violate('Create: reported as failed (not "may have saved") but saved', marker);
		if (outcome === 'mayHaveSaved' && n === 1) figures.writeItems.mayHaveSavedAndSaved++;
	}

	const logLeaks = findSecrets(logs.join('\n'), secrets);
	if (logLeaks.length) violate('a secret in the log', logLeaks.join(', '));

	restoreSleep();
	await sb.close();
	const end = process.memoryUsage();
	const cpu = process.cpuUsage(startCpu);
	return {
		...figures,
		logLines: logs.length,
		wallSeconds: +((Date.now() - started) / 1000).toFixed(1),
		cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
		memory: {
			startRssMB: +(memory.startRss / 1048576).toFixed(1),
			peakRssMB: +(memory.peakRss / 1048576).toFixed(1),
			endRssMB: +(end.rss / 1048576).toFixed(1),
			rssGrowthMB: +((end.rss - memory.startRss) / 1048576).toFixed(1),
			heapGrowthMB: +((end.heapUsed - memory.startHeap) / 1048576).toFixed(1),
		},
		trigger: { lost: lost.length, repeated: repeated.length, phantom: phantom.length },
		createsSent: creates.size,
		violations: [...broken.values()],
	};
}

module.exports = { runSoak, FAULT_KINDS, TIME_SCALE };
