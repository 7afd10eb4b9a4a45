'use strict';
// Create, update and delete for every resource the issue lists, through n8n's real
// WorkflowExecute against the sandbox: the exact request, the exact output, the stored record.

const { RESOURCES, fieldListOf, storedForm, pick, useSandbox, FORM_KEYS } = require('./write.fixtures');

const ctx = useSandbox();

function expectOneWriteCall({ endpoint, token, jsonrset }) {
	const calls = ctx.sb.calls;
	expect(calls).toHaveLength(1);
	const [call] = calls;
	expect(call.endpoint).toBe(endpoint);
	expect(call.version).toBe('1');
	expect(call.token).toBe(token);
	expect(Object.keys(call.form).sort()).toEqual(FORM_KEYS);
	expect(call.form.apitoken).toBe(token);
	expect(call.form.url).toBe(`${ctx.sb.url}/API/1/${endpoint}/`);
	expect(call.form.jsonrset).toBe(JSON.stringify(jsonrset));
	expect(call.status).toBe(200);
}

const CREATE = ['company', 'user', 'levelOne', 'levelTwo', 'levelThree', 'transaction'];
const UPDATE = [...CREATE, 'systemVariable'];
const DELETE = CREATE;

describe.each(CREATE)('create %s', (resource) => {
	const { endpoint, prefix, values } = RESOURCES[resource];
	const token = `${prefix}-update`;
	const fieldList = fieldListOf(token);
	const fields = fieldList.split(';;');

	test('sends one jsonrset with recordid "0" and every field, outputs the new ID, stores the record', async () => {
		const newId = String(Math.max(...ctx.sb.store.list(endpoint).map((r) => Number(r.recordid))) + 1);
		const { items, error } = await ctx.run({
			resource,
			operation: 'create',
			apiToken: token,
			fieldList,
			columns: { mappingMode: 'defineBelow', value: values },
		});
		expect(error).toBeUndefined();
		expectOneWriteCall({ endpoint, token, jsonrset: [{ recordid: '0', ...pick(values, fields) }] });
		expect(items).toEqual([
			{
				json: { recordid: newId, status: 'created successfully', ...pick(values, fields) },
				pairedItem: { item: 0 },
			},
		]);
		const stored = ctx.sb.store.get(endpoint, newId);
		expect(pick(stored, fields)).toEqual(
			Object.fromEntries(fields.map((field) => [field, storedForm(field, values[field])])),
		);
	});
});

describe.each(UPDATE)('update %s', (resource) => {
	const { endpoint, prefix, values, existing } = RESOURCES[resource];
	const token = `${prefix}-update`;
	const fieldList = fieldListOf(token);
	const fields = fieldList.split(';;');

	test('sends every field for the record ID, outputs what was sent, changes the stored record', async () => {
		const others = ctx.sb.store.list(endpoint).filter((r) => r.recordid !== existing);
		const { items, error } = await ctx.run({
			resource,
			operation: 'update',
			apiToken: token,
			recordId: existing,
			fieldList,
			columns: { mappingMode: 'defineBelow', value: values },
		});
		expect(error).toBeUndefined();
		expectOneWriteCall({ endpoint, token, jsonrset: [{ recordid: existing, ...pick(values, fields) }] });
		expect(items).toEqual([
			{
				json: { recordid: existing, status: 'updated successfully', ...pick(values, fields) },
				pairedItem: { item: 0 },
			},
		]);
		expect(pick(ctx.sb.store.get(endpoint, existing), fields)).toEqual(
			Object.fromEntries(fields.map((field) => [field, storedForm(field, values[field])])),
		);
		// No other record changed.
		expect(ctx.sb.store.list(endpoint).filter((r) => r.recordid !== existing)).toEqual(others);
	});
});

describe.each(DELETE)('delete %s', (resource) => {
	const { endpoint, prefix, existing } = RESOURCES[resource];
	const token = `${prefix}-delete`;

	test('sends [{"recordid"}] and outputs { recordid, deleted, status }; the record is gone', async () => {
		const before = ctx.sb.store.count(endpoint);
		const { items, error } = await ctx.run({
			resource,
			operation: 'delete',
			apiToken: token,
			recordId: existing,
		});
		expect(error).toBeUndefined();
		expectOneWriteCall({ endpoint, token, jsonrset: [{ recordid: existing }] });
		expect(items).toEqual([
			{ json: { recordid: existing, deleted: true, status: 'deleted successfully' }, pairedItem: { item: 0 } },
		]);
		expect(ctx.sb.store.get(endpoint, existing)).toBeUndefined();
		expect(ctx.sb.store.count(endpoint)).toBe(before - 1);
	});
});

test('the operation lists offer create/update/delete exactly where the resource table says', () => {
	const { SmartSimple } = require('../../dist/nodes/SmartSimple/SmartSimple.node.js');
	const properties = new SmartSimple().description.properties;
	const offered = (resource) =>
		properties
			.find((p) => p.name === 'operation' && p.displayOptions.show.resource[0] === resource)
			.options.map((o) => o.value)
			.filter((v) => ['create', 'update', 'delete'].includes(v));
	for (const resource of CREATE) expect(offered(resource)).toEqual(['create', 'update', 'delete']);
	expect(offered('systemVariable')).toEqual(['update']);
	expect(offered('report')).toEqual([]);
});
