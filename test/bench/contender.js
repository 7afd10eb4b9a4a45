'use strict';
/**
 * One contender of `npm run bench`, in a fresh process (test/bench/run.js starts it):
 *
 *   node test/bench/contender.js '{"contender":"a","scenario":{...},"sandbox":{url,credentials,control}}'
 *
 * It loads what it needs, warms up on a tiny run of the same kind, then measures the scenario and
 * prints one JSON line: { calls, wallMs, cpuMs, peakRssMb, records, runs }. CPU is this process's
 * process.cpuUsage() (user + system) over the measured part only; the sandbox runs elsewhere.
 * Polls are measured several times in one process (one poll is a millisecond affair) and
 * reported per poll.
 *
 * Contenders: a = our node through n8n-core's WorkflowExecute (test/helpers/n8n.js);
 * b = the in-n8n floor: a tiny node below, same WorkflowExecute, this.helpers.httpRequest, one
 * parse per answer, one item per record; c = a bare Node http loop, no n8n loaded at all;
 * d = n8n's HTTP Request node (with its pagination) + Split Out, from n8n-nodes-base.
 */
const http = require('http');
const { BATCH_SIZE, CREATE_FIELDS, createInput, parametersFor } = require('./scenarios');

const spec = JSON.parse(process.argv[2]);
const { url, credentials, control } = spec.sandbox;
const scenario = spec.scenario;
const LOGIN = {
	username: credentials.username,
	password: credentials.password,
	companyid: credentials.companyId,
	alias: credentials.alias,
};
const endpointUrl = (endpoint) => `${url}/API/1/${endpoint}/`;
/** Where the floors' triggers start: the sandbox clock's time when the contender starts. */
let pollSince;

// ---------------------------------------------------------------- measuring

async function admin(method, path, body) {
	const response = await fetch(`${url}/__sandbox/${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} /__sandbox/${path}: ${response.status}`);
	return await response.json();
}

/** Runs `work` once, measured; returns its figures and what it returned. */
async function measure(work) {
	const started = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	const faults = process.resourceUsage().minorPageFault;
	const result = await work();
	const used = process.cpuUsage(cpu);
	const ended = process.hrtime.bigint();
	const pageFaults = process.resourceUsage().minorPageFault - faults;
	return {
		// in microseconds, the clock of a --cpu-prof profile: profile-summary.js counts only these
		window: [Number(started / 1000n), Number(ended / 1000n)],
		wallMs: Number(ended - started) / 1e6,
		cpuMs: (used.user + used.system) / 1000,
		pageFaults,
		result,
	};
}

// ---------------------------------------------------------------- (c) bare Node http

const agent = new http.Agent({ keepAlive: true });

function post(endpoint, form) {
	const body = new URLSearchParams({ ...LOGIN, url: endpointUrl(endpoint), ...form }).toString();
	return new Promise((resolve, reject) => {
		const request = http.request(
			endpointUrl(endpoint),
			{
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

const bare = {
	async read({ pageSize, limit }) {
		const records = [];
		let total = limit ?? Infinity;
		for (let start = 1; start <= total; start += pageSize) {
			const end = Math.min(start + pageSize, total + 1) - 1;
			const answer = await post('levelone', {
				apitoken: 'levelone-list-wide',
				othersettings: JSON.stringify({ recordstart: start, recordend: end }),
			});
			for (const record of answer.records) records.push(record);
			total = Math.min(total, answer.message.allcount);
		}
		return records;
	},
	async create(input) {
		const saved = [];
		for (let start = 0; start < input.length; start += BATCH_SIZE) {
			const batch = input.slice(start, start + BATCH_SIZE).map((item) => ({ recordid: '0', ...item.json }));
			const answer = await post('levelone', { apitoken: 'levelone-update', jsonrset: JSON.stringify(batch) });
			const statuses = Array.isArray(answer) ? answer : answer.records;
			batch.forEach((record, i) => saved.push({ ...record, ...statuses[i] }));
		}
		return saved;
	},
	async poll(state) {
		return await floorPoll(state, (form) => post('levelone', form));
	},
};

/**
 * The least a trigger can do: one list call of the records modified since the last poll, oldest
 * first, keeping the newest timestamp seen. Idle, it asks for one record (and gets none): the
 * "bare list call of one record" the trigger's idle poll is measured against, with the same kind
 * of filter, so that the sandbox does the same work to answer both.
 */
async function floorPoll(state, send) {
	const answer = await send({
		apitoken: 'levelone-list-modified',
		criteria: JSON.stringify([{ andor: 'and', field: 'sf_Modified Date', operator: '>', value: state.since }]),
		sortby: JSON.stringify([{ field: 'sf_Modified Date', direction: 'asc' }]),
		othersettings: JSON.stringify({ recordstart: 1, recordend: scenario.changes ? 500 : 1 }),
	});
	const records = answer.records;
	if (records.length) state.since = records[records.length - 1]['sf_Modified Date'];
	return records;
}

// ---------------------------------------------------------------- (b) the in-n8n floor

function nodeDescription(name, extra = {}) {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: 'Benchmark floor',
		defaults: { name },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
		...extra,
	};
}

/** POSTs one SmartConnect call through n8n's own HTTP helper and parses the answer once. */
async function floorRequest(context, endpoint, form) {
	const text = await context.helpers.httpRequest({
		method: 'POST',
		url: endpointUrl(endpoint),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: { ...LOGIN, url: endpointUrl(endpoint), ...form },
		encoding: 'text',
	});
	return JSON.parse(text);
}

/** Reads its page size and limit as parameters, as any node does (0: no limit). */
class FloorList {
	constructor() {
		this.description = nodeDescription('benchFloorList', {
			properties: [
				{ displayName: 'Page Size', name: 'pageSize', type: 'number', default: 1000 },
				{ displayName: 'Limit', name: 'limit', type: 'number', default: 0 },
			],
		});
	}
	async execute() {
		const pageSize = this.getNodeParameter('pageSize', 0);
		const limit = this.getNodeParameter('limit', 0);
		const items = [];
		let total = limit || Infinity;
		for (let start = 1; start <= total; start += pageSize) {
			const end = Math.min(start + pageSize, total + 1) - 1;
			const answer = await floorRequest(this, 'levelone', {
				apitoken: 'levelone-list-wide',
				othersettings: JSON.stringify({ recordstart: start, recordend: end }),
			});
			for (const record of answer.records) items.push({ json: record, pairedItem: { item: 0 } });
			total = Math.min(total, answer.message.allcount);
		}
		return [items];
	}
}

/** Creates one record per input item, 100 per call; expressions are n8n's, per item, as usual. */
class FloorCreate {
	constructor() {
		this.description = nodeDescription('benchFloorCreate', {
			properties: [
				{
					displayName: 'Columns',
					name: 'columns',
					type: 'resourceMapper',
					default: { mappingMode: 'defineBelow', value: null },
					typeOptions: { resourceMapper: { resourceMapperMethod: 'getColumns', mode: 'add' } },
				},
			],
		});
	}
	async execute() {
		const input = this.getInputData();
		const auto = scenario.mapping === 'auto';
		const output = [];
		for (let start = 0; start < input.length; start += BATCH_SIZE) {
			const batch = [];
			for (let i = start; i < Math.min(start + BATCH_SIZE, input.length); i++) {
				const values = auto ? input[i].json : this.getNodeParameter('columns.value', i);
				batch.push({ recordid: '0', ...values });
			}
			const answer = await floorRequest(this, 'levelone', {
				apitoken: 'levelone-update',
				jsonrset: JSON.stringify(batch),
			});
			const statuses = Array.isArray(answer) ? answer : answer.records;
			batch.forEach((record, i) =>
				output.push({ json: { ...record, ...statuses[i] }, pairedItem: { item: start + i } }),
			);
		}
		return [output];
	}
}

class FloorTrigger {
	constructor() {
		this.description = nodeDescription('benchFloorTrigger', { group: ['trigger'], polling: true, inputs: [] });
	}
	async poll() {
		const state = this.getWorkflowStaticData('node');
		state.since = state.since ?? pollSince;
		const records = await floorPoll(state, (form) => floorRequest(this, 'levelone', form));
		return records.length ? [records.map((json) => ({ json }))] : null;
	}
}

// ---------------------------------------------------------------- (d) HTTP Request + Split Out

/**
 * n8n-nodes-base from the cached n8n install (scripts/lib/n8n-install.js), not a devDependency.
 * Its `n8n-workflow` and `n8n-core` are resolved to this repository's copies (the same versions),
 * so that every contender runs on the one n8n-core instance.
 */
function loadNodesBase() {
	const path = require('path');
	const Module = require('module');
	const { cacheRoot, DEFAULT_N8N_VERSION } = require('../../scripts/lib/n8n-install');
	const cache = path.join(cacheRoot(), `n8n-${DEFAULT_N8N_VERSION}`, 'node_modules');
	const shared = new Set(['n8n-workflow', 'n8n-core']);
	const resolve = Module._resolveFilename;
	Module._resolveFilename = function (request, parent, ...rest) {
		const fromCache = parent?.filename?.startsWith(cache);
		return resolve.call(this, request, fromCache && shared.has(request) ? module : parent, ...rest);
	};
	const base = path.join(cache, 'n8n-nodes-base', 'dist', 'nodes');
	const { HttpRequest } = require(path.join(base, 'HttpRequest', 'HttpRequest.node.js'));
	const { SplitOut } = require(path.join(base, 'Transform', 'SplitOut', 'SplitOut.node.js'));
	return { httpRequest: new HttpRequest(), splitOut: new SplitOut() };
}

/**
 * The HTTP Request node set up as n8n's pagination docs suggest for an API that pages by a body
 * parameter: "Update a Parameter in Each Request" with $pageCount, "Pagination Complete When:
 * Other" on the answer's own counts (so no trailing empty call), response format JSON (SmartSimple
 * labels its JSON text/html), then Split Out on `records` for one item per record.
 */
function httpRequestParameters({ pageSize, limit }) {
	const pageEnd = limit ? `Math.min(($pageCount + 1) * ${pageSize}, ${limit})` : `($pageCount + 1) * ${pageSize}`;
	const lastPage = limit
		? `$response.body.message.recordto >= Math.min(${limit}, $response.body.message.allcount)`
		: '$response.body.message.recordto >= $response.body.message.allcount';
	return {
		method: 'POST',
		url: endpointUrl('levelone'),
		sendBody: true,
		contentType: 'form-urlencoded',
		bodyParameters: {
			parameters: [
				...Object.entries(LOGIN).map(([name, value]) => ({ name, value })),
				{ name: 'apitoken', value: 'levelone-list-wide' },
				{ name: 'url', value: endpointUrl('levelone') },
			],
		},
		options: {
			response: { response: { responseFormat: 'json' } },
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: {
						parameters: [
							{
								type: 'body',
								name: 'othersettings',
								value: `={{ JSON.stringify({ recordstart: $pageCount * ${pageSize} + 1, recordend: ${pageEnd} }) }}`,
							},
						],
					},
					paginationCompleteWhen: 'other',
					completeExpression: `={{ ${lastPage} }}`,
				},
			},
		},
	};
}

// ---------------------------------------------------------------- scenarios per contender

async function setUp() {
	const n8n = spec.contender === 'c' ? undefined : require('../helpers/n8n');
	const run = (nodeType, parameters, input) =>
		n8n.runNode({ nodeType, parameters, credentials: nodeType === 'smartSimple' ? credentials : undefined, input });
	const expectItems = async (promise) => {
		const { items, error } = await promise;
		if (error) throw error;
		return items;
	};

	if (scenario.kind === 'read') {
		const read = {
			a: (s) => expectItems(run('smartSimple', parametersFor(s))),
			b: (s) => expectItems(run(FloorList, { pageSize: s.pageSize, limit: s.limit ?? 0 })),
			c: (s) => bare.read(s),
			d: (s) => runHttpRequestNode(n8n, s),
		}[spec.contender];
		return { warmUp: () => read({ ...scenario, pageSize: 1000, limit: 1000 }), work: () => read(scenario) };
	}
	if (scenario.kind === 'create') {
		const input = createInput(scenario.count);
		const create = {
			a: (items) => expectItems(run('smartSimple', parametersFor(scenario), items)),
			b: (items) => expectItems(run(FloorCreate, parametersFor(scenario), items)),
			c: (items) => bare.create(items),
		}[spec.contender];
		// A full-size warm-up: a create's per-item code is then compiled, as in a running n8n.
		return { warmUp: () => create(createInput(scenario.count)), work: () => create(input) };
	}
	// poll: the floors start where the sandbox clock is, as our trigger's first activation does
	pollSince = (await (await fetch(`${control}/now`)).json()).now;
	const poller = {
		a: () => n8n.createPoller({ parameters: parametersFor(scenario), credentials }),
		b: () => n8n.createPoller({ nodeType: FloorTrigger, parameters: {} }),
		c: () => {
			const state = { since: pollSince };
			return { poll: async () => [await bare.poll(state)] };
		},
	}[spec.contender]();
	const pollOnce = async () => {
		const result = await poller.poll();
		return Array.isArray(result) ? (result[0] ?? []) : [];
	};
	// Two polls: our trigger's first one is its activation (a different call), so its second runs
	// the measured path once, as the floors' polls do, and as a trigger in a running n8n has.
	const warmUp = async () => {
		await pollOnce();
		await pollOnce();
	};
	return { warmUp, work: pollOnce, repeat: scenario.changes ? 3 : 20 };
}

async function runHttpRequestNode(n8n, scenarioForRun) {
	const { httpRequest, splitOut } = (runHttpRequestNode.nodes ??= loadNodesBase());
	const { items, error } = await runChain(n8n, [
		{ type: httpRequest, name: 'HTTP Request', parameters: httpRequestParameters(scenarioForRun) },
		{ type: splitOut, name: 'Split Out', parameters: { fieldToSplitOut: 'records', include: 'noOtherFields', options: {} } },
	]);
	if (error) throw error;
	return items;
}

/** Runs Start -> nodes[0] -> nodes[1] ... through WorkflowExecute; the last node's items. */
async function runChain(n8n, nodes) {
	const { Workflow, createRunExecutionData } = require('n8n-workflow');
	const { WorkflowExecute } = require('n8n-core');
	const start = { id: 'start', name: 'Start', type: 'bench.start', typeVersion: 1, position: [0, 0], parameters: {} };
	const types = { [start.type]: new n8n.HarnessStart() };
	const workflowNodes = [start];
	const connections = {};
	let previous = start.name;
	for (const [i, { type, name, parameters }] of nodes.entries()) {
		const { defaultVersion, version } = type.description;
		const fullType = `n8n-nodes-base.${type.description.name}`;
		types[fullType] = type;
		workflowNodes.push({
			id: `node-${i}`,
			name,
			type: fullType,
			typeVersion: defaultVersion ?? (Array.isArray(version) ? version.at(-1) : version),
			position: [200 * (i + 1), 0],
			parameters,
		});
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	}
	const workflow = new Workflow({
		id: 'bench-workflow',
		name: 'Bench',
		nodes: workflowNodes,
		connections,
		active: false,
		nodeTypes: new n8n.NodeTypes(types),
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const additionalData = n8n.makeAdditionalData({
		mode: 'manual',
		workflowData: { id: workflow.id, name: workflow.name, nodes: workflowNodes, connections },
	});
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const task = run.data.resultData.runData[previous]?.[0];
	return { items: task?.data?.main?.[0], error: task?.error ?? run.data.resultData.error };
}

async function touch(count) {
	const response = await fetch(`${control}/touch`, { method: 'POST', body: JSON.stringify({ count }) });
	await response.json();
}

async function main() {
	const setup = await setUp();
	const { warmUp, work } = setup;
	// A profile (run.js --profile) measures a few repeats, for more samples.
	const repeat = spec.repeat ?? setup.repeat ?? 1;
	// run.js starts contenders with --expose-gc: a run starts from a collected heap, so the
	// warm-up's garbage (or the previous run's) is not collected inside the window, and the
	// collector's background threads get time to finish before the window opens (their CPU is
	// the process's). Polls, a few milliseconds each, collect once, after the warm-up.
	const collectGarbage = async () => {
		global.gc?.();
		await new Promise((resolve) => setTimeout(resolve, 250));
	};
	for (let round = 0; round < (spec.warmUps ?? 1); round++) await warmUp();
	await admin('POST', 'reset-calls');
	await collectGarbage();
	let wallMs = 0;
	let cpuMs = 0;
	let pageFaults = 0;
	let records = 0;
	const windows = [];
	for (let run = 0; run < repeat; run++) {
		if (scenario.changes) await touch(scenario.changes);
		if (scenario.kind !== 'poll' && run > 0) await collectGarbage();
		const figures = await measure(work);
		wallMs += figures.wallMs;
		cpuMs += figures.cpuMs;
		pageFaults += figures.pageFaults;
		records += figures.result.length;
		windows.push(figures.window);
	}
	const calls = await admin('GET', 'calls');
	const result = {
		calls: calls.length / repeat,
		sandboxMs: calls.reduce((sum, call) => sum + (call.answerMs ?? 0), 0) / repeat,
		wallMs: wallMs / repeat,
		cpuMs: cpuMs / repeat,
		pageFaults: pageFaults / repeat,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		records: records / repeat,
		runs: repeat,
		windows,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
	agent.destroy();
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	},
);
