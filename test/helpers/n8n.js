'use strict';
/**
 * In-process n8n harness: runs our node and trigger through n8n-core's real WorkflowExecute
 * and PollContext (real Workflow, expressions, credentials helper, httpRequestWithAuthentication,
 * continueOnFail, pairedItem, static data). No hand-mocked IExecuteFunctions.
 *
 *   const { runNode, createPoller, testCredential, runLoadOptions, binaryToBuffer } = require('../helpers/n8n');
 *
 * See docs/ARCHITECTURE.md, "In-process n8n harness".
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

// n8n-core writes its config (encryption key) into N8N_USER_FOLDER when first loaded.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
}
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

const {
	Workflow,
	LoggerProxy,
	NodeHelpers,
	ICredentialsHelper,
	createRunExecutionData,
} = require('n8n-workflow');
const {
	WorkflowExecute,
	PollContext,
	ExecutionLifecycleHooks,
	Credentials,
	ExecuteContext,
	CredentialTestContext,
	LoadOptionsContext,
	RoutingNode,
} = require('n8n-core');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = 'n8n-nodes-smartsimple';

const noop = () => {};
const silentLogger = { error: noop, warn: noop, info: noop, debug: noop, verbose: noop };
silentLogger.scoped = () => silentLogger;
LoggerProxy.init(silentLogger);

// ---------------------------------------------------------------- loading our classes

/** Known node files under dist/, by short name. */
const NODE_FILES = {
	smartSimple: 'dist/nodes/SmartSimple/SmartSimple.node.js',
	smartSimpleTrigger: 'dist/nodes/SmartSimple/SmartSimpleTrigger.node.js',
};
const CREDENTIAL_FILES = {
	smartSimpleApi: 'dist/credentials/SmartSimpleApi.credentials.js',
};

function instantiateFirstClass(file) {
	const mod = require(path.join(ROOT, file));
	const Cls = Object.values(mod).find((v) => typeof v === 'function');
	if (!Cls) throw new Error(`${file} exports no class`);
	return new Cls();
}

/** Returns an INodeType / IVersionedNodeType instance for a short name, class or instance. */
function loadNodeType(nodeType) {
	if (typeof nodeType === 'string') {
		const file = NODE_FILES[nodeType];
		if (!file) throw new Error(`Unknown node type "${nodeType}" (known: ${Object.keys(NODE_FILES)})`);
		return instantiateFirstClass(file);
	}
	if (typeof nodeType === 'function') return new nodeType();
	return nodeType;
}

const credentialTypeCache = new Map();
/** The ICredentialType instance for a credential name (compiled copy in dist/). */
function loadCredentialType(name) {
	if (!credentialTypeCache.has(name)) {
		const file = CREDENTIAL_FILES[name];
		if (!file) throw new Error(`Unknown credential type "${name}"`);
		credentialTypeCache.set(name, instantiateFirstClass(file));
	}
	return credentialTypeCache.get(name);
}

// ---------------------------------------------------------------- node types

/** Start node standing in for Manual Trigger: passes on the items it is seeded with. */
class HarnessStart {
	constructor() {
		this.description = {
			displayName: 'Start',
			name: 'harnessStart',
			group: ['input'],
			version: 1,
			description: 'Emits the test input items',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		};
	}
	async execute() {
		return [this.getInputData().map((item, i) => ({ ...item, pairedItem: { item: i } }))];
	}
}

/** INodeTypes over a fixed map of full type name -> instance. */
class NodeTypes {
	constructor(byName) {
		this.byName = byName;
	}
	getByName(name) {
		const type = this.byName[name];
		if (!type) throw new Error(`Node type "${name}" is not known to the harness`);
		return type;
	}
	getByNameAndVersion(name, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}
	getKnownTypes() {
		return {};
	}
}

function describe(nodeTypeInstance) {
	// IVersionedNodeType has description.defaultVersion + nodeVersions; INodeType has description.version.
	const d = nodeTypeInstance.description;
	const version = d.defaultVersion ?? (Array.isArray(d.version) ? d.version.at(-1) : d.version);
	return { name: d.name, displayName: d.displayName, defaultName: d.defaults?.name, version };
}

/**
 * Our node as a workflow node, built the same way by runNode, createPoller and runLoadOptions:
 * the type instance, and the node (full type name, default name and version unless given,
 * harness credentials when the test gives credentials). `extra` is appended to the node.
 */
function harnessNode({ id, nodeType, typeVersion, name, parameters, credentials, position = [0, 0], extra = {} }) {
	const type = loadNodeType(nodeType);
	const info = describe(type);
	const version = typeVersion ?? info.version;
	const node = {
		id,
		name: name ?? info.defaultName ?? info.displayName,
		type: `${PACKAGE}.${info.name}`,
		typeVersion: version,
		position,
		parameters,
		credentials: credentials ? nodeCredentialsFor(type, version) : undefined,
		...extra,
	};
	return { type, node };
}

// ---------------------------------------------------------------- credentials

/**
 * ICredentialsHelper returning the test's credential data and applying the credential type's real
 * `authenticate` (a function, or a generic { type: 'generic', properties } applied like n8n does).
 */
class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(dataByType) {
		super();
		this.dataByType = dataByType;
	}
	getParentTypes(name) {
		const type = loadCredentialType(name);
		const parents = [].concat(type.extends ?? []);
		return parents.flatMap((p) => [p, ...(CREDENTIAL_FILES[p] ? this.getParentTypes(p) : [])]);
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = loadCredentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (authenticate && typeof authenticate === 'object' && authenticate.type === 'generic') {
			requestOptions.headers = requestOptions.headers ?? {};
			const resolve = (value) =>
				typeof value === 'string' && value.startsWith('=') && workflow
					? workflow.expression.getSimpleParameterValue(
							node,
							value,
							'internal',
							{ $credentials: credentials },
							undefined,
							'',
						)
					: value;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue)) {
					requestOptions[outerKey] = requestOptions[outerKey] ?? {};
					requestOptions[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions;
	}
	async preAuthentication() {
		return undefined; // our credential has no expirable (pre-authenticated) property
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(nodeCredentials, type) {
		return new Credentials(nodeCredentials, type, '');
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		const data = this.dataByType[type];
		if (!data) throw new Error(`The harness was given no credentials of type "${type}"`);
		return { ...data }; // a copy, as n8n decrypts afresh for every call
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties(type) {
		return loadCredentialType(type).properties;
	}
}

// ---------------------------------------------------------------- additionalData

function makeAdditionalData({ credentials, mode, workflowData, currentNodeParameters }) {
	const hooks = new ExecutionLifecycleHooks(mode, 'harness-execution', workflowData);
	return {
		credentialsHelper: new HarnessCredentialsHelper({ smartSimpleApi: credentials }),
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in the harness');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters,
		executionId: 'harness-execution',
		userId: 'harness-user',
		variables: {},
		setExecutionStatus: noop,
		sendDataToUI: noop,
		logAiEvent: noop,
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in the harness');
		},
	};
}

function nodeCredentialsFor(nodeTypeInstance, typeVersion) {
	const versioned = NodeHelpers.getVersionedNodeType(nodeTypeInstance, typeVersion);
	const declared = versioned.description.credentials ?? [];
	return Object.fromEntries(
		declared.map((c) => [c.name, { id: `harness-${c.name}`, name: `${c.name} (harness)` }]),
	);
}

// ---------------------------------------------------------------- runNode

/**
 * Runs [Start] -> [node] through WorkflowExecute; `timezone` is the workflow setting (this.getTimezone()).
 * `onRunning(execution)` gets the running execution (n8n's cancelable promise) as it starts.
 * @returns {{ items: object[]|undefined, error: Error|undefined, runData: object, run: object }}
 */
async function runNode({
	nodeType = 'smartSimple',
	parameters = {},
	credentials,
	input = [{ json: {} }],
	continueOnFail = false,
	typeVersion,
	name,
	mode = 'manual',
	timezone,
	onRunning,
}) {
	const { type, node } = harnessNode({
		id: 'harness-node',
		nodeType,
		typeVersion,
		name,
		parameters,
		credentials,
		position: [200, 0],
		extra: continueOnFail ? { onError: 'continueRegularOutput' } : {},
	});
	const { name: nodeName, type: fullType } = node;

	const startNode = {
		id: 'harness-start',
		name: 'Start',
		type: `${PACKAGE}.harnessStart`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections = {
		Start: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
	};
	const nodeTypes = new NodeTypes({
		[startNode.type]: new HarnessStart(),
		[fullType]: type,
	});
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness',
		nodes: [startNode, node],
		connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: { executionOrder: 'v1', ...(timezone ? { timezone } : {}) },
	});
	const additionalData = makeAdditionalData({
		credentials,
		mode,
		workflowData: { id: workflow.id, name: workflow.name, nodes: [startNode, node], connections },
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [input] }, source: null }],
		},
	});
	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const execution = workflowExecute.processRunExecutionData(workflow);
	onRunning?.(execution);
	const run = await execution;

	const runData = run.data.resultData.runData;
	const task = runData[nodeName]?.[0];
	const startError = runData.Start?.[0]?.error;
	return {
		items: task?.data?.main?.[0] ?? undefined,
		error: task?.error ?? startError ?? (task ? undefined : run.data.resultData.error),
		runData,
		run,
	};
}

// ---------------------------------------------------------------- polling trigger

/**
 * A trigger node inside an "active" workflow whose poll() can be ticked repeatedly; the node's
 * static data lives on the workflow between ticks, as in n8n.
 */
function createPoller({
	nodeType = 'smartSimpleTrigger',
	parameters = {},
	credentials,
	staticData = {},
	typeVersion,
	name,
}) {
	const { type, node } = harnessNode({ id: 'harness-trigger', nodeType, typeVersion, name, parameters, credentials });
	const { name: nodeName, type: fullType } = node;
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new NodeTypes({ [fullType]: type }),
		staticData: { [`node:${nodeName}`]: staticData },
		settings: { executionOrder: 'v1' },
	});

	return {
		workflow,
		node,
		/** The node's static data (live object, carried across ticks). */
		get staticData() {
			return workflow.getStaticData('node', node);
		},
		/** One poll tick. mode 'trigger' = active workflow, 'manual' = "Fetch Test Event". */
		async poll(mode = 'trigger') {
			const additionalData = makeAdditionalData({
				credentials,
				mode,
				currentNodeParameters: node.parameters,
				workflowData: { id: workflow.id, name: workflow.name, nodes: [node], connections: {} },
			});
			const context = new PollContext(
				workflow,
				node,
				additionalData,
				mode,
				mode === 'manual' ? 'manual' : 'init',
			);
			const nodeTypeForVersion = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			return (await nodeTypeForVersion.poll.call(context)) ?? null;
		},
	};
}

// ---------------------------------------------------------------- loadOptions / resourceMapping

/**
 * Calls one of the node's `methods.loadOptions` / `methods.resourceMapping` functions the way the
 * editor does: in n8n-core's LoadOptionsContext, the node alone in a workflow with the given
 * parameters, credentials resolved by HarnessCredentialsHelper. `path` is the parameter the
 * editor asks for (what getCurrentNodeParameter resolves relative to).
 * @returns what the method returns (INodePropertyOptions[] or ResourceMapperFields).
 */
async function runLoadOptions({
	nodeType = 'smartSimple',
	parameters = {},
	credentials,
	kind = 'loadOptions',
	method,
	path: parameterPath,
	typeVersion,
}) {
	const { type, node } = harnessNode({ id: 'harness-node', nodeType, typeVersion, parameters, credentials });
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes({ [node.type]: type }),
	});
	const additionalData = {
		credentialsHelper: new HarnessCredentialsHelper({ smartSimpleApi: credentials }),
		currentNodeParameters: parameters,
	};
	const context = new LoadOptionsContext(workflow, node, additionalData, parameterPath);
	const fn = type.methods?.[kind]?.[method];
	if (typeof fn !== 'function') throw new Error(`The node has no methods.${kind}.${method}`);
	return await fn.call(context);
}

// ---------------------------------------------------------------- credential test

/**
 * The test function a node names for the credential (`testedBy` on its credentials entry, a
 * method in `methods.credentialTest`), found as n8n's CredentialsTester finds it.
 */
function nodeCredentialTest(credentialType) {
	for (const shortName of Object.keys(NODE_FILES)) {
		const type = loadNodeType(shortName);
		for (const { name, testedBy } of type.description.credentials ?? []) {
			if (name === credentialType && typeof testedBy === 'string') return type.methods?.credentialTest?.[testedBy];
		}
	}
	return undefined;
}

function getPath(obj, dotted) {
	return String(dotted)
		.split('.')
		.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

/**
 * Tests a credential the way n8n's CredentialsTester does: the test function a node names with
 * `testedBy` where the credential type has no `test`; else the credential type's declarative `test` (n8n 2.x
 * packages/cli/src/services/credentials-tester.service.ts): a temporary node whose only property
 * routes `test.request`, run by RoutingNode in an ExecuteContext (mode 'internal'), then the
 * `rules` applied. Returns { status: 'OK' | 'Error', message }.
 * Not reproduced: n8n's credential defaults/overwrites and $secrets redaction.
 */
async function testCredential(credentials, credentialType = 'smartSimpleApi') {
	const { test } = loadCredentialType(credentialType);
	if (!test) {
		const testFunction = nodeCredentialTest(credentialType);
		if (!testFunction) return { status: 'Error', message: 'No testing function found for this credential.' };
		// As CredentialsTester runs a node's test function: in n8n-core's CredentialTestContext.
		const additionalData = makeAdditionalData({
			credentials,
			mode: 'internal',
			workflowData: { id: 'cred-test', name: 'Credential test', nodes: [], connections: {} },
		});
		return await testFunction.call(new CredentialTestContext(additionalData), {
			id: 'harness-credential',
			name: 'Harness credential',
			type: credentialType,
			data: { ...credentials },
		});
	}
	if (typeof test !== 'object' || !test.request) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType]: { id: 'harness-credential', name: 'Harness credential' } },
	};
	const nodeTypeCopy = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'noOp',
			group: ['organization'],
			version: 1,
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes({ [node.type]: nodeTypeCopy }),
	});
	const additionalData = makeAdditionalData({
		credentials,
		mode: 'internal',
		workflowData: { id: 'cred-test', name: 'Credential test', nodes: [node], connections: {} },
	});
	additionalData.credentialsHelper = new HarnessCredentialsHelper({ [credentialType]: credentials });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } },
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = {
		id: 'harness-credential',
		name: 'Harness credential',
		type: credentialType,
		data: { ...credentials },
	};
	const rules = Array.isArray(test.rules) ? test.rules : [];
	let response;
	try {
		response = await new RoutingNode(context, nodeTypeCopy, credentialsDecrypted).runNode();
	} catch (error) {
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			for (const rule of rules) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of rules) {
		if (rule.type === 'responseSuccessBody') {
			if (getPath(response[0][0].json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

// ---------------------------------------------------------------- binary

/** Reads back the bytes of item.binary[propertyName] (in-memory base64 or binary data service). */
async function binaryToBuffer(item, propertyName = 'data') {
	const binary = item.binary?.[propertyName];
	if (!binary) throw new Error(`Item has no binary property "${propertyName}"`);
	if (binary.id) {
		const { Container } = require('@n8n/di');
		const { BinaryDataService } = require('n8n-core');
		return await Container.get(BinaryDataService).getAsBuffer(binary);
	}
	return Buffer.from(binary.data, 'base64');
}

module.exports = {
	runNode,
	createPoller,
	testCredential,
	runLoadOptions,
	binaryToBuffer,
	loadNodeType,
	loadCredentialType,
	HarnessCredentialsHelper,
	HarnessStart,
	NodeTypes,
	makeAdditionalData,
};
