'use strict';
// The Columns mapper's fields (methods/resourceMapping.ts getColumns), run in n8n-core's real
// LoadOptionsContext against the sandbox: field list, discovery by List/Get token, Get Meta,
// standard fields.

const { runLoadOptions } = require('../helpers/n8n');
const { useSandbox } = require('./write.fixtures');

const ctx = useSandbox();

async function columns(parameters) {
	const { fields } = await runLoadOptions({
		parameters,
		credentials: ctx.sb.credentials,
		kind: 'resourceMapping',
		method: 'getColumns',
		path: 'columns',
	});
	return fields;
}

const ids = (fields) => fields.map((f) => f.id);

test('fields come from the Field List, one input each, all strings, none required', async () => {
	const fields = await columns({ resource: 'user', operation: 'update', fieldList: 'sf_Email;;sf_Phone' });
	expect(fields).toEqual([
		{ id: 'sf_Email', displayName: 'sf_Email', required: false, defaultMatch: false, display: true, type: 'string', canBeUsedToMatch: false },
		{ id: 'sf_Phone', displayName: 'sf_Phone', required: false, defaultMatch: false, display: true, type: 'string', canBeUsedToMatch: false },
	]);
	expect(ctx.sb.calls).toEqual([]);
});

test('without a Field List: one record read with the Read Current Values From List token', async () => {
	const fields = await columns({ resource: 'user', operation: 'update', options: { readCurrentToken: 'user-list' } });
	expect(ids(fields)).toEqual([
		'sf_First Name', 'sf_Last Name', 'sf_Email', 'sf_Phone', 'sf_Title', 'sf_Company ID', 'sf_City', 'sf_Country', 'cf_Preferred Language',
	]);
	expect(ctx.sb.calls).toHaveLength(1);
	expect(ctx.sb.calls[0].parsed.othersettings).toEqual({ recordstart: 1, recordend: 1 });
});

test('a Get token reads the fixed Record ID; an expression Record ID reads nothing', async () => {
	const fields = await columns({
		resource: 'levelThree',
		operation: 'update',
		recordId: '5000003',
		options: { readCurrentToken: 'levelthree-get', readCurrentAction: 'get' },
	});
	expect(ids(fields)).toEqual(['sf_Name', 'sf_Type', 'sf_Status', 'sf_Parent ID', 'sf_Start Date']);
	expect(ctx.sb.calls.map((c) => [c.token, c.form.recordid])).toEqual([['levelthree-get', '5000003']]);

	ctx.sb.resetCalls();
	const fallback = await columns({
		resource: 'levelThree',
		operation: 'update',
		recordId: '={{ $json.id }}',
		options: { readCurrentToken: 'levelthree-get', readCurrentAction: 'get' },
	});
	expect(ctx.sb.calls).toEqual([]);
	expect(ids(fallback)).toEqual(['sf_Name', 'sf_Type', 'sf_Status', 'sf_Owner', 'sf_Start Date', 'sf_End Date', 'sf_Parent ID']);
});

test('create: Discover Fields From (List token)', async () => {
	const fields = await columns({ resource: 'transaction', operation: 'create', options: { discoveryToken: 'transactions-list' } });
	expect(ids(fields)).toEqual(['sf_Subject', 'sf_Type', 'sf_Status', 'sf_Object ID', 'sf_Start Date', 'sf_End Date', 'cf_Amount']);
});

test('UTA levels: standard fields plus the writable fields a Get Meta function describes', async () => {
	const fields = await columns({ resource: 'levelOne', operation: 'create', options: { getMetaToken: 'levelone-getmeta' } });
	expect(ids(fields)).toEqual([
		'sf_Name', 'sf_Type', 'sf_Status', 'sf_Owner', 'sf_Start Date', 'sf_End Date', 'sf_Customer', 'sf_Contact', 'sf_Requested Amount',
		'cf_Program Area', 'cf_Project Summary', 'cf_Amount Awarded',
	]);
	expect(ctx.sb.calls.map((c) => c.token)).toEqual(['levelone-getmeta']);
});

test('nothing to discover with: the standard fields of the resource table, minus read-only ones', async () => {
	const fields = await columns({ resource: 'company', operation: 'create' });
	expect(ids(fields)).toEqual([
		'sf_Name', 'sf_Address', 'sf_City', 'sf_State/Province', 'sf_Country', 'sf_Postal Code', 'sf_Phone', 'sf_Website', 'sf_Category',
	]);
	expect(ctx.sb.calls).toEqual([]);
});
