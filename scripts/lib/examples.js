'use strict';
/**
 * The example workflows in examples/*.json are what users import: their SmartSimple credential
 * reference is a placeholder. These helpers fill in a real credential for dev and e2e.
 */
const fs = require('fs');
const path = require('path');
const { REPO } = require('./n8n-instance');

const EXAMPLES_DIR = path.join(REPO, 'examples');
const CREDENTIAL_TYPE = 'smartSimpleApi';

function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, f), 'utf8')) }));
}

/** A copy of the workflow whose SmartSimple nodes use the given credential. */
function withCredential(workflow, credential, overrides = {}) {
	const wf = JSON.parse(JSON.stringify(workflow));
	for (const node of wf.nodes) {
		if (node.credentials && node.credentials[CREDENTIAL_TYPE]) {
			node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
		}
	}
	return { ...wf, ...overrides };
}

/** The credential as `n8n import:credentials` takes it (plain data, encrypted on import). */
function sandboxCredential(id, name, sandboxCreds) {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: {
			instanceUrl: sandboxCreds.instanceUrl,
			alias: sandboxCreds.alias,
			companyId: String(sandboxCreds.companyId),
			username: sandboxCreds.username,
			password: sandboxCreds.password,
		},
	};
}

module.exports = { EXAMPLES_DIR, CREDENTIAL_TYPE, loadExamples, withCredential, sandboxCredential };
