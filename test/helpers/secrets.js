'use strict';
/**
 * Looking for secrets in what n8n keeps: the login (password, email, company ID, alias) and the
 * API tokens, in every encoding they could be echoed in, and n8n's logs captured while a test runs.
 *
 *   const { findSecrets, serialize, captureLogs, withoutWorkflowCopy } = require('../helpers/secrets');
 *   const logs = captureLogs();                 // every line n8n-core and the node log from now on
 *   findSecrets(text, secrets)                  // -> ['password (base64)', ...]: where, never what
 */
const util = require('util');
const { LoggerProxy } = require('n8n-workflow');

/** A secret as plain text, URL and form encoded, JSON-escaped, HTML-escaped and base64. */
function secretForms(secret) {
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	return {
		plain: secret,
		'URL-encoded': encodeURIComponent(secret),
		'form-encoded': new URLSearchParams({ s: secret }).toString().slice(2),
		'JSON-escaped': JSON.stringify(secret).slice(1, -1),
		'HTML-escaped': secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
		base64,
		'base64 unpadded': base64.replace(/=+$/, ''),
	};
}

/**
 * The secrets found in a text, as "name (encoding)" labels: the secrets themselves are never
 * printed. `secrets` maps a name to its value.
 */
function findSecrets(text, secrets) {
	const found = [];
	for (const [name, value] of Object.entries(secrets)) {
		if (!value) continue;
		for (const [encoding, form] of Object.entries(secretForms(String(value)))) {
			if (text.includes(form)) found.push(`${name} (${encoding})`);
		}
	}
	return [...new Set(found)];
}

/**
 * Everything a value holds as one text: its JSON, and each error inside it in full through
 * util.inspect (JSON leaves out an error's cause and stack, which n8n can still show or log).
 */
function serialize(value) {
	const errors = [];
	const seen = new Set();
	const walk = (node) => {
		if (typeof node !== 'object' || node === null || seen.has(node)) return;
		seen.add(node);
		if (node instanceof Error) errors.push(node);
		for (const child of Array.isArray(node) ? node : Object.values(node)) walk(child);
	};
	walk(value);
	let json;
	try {
		json = JSON.stringify(value);
	} catch {
		json = util.inspect(value, { depth: 30, maxArrayLength: null, maxStringLength: null });
	}
	const inspected = errors.map((error) => util.inspect(error, { depth: 30, maxStringLength: null }));
	return [json, ...inspected].join('\n');
}

/**
 * An execution's data without the places where n8n keeps the workflow's own nodes (their
 * parameters hold the API token by design): the node of each entry of the execution stack,
 * which is the workflow's node itself. Everything else stays to be scanned.
 */
function withoutWorkflowCopy(run) {
	const stack = run?.data?.executionData?.nodeExecutionStack;
	if (!Array.isArray(stack)) return run;
	return {
		...run,
		data: {
			...run.data,
			executionData: {
				...run.data.executionData,
				nodeExecutionStack: stack.map(({ node, ...entry }) => ({ ...entry, node: node?.name })),
			},
		},
	};
}

/**
 * Captures every log line from now on: n8n-workflow's LoggerProxy and the Logger n8n-core gives
 * each node context (`this.logger`), as the node would write to n8n's log.
 */
function captureLogs() {
	const lines = [];
	const record = (level) => (message, meta) => lines.push(`${level} ${message} ${meta ? serialize(meta) : ''}`);
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		verbose: record('verbose'),
	};
	logger.scoped = () => logger;
	LoggerProxy.init(logger);
	const corePaths = { paths: [require.resolve('n8n-core')] };
	const { Container } = require(require.resolve('@n8n/di', corePaths));
	const { Logger } = require(require.resolve('@n8n/backend-common', corePaths));
	Container.set(Logger, logger);
	return lines;
}

module.exports = { secretForms, findSecrets, serialize, captureLogs, withoutWorkflowCopy };
