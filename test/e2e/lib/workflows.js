'use strict';
/**
 * Workflows the e2e suite imports into real n8n and runs with `n8n execute`, and helpers to read
 * their `--rawOutput` result. The example workflows come from examples/*.json; the operation
 * families below cover every operation of the node. Each case has an `assert(result, ctx)`.
 */
const assert = require('assert/strict');

const NODE_TYPE = 'n8n-nodes-smartsimple.smartSimple';
const START = 'Start';

let uuidCounter = 0;
const nodeId = () => `00000000-0000-4000-8000-${String(++uuidCounter).padStart(12, '0')}`;

function startNode() {
	return { id: nodeId(), name: START, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
}

function codeNode(name, items) {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
	};
}

/** A SmartSimple node; errors become output items so that one failing branch hides no others. */
function ss(name, parameters, credential, extra = {}) {
	return {
		id: nodeId(),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { smartSimpleApi: { id: credential.id, name: credential.name } },
		...extra,
	};
}

/** Start -> every node as its own branch. */
function fanout(id, name, nodes) {
	nodes.forEach((n, i) => (n.position = [300, i * 160]));
	return {
		id,
		name,
		nodes: [startNode(), ...nodes],
		connections: { [START]: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** Start -> a -> b -> c. */
function chain(id, name, nodes) {
	const all = [startNode(), ...nodes];
	all.forEach((n, i) => (n.position = [i * 220, 0]));
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes: all, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** The JSON of the items a node output on its first run (main output 0). */
function nodeItems(result, nodeName) {
	// `n8n execute --rawOutput` prints an IRun ({ data: { resultData } }); the REST API's
	// execution data is the IRunExecutionData itself ({ resultData })
	const resultData = result && ((result.data && result.data.resultData) || result.resultData);
	const runs = resultData && resultData.runData;
	if (!runs) throw new Error(`no runData in the result: ${JSON.stringify(result).slice(0, 500)}`);
	const run = runs[nodeName];
	if (!run) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(runs).join(', ')})`);
	if (run[0].error) throw new Error(`node "${nodeName}" failed: ${run[0].error.message}`);
	const main = run[0].data && run[0].data.main && run[0].data.main[0];
	return main || [];
}

const jsonOf = (result, nodeName) => nodeItems(result, nodeName).map((i) => i.json);

/** Items must carry no `error` key (errors are output items under continueRegularOutput). */
function okItems(result, nodeName) {
	const items = jsonOf(result, nodeName);
	const failed = items.filter((j) => j && j.error);
	if (failed.length) throw new Error(`node "${nodeName}" output errors: ${JSON.stringify(failed[0]).slice(0, 400)}`);
	return items;
}

function resultError(result) {
	return result && result.data && result.data.resultData && result.data.resultData.error;
}

const continueOnError = { onError: 'continueRegularOutput' };

/**
 * The operation families. `ctx.sb` is the in-process sandbox (its store gives expected values),
 * `ctx.cred` the credential reference. Returns [{ workflow, assert(result, ctx) }].
 */
function operationCases(ctx) {
	const { sb, cred } = ctx;
	const store = sb.store;
	const first = (ep, pred = () => true) => {
		const r = store.list(ep).find(pred);
		if (!r) throw new Error(`the sandbox has no ${ep} record for this test`);
		return r;
	};
	const filesOf = (ep) => {
		for (const r of store.list(ep)) {
			const f = store.files(ep, r.recordid);
			if (f && f.length) return { record: r, files: f };
		}
		throw new Error(`no ${ep} record with files in the sandbox`);
	};
	const cases = [];

	// --- reads: one workflow, one branch per operation ------------------------------------
	const company = first('company');
	const levelThree = first('levelthree');
	const sysvars = store.list('sysvar');
	const l1WithFiles = filesOf('levelone');
	const aFile = l1WithFiles.files[0];
	const l1 = first('levelone');
	const reads = fanout('ssE2eReads', 'e2e: read operations', [
		ss('Company get', { resource: 'company', operation: 'get', apiToken: 'company-get', recordId: company.recordid }, cred, continueOnError),
		ss('Contacts get many (limit 5)', { resource: 'user', operation: 'getAll', apiToken: 'user-list', returnAll: false, limit: 5 }, cred, continueOnError),
		ss(
			'Level 2 get many (like filter, all)',
			{
				resource: 'levelTwo',
				operation: 'getAll',
				apiToken: 'leveltwo-list',
				returnAll: true,
				filters: { conditions: [{ andor: 'and', field: 'sf_Name', operator: 'like', value: 'a' }] },
				options: { pageSize: 10 },
			},
			cred,
			continueOnError,
		),
		ss('Level 3 get', { resource: 'levelThree', operation: 'get', apiToken: 'levelthree-get', recordId: levelThree.recordid }, cred, continueOnError),
		ss('Transactions get many (limit 3)', { resource: 'transaction', operation: 'getAll', apiToken: 'transactions-list', returnAll: false, limit: 3 }, cred, continueOnError),
		ss('Report rows', { resource: 'report', operation: 'getAll', apiToken: 'report-list', returnAll: true }, cred, continueOnError),
		ss('System variables get many', { resource: 'systemVariable', operation: 'getAll', apiToken: 'sysvar-list', returnAll: true }, cred, continueOnError),
		ss('Level 1 meta', { resource: 'levelOne', operation: 'getMeta', apiToken: 'levelone-getmeta' }, cred, continueOnError),
		ss('Level 1 list files', { resource: 'levelOne', operation: 'listFiles', apiToken: 'levelone-listfiles', recordId: l1WithFiles.record.recordid, fieldId: aFile.fieldid }, cred, continueOnError),
		ss(
			'Level 1 download file',
			{
				resource: 'levelOne',
				operation: 'downloadFile',
				apiToken: 'levelone-downloadfile',
				recordId: l1WithFiles.record.recordid,
				fieldId: aFile.fieldid,
				fileName: aFile.filename,
				binaryPropertyName: 'data',
			},
			cred,
			continueOnError,
		),
		ss('Level 1 search files', { resource: 'levelOne', operation: 'searchFiles', apiToken: 'levelone-searchfiles', keyword: aFile.filename.slice(0, 4) }, cred, continueOnError),
		ss('Level 1 list associations', { resource: 'levelOne', operation: 'listAssociations', apiToken: 'levelone-listassociations', recordId: l1.recordid }, cred, continueOnError),
		ss('Company list addresses', { resource: 'company', operation: 'listAddresses', apiToken: 'company-listaddresses', recordId: company.recordid }, cred, continueOnError),
		ss('Company replace variables', { resource: 'company', operation: 'replaceVariables', apiToken: 'company-variablesreplace', recordId: company.recordid, content: 'Dear @sf_Name@,' }, cred, continueOnError),
	]);
	cases.push({
		family: 'reads',
		workflow: reads,
		checks: {
			'company get returns the record': (r) => {
				const [item, ...rest] = okItems(r, 'Company get');
				assert.equal(rest.length, 0);
				assert.equal(String(item.recordid), company.recordid);
				assert.equal(item.sf_Name, company.sf_Name);
			},
			'contacts get many honours the limit': (r) => assert.equal(okItems(r, 'Contacts get many (limit 5)').length, 5),
			'level 2 get many with a like filter returns every match across pages': (r) => {
				const items = okItems(r, 'Level 2 get many (like filter, all)');
				const expected = store.list('leveltwo').filter((x) => /a/i.test(x.sf_Name || ''));
				assert.equal(items.length, expected.length);
				assert.deepEqual(items.map((i) => String(i.recordid)).sort(), expected.map((x) => x.recordid).sort());
			},
			'level 3 get returns the record': (r) => assert.equal(String(okItems(r, 'Level 3 get')[0].recordid), levelThree.recordid),
			'transactions get many honours the limit': (r) => assert.equal(okItems(r, 'Transactions get many (limit 3)').length, 3),
			'report returns one item per row': (r) => {
				const items = okItems(r, 'Report rows');
				assert.ok(items.length > 0, 'no report rows');
				assert.ok(Object.keys(items[0]).length > 0);
			},
			'system variables get many returns them all': (r) => assert.equal(okItems(r, 'System variables get many').length, sysvars.length),
			'get meta returns types, statuses and fields': (r) => {
				const text = JSON.stringify(okItems(r, 'Level 1 meta'));
				for (const s of ['Grant Application', 'Submitted', 'Program Area']) assert.ok(text.includes(s), `meta lacks "${s}": ${text.slice(0, 300)}`);
			},
			'list files returns the files of the record': (r) => {
				const items = okItems(r, 'Level 1 list files');
				assert.ok(items.some((i) => i.filename === aFile.filename), JSON.stringify(items).slice(0, 300));
			},
			'download file outputs binary data with its name and type': (r) => {
				const [item] = nodeItems(r, 'Level 1 download file');
				assert.ok(!item.json.error, item.json.error);
				assert.ok(item.binary && item.binary.data, `no binary.data: ${JSON.stringify(item).slice(0, 300)}`);
				assert.equal(item.binary.data.fileName, aFile.filename);
				assert.ok(item.binary.data.mimeType, 'no mimeType');
			},
			'search files finds the file': (r) => {
				const items = okItems(r, 'Level 1 search files');
				assert.ok(items.some((i) => i.filename === aFile.filename), JSON.stringify(items).slice(0, 300));
			},
			'list associations returns contacts and companies': (r) => {
				const items = okItems(r, 'Level 1 list associations');
				assert.ok(items.length > 0 && items.every((i) => i.associationid), JSON.stringify(items).slice(0, 300));
			},
			'list addresses returns addresses': (r) => {
				const items = okItems(r, 'Company list addresses');
				assert.ok(items.length > 0 && items.every((i) => i.addressid), JSON.stringify(items).slice(0, 300));
			},
			'replace variables fills in the record': (r) => {
				const [item] = okItems(r, 'Company replace variables');
				assert.ok(String(item.content).includes(company.sf_Name), JSON.stringify(item));
			},
		},
	});

	// --- writes ------------------------------------------------------------------------------
	const l1ToUpdate = store.list('levelone')[1];
	const txToDelete = store.list('transactions')[2];
	const sysvar = sysvars[0];
	const contact = first('user');
	const parent = store.list('levelone')[2];
	const writes = fanout('ssE2eWrites', 'e2e: write operations', [
		ss(
			'Level 1 update',
			{
				resource: 'levelOne',
				operation: 'update',
				apiToken: 'levelone-update-byid',
				recordId: l1ToUpdate.recordid,
				fieldList: 'sf_Name;;cf_1234567',
				columns: { mappingMode: 'defineBelow', value: { sf_Name: 'Renamed by e2e', cf_1234567: '3' }, matchingColumns: [], schema: [] },
			},
			cred,
			continueOnError,
		),
		ss(
			'Level 2 create',
			{
				resource: 'levelTwo',
				operation: 'create',
				apiToken: 'leveltwo-update',
				fieldList: 'sf_Name;;sf_Type;;sf_Status;;sf_Parent ID;;sf_Start Date;;sf_End Date;;sf_Owner;;cf_Payment Amount',
				columns: {
					mappingMode: 'defineBelow',
					value: {
						sf_Name: 'Payment created by e2e',
						sf_Type: '2',
						sf_Status: '1',
						'sf_Parent ID': parent.recordid,
						'sf_Start Date': '2025-01-01',
						'sf_End Date': '2025-12-31',
						sf_Owner: '',
						'cf_Payment Amount': '1234',
					},
					matchingColumns: [],
					schema: [],
				},
			},
			cred,
			continueOnError,
		),
		ss('Transaction delete', { resource: 'transaction', operation: 'delete', apiToken: 'transactions-delete', recordId: txToDelete.recordid }, cred, continueOnError),
		ss(
			'System variable update',
			{
				resource: 'systemVariable',
				operation: 'update',
				apiToken: 'sysvar-update',
				recordId: sysvar.recordid,
				fieldList: 'sf_Name;;sf_Value;;sf_Description',
				columns: {
					mappingMode: 'defineBelow',
					value: { sf_Name: sysvar.sf_Name, sf_Value: 'e2e-value', sf_Description: 'set by e2e' },
					matchingColumns: [],
					schema: [],
				},
			},
			cred,
			continueOnError,
		),
		ss(
			'Level 1 update associations',
			{
				resource: 'levelOne',
				operation: 'updateAssociations',
				apiToken: 'levelone-updateassociations',
				recordId: l1.recordid,
				associations: { association: [{ type: 'contact', id: contact.recordid, roleName: 'Reviewer' }] },
			},
			cred,
			continueOnError,
		),
		ss(
			'Company update addresses',
			{
				resource: 'company',
				operation: 'updateAddresses',
				apiToken: 'company-updateaddresses',
				recordId: company.recordid,
				addressId: '0',
				addressFields: { addressType: 'Mailing', address: '1 E2E Street', city: 'Testville', country: 'Canada', postalCode: 'A1A 1A1' },
			},
			cred,
			continueOnError,
		),
		ss(
			'Level 1 update meta',
			{
				resource: 'levelOne',
				operation: 'updateMeta',
				apiToken: 'levelone-updatemeta',
				inputMode: 'define',
				changes: { change: [{ kind: 'status', id: '0', level: 'resource', name: 'On Hold (e2e)' }] },
			},
			cred,
			continueOnError,
		),
	]);
	cases.push({
		family: 'writes',
		workflow: writes,
		checks: {
			'update changes the record in SmartSimple': (r) => {
				const [item] = okItems(r, 'Level 1 update');
				assert.equal(String(item.recordid), l1ToUpdate.recordid);
				const now = store.get('levelone', l1ToUpdate.recordid);
				assert.equal(now.sf_Name, 'Renamed by e2e');
			},
			'create adds a record and outputs its new ID': (r) => {
				const [item] = okItems(r, 'Level 2 create');
				assert.ok(item.recordid && item.recordid !== '0', JSON.stringify(item));
				const created = store.get('leveltwo', item.recordid);
				assert.ok(created, `record ${item.recordid} not in the sandbox`);
				assert.equal(created.sf_Name, 'Payment created by e2e');
			},
			'delete removes the record': (r) => {
				const [item] = okItems(r, 'Transaction delete');
				assert.ok(JSON.stringify(item).includes('deleted'), JSON.stringify(item));
				assert.equal(store.get('transactions', txToDelete.recordid), undefined);
			},
			'system variable update changes the value': (r) => {
				okItems(r, 'System variable update');
				assert.equal(store.get('sysvar', sysvar.recordid).sf_Value, 'e2e-value');
			},
			'update associations adds the contact': (r) => {
				okItems(r, 'Level 1 update associations');
				const text = JSON.stringify(store.associations('levelone', l1.recordid));
				assert.ok(text.includes(contact.recordid), text.slice(0, 300));
			},
			'update addresses adds the address': (r) => {
				okItems(r, 'Company update addresses');
				const text = JSON.stringify(store.addresses('company', company.recordid));
				assert.ok(text.includes('1 E2E Street'), text.slice(0, 300));
			},
			'update meta adds the status': (r) => {
				okItems(r, 'Level 1 update meta');
				assert.ok(JSON.stringify(store.meta('levelone')).includes('On Hold (e2e)'));
			},
		},
	});
	cases.push(...laterActionCases(ctx));
	return cases;
}

/** Every byte value, a CR LF and a delimiter-like line: what an upload must carry exactly. */
const UPLOAD_BYTES = Buffer.concat([Buffer.from([...Array(256).keys()]), Buffer.from('\r\n--boundary\r\n%PDF-1.4', 'latin1')]);
const UPLOAD_NAME = 'Budget (final) [v2] – Résumé été.bin';

/**
 * The actions added after the vendor's guide, and the credential in n8n's HTTP Request node.
 * Files: Code (a file of every byte value, an awkward name) -> Upload to A -> Download A ->
 * Upload the downloaded file to B -> Delete A. The bytes n8n downloaded are the bytes SmartSimple
 * holds for B, so comparing B with the original compares the download too.
 */
function laterActionCases({ sb, cred }) {
	const store = sb.store;
	const { linksOf, notesOf } = require('../../sandbox/links');
	const [recordA, recordB] = store.list('levelone').slice(5, 7).map((r) => r.recordid);
	const FIELD_A = '1234580';
	const FIELD_B = '1234581';
	const files = chain('ssE2eFiles', 'e2e: upload, download, re-upload, delete a file', [
		{
			...codeNode('Make a file', []),
			parameters: {
				jsCode: `return [{ json: { made: true }, binary: { data: { data: ${JSON.stringify(UPLOAD_BYTES.toString('base64'))}, mimeType: 'application/octet-stream', fileName: ${JSON.stringify(UPLOAD_NAME)} } } }];`,
			},
		},
		ss('Upload to A', { resource: 'levelOne', operation: 'uploadFile', apiToken: 'levelone-uploadfile', recordId: recordA, fieldId: FIELD_A, binaryPropertyName: 'data' }, cred),
		ss(
			'Download A',
			{ resource: 'levelOne', operation: 'downloadFile', apiToken: 'levelone-downloadfile', recordId: '={{ $json.recordId }}', fieldId: '={{ $json.fieldId }}', fileName: '={{ $json.fileName }}', binaryPropertyName: 'data' },
			cred,
		),
		ss('Upload download to B', { resource: 'levelOne', operation: 'uploadFile', apiToken: 'levelone-uploadfile', recordId: recordB, fieldId: FIELD_B, binaryPropertyName: 'data' }, cred),
		ss(
			'Delete A',
			{
				resource: 'levelOne',
				operation: 'deleteFile',
				apiToken: 'levelone-deletefile',
				recordId: "={{ $('Upload to A').item.json.recordId }}",
				fieldId: "={{ $('Upload to A').item.json.fieldId }}",
				fileName: "={{ $('Upload to A').item.json.fileName }}",
			},
			cred,
		),
	]);
	const storedIn = (recordId, fieldId) => store.files('levelone', recordId).find((f) => f.fieldid === fieldId && f.filename === UPLOAD_NAME);

	const noted = store.list('company').find((r) => notesOf(store, 'company', r.recordid).length > 0);
	const link = linksOf(store, 'levelone')[0];
	const [p, c] = store.list('levelone').slice(8, 10).map((r) => r.recordid);
	const l1ForTx = store.list('levelone')[0].recordid;
	const apiUrl = `${sb.url}/API/1/levelone/`;
	const others = fanout('ssE2eLater', 'e2e: notes, provider/consumer, transactions v2, HTTP Request node', [
		ss('Company list notes', { resource: 'company', operation: 'listNotes', apiToken: 'company-listnotes', recordId: noted.recordid, returnAll: true }, cred, continueOnError),
		ss('Level 1 list links', { resource: 'levelOne', operation: 'listProviderConsumer', apiToken: 'levelone-listproviderconsumer', recordId: link.providerid, returnAll: true }, cred, continueOnError),
		ss(
			'Level 1 create link',
			{ resource: 'levelOne', operation: 'updateProviderConsumer', apiToken: 'levelone-updateproviderconsumer', associationId: '0', providerId: p, consumerId: c, roleName: 'Cycle' },
			cred,
			continueOnError,
		),
		ss(
			'Transaction create on API v2',
			{
				resource: 'transaction',
				operation: 'create',
				apiToken: 'transactions-update-v2',
				fieldList: 'sf_Object ID;;sf_Subject;;sf_Status;;sf_Type;translevel',
				columns: { mappingMode: 'defineBelow', value: { 'sf_Object ID': l1ForTx, sf_Subject: 'Created by e2e on API v2', sf_Status: '1', sf_Type: '2' }, matchingColumns: [], schema: [] },
				options: { transactionLevel: '1' },
			},
			cred,
			continueOnError,
		),
		{
			id: nodeId(),
			name: 'HTTP Request with the SmartSimple credential',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [400, 0],
			parameters: {
				method: 'POST',
				url: apiUrl,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'smartSimpleApi',
				sendBody: true,
				contentType: 'form-urlencoded',
				bodyParameters: {
					parameters: [
						{ name: 'apitoken', value: 'levelone-list' },
						{ name: 'url', value: apiUrl },
						{ name: 'othersettings', value: '{"recordstart":1,"recordend":3}' },
					],
				},
				options: { response: { response: { responseFormat: 'json' } } },
			},
			credentials: { smartSimpleApi: { id: cred.id, name: cred.name } },
			...continueOnError,
		},
	]);
	return [
		{
			family: 'files',
			workflow: files,
			checks: {
				'upload stores the exact bytes under the exact name': (r) => {
					const [item] = okItems(r, 'Upload to A');
					assert.equal(item.fileName, UPLOAD_NAME);
					assert.equal(item.fileSize, UPLOAD_BYTES.length);
					assert.equal(item.status, 'uploaded successfully');
					assert.equal(item.recordId, recordA);
				},
				'download gives back the same bytes (re-uploaded to B: identical)': (r) => {
					const [item] = nodeItems(r, 'Download A');
					assert.ok(!item.json.error, item.json.error);
					assert.equal(item.json.fileName, UPLOAD_NAME);
					assert.equal(item.json.fileSize, UPLOAD_BYTES.length);
					if (item.binary.data.data && !item.binary.data.id) {
						assert.equal(Buffer.compare(Buffer.from(item.binary.data.data, 'base64'), UPLOAD_BYTES), 0, 'the downloaded bytes differ');
					}
					const b = storedIn(recordB, FIELD_B);
					assert.ok(b, `no "${UPLOAD_NAME}" in field ${FIELD_B} of record ${recordB}`);
					assert.equal(Buffer.compare(store.fileContent(b), UPLOAD_BYTES), 0, 'the bytes downloaded and uploaded again differ from the original');
				},
				'delete removes the file from A': (r) => {
					const [item] = okItems(r, 'Delete A');
					assert.deepEqual(item, { recordId: recordA, fieldId: FIELD_A, fileName: UPLOAD_NAME, deleted: true, status: 'deleted successfully' });
					assert.equal(storedIn(recordA, FIELD_A), undefined);
				},
			},
		},
		{
			family: 'later actions',
			workflow: others,
			checks: {
				'list notes returns the notes': (r) => assert.deepEqual(okItems(r, 'Company list notes'), notesOf(store, 'company', noted.recordid)),
				'provider/consumer list returns the record\'s links': (r) => {
					const items = okItems(r, 'Level 1 list links');
					assert.ok(items.some((i) => i.associationid === link.associationid), JSON.stringify(items).slice(0, 300));
				},
				'provider/consumer update creates the link': (r) => {
					const [item] = okItems(r, 'Level 1 create link');
					assert.equal(item.status, 'created successfully');
					const made = linksOf(store, 'levelone').find((l) => l.associationid === item.associationId);
					assert.deepEqual(made && [made.providerid, made.consumerid], [p, c]);
				},
				'transaction create with a level goes to API v2 with translevel': (r) => {
					const [item] = okItems(r, 'Transaction create on API v2');
					assert.equal(item.translevel, '1');
					assert.equal(store.get('transactions', item.recordid).translevel, '1');
					assert.ok(sb.calls.some((call) => call.path === '/API/2/transactions/' && call.parsed.jsonrset[0].translevel === '1'));
				},
				'the HTTP Request node reads SmartSimple with the smartSimpleApi credential': (r) => {
					const [body] = okItems(r, 'HTTP Request with the SmartSimple credential');
					assert.deepEqual(
						(body.records || []).map((x) => x.recordid),
						store.list('levelone').slice(0, 3).map((x) => x.recordid),
						JSON.stringify(body).slice(0, 300),
					);
				},
			},
		},
	];
}

/**
 * The editor's rule (CredentialsSelect in n8n 2.41.1 and 1.123.81) for what HTTP Request's
 * "Predefined Credential Type" lists, given `credentialTypes: ['extends:oAuth2Api',
 * 'extends:oAuth1Api', 'has:authenticate']`: a type that is not hidden, not restricted to other
 * nodes, and has `authenticate` (n8n serialises a function as {}). Applied to /types/credentials.json.
 */
function assertOfferedInHttpRequestNode(credentialTypes) {
	const type = (credentialTypes || []).find((t) => t.name === 'smartSimpleApi');
	assert.ok(type, 'smartSimpleApi is not in /types/credentials.json');
	assert.ok(!type.hidden, 'the credential type is hidden');
	assert.ok(!type.restrictToSupportedNodes || (type.supportedNodes || []).includes('n8n-nodes-base.httpRequest'), 'the credential type is restricted to its own nodes');
	assert.notEqual(type.authenticate, undefined, 'the credential type has no authenticate: HTTP Request would not list it');
}

/** The error path: a credential with a wrong password. */
function authErrorCase(ctx) {
	const workflow = chain('ssE2eBadLogin', 'e2e: wrong password', [
		ss('List with a wrong password', { resource: 'levelOne', operation: 'getAll', apiToken: 'levelone-list', returnAll: false, limit: 5 }, ctx.badCred),
	]);
	return { family: 'auth error', workflow };
}

module.exports = { operationCases, authErrorCase, assertOfferedInHttpRequestNode, nodeItems, jsonOf, okItems, resultError, fanout, chain, ss, startNode, codeNode, NODE_TYPE };
