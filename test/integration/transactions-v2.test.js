'use strict';
/**
 * Transactions on SmartConnect API version 2: Options → Transaction Level sends create and update
 * to /API/2/transactions/ with translevel in each record; without it, API version 1 as before.
 */
const { useSandbox, ownFields } = require('../helpers/sandbox');

const ctx = useSandbox({ records: 'small', seed: 42 }, { perTest: true });
const { run } = ctx;

// The vendor's own sample joins translevel with a single ";": the node copes with both.
const VENDOR_FIELD_LIST = 'sf_Object ID;;sf_Subject;;sf_Status;;sf_Type;translevel';

const columns = (value) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });

test('create with Transaction Level 1: one call to /API/2/transactions/ with translevel in each record', async () => {
	const [a, b] = ctx.sb.store.list('levelone').slice(0, 2).map((r) => r.recordid);
	const { items, error } = await run(
		{
			resource: 'transaction',
			operation: 'create',
			apiToken: 'transactions-update-v2',
			fieldList: VENDOR_FIELD_LIST,
			columns: columns({ 'sf_Object ID': '={{ $json.object }}', sf_Subject: '={{ $json.subject }}', sf_Status: '1', sf_Type: '2' }),
			options: { transactionLevel: '1' },
		},
		{ input: [{ json: { object: a, subject: 'Test Transaction Record' } }, { json: { object: b, subject: 'Second' } }] },
	);
	expect(error).toBeUndefined();
	expect(ctx.sb.calls).toHaveLength(1);
	expect(ctx.sb.calls[0]).toMatchObject({ path: '/API/2/transactions/', version: '2', action: 'update', url: `${ctx.sb.url}/API/2/transactions/` });
	expect(ownFields(ctx.sb.calls[0])).toEqual({
		jsonrset: JSON.stringify([
			{ recordid: '0', 'sf_Object ID': a, sf_Subject: 'Test Transaction Record', sf_Status: '1', sf_Type: '2', translevel: '1' },
			{ recordid: '0', 'sf_Object ID': b, sf_Subject: 'Second', sf_Status: '1', sf_Type: '2', translevel: '1' },
		]),
	});
	const ids = items.map((item) => item.json.recordid);
	expect(items.map((item) => item.json)).toEqual([
		{ recordid: ids[0], status: 'created successfully', 'sf_Object ID': a, sf_Subject: 'Test Transaction Record', sf_Status: '1', sf_Type: '2', translevel: '1' },
		{ recordid: ids[1], status: 'created successfully', 'sf_Object ID': b, sf_Subject: 'Second', sf_Status: '1', sf_Type: '2', translevel: '1' },
	]);
	for (const [i, id] of ids.entries()) {
		expect(ctx.sb.store.get('transactions', id)).toMatchObject({ translevel: '1', 'sf_Object ID': [a, b][i] });
	}
});

test('update with Transaction Level 2 (a Level 2 record as sf_Object ID)', async () => {
	const tx = ctx.sb.store.list('transactions')[0];
	const payment = ctx.sb.store.list('leveltwo')[0].recordid;
	const { items, error } = await run({
		resource: 'transaction',
		operation: 'update',
		apiToken: 'transactions-update-v2',
		recordId: tx.recordid,
		fieldList: 'sf_Object ID;;sf_Subject;;sf_Status;;sf_Type;;translevel',
		columns: columns({ 'sf_Object ID': payment, sf_Subject: 'Paid out', sf_Status: '2', sf_Type: '1' }),
		options: { transactionLevel: '2' },
	});
	expect(error).toBeUndefined();
	expect(ctx.sb.calls.map((call) => [call.path, call.parsed.jsonrset])).toEqual([
		['/API/2/transactions/', [{ recordid: tx.recordid, 'sf_Object ID': payment, sf_Subject: 'Paid out', sf_Status: '2', sf_Type: '1', translevel: '2' }]],
	]);
	expect(items[0].json).toMatchObject({ recordid: tx.recordid, status: 'updated successfully', translevel: '2' });
	expect(ctx.sb.store.get('transactions', tx.recordid)).toMatchObject({ translevel: '2', sf_Subject: 'Paid out' });
});

test('items with and without a level go in separate calls: API version 2 and version 1', async () => {
	const l1 = ctx.sb.store.list('levelone')[3].recordid;
	const { items, error } = await run(
		{
			resource: 'transaction',
			operation: 'create',
			apiToken: '={{ $json.token }}',
			fieldList: 'sf_Object ID;;sf_Subject;;sf_Status;;sf_Type',
			columns: columns({ 'sf_Object ID': l1, sf_Subject: '={{ $json.subject }}', sf_Status: '1', sf_Type: '1' }),
			options: { transactionLevel: '={{ $json.level }}' },
		},
		{
			input: [
				{ json: { token: 'transactions-update-v2', level: '1', subject: 'v2' } },
				{ json: { token: 'transactions-update-v2', level: '', subject: 'v1' } },
			],
		},
	);
	expect(error).toBeUndefined();
	expect(ctx.sb.calls.map((call) => [call.path, call.parsed.jsonrset.map((r) => [r.sf_Subject, r.translevel])])).toEqual([
		['/API/2/transactions/', [['v2', '1']]],
		['/API/1/transactions/', [['v1', undefined]]],
	]);
	expect(items.map((item) => item.json.status)).toEqual(['created successfully', 'created successfully']);
});

test('no Transaction Level: API version 1 and no translevel, as before', async () => {
	const tx = ctx.sb.store.list('transactions')[1];
	const { error } = await run({
		resource: 'transaction',
		operation: 'update',
		apiToken: 'transactions-update-v2',
		recordId: tx.recordid,
		fieldList: 'sf_Object ID;;sf_Subject;;sf_Status;;sf_Type',
		columns: columns({ 'sf_Object ID': tx['sf_Object ID'], sf_Subject: 'Still v1', sf_Status: '1', sf_Type: '1' }),
	});
	expect(error).toBeUndefined();
	expect(ctx.sb.calls[0].path).toBe('/API/1/transactions/');
	expect(Object.keys(ctx.sb.calls[0].parsed.jsonrset[0])).not.toContain('translevel');
});

test('SmartSimple refuses a level that does not match sf_Object ID: the item fails with the reason', async () => {
	const l1 = ctx.sb.store.list('levelone')[0].recordid;
	const { error } = await run({
		resource: 'transaction',
		operation: 'create',
		apiToken: 'transactions-update-v2',
		fieldList: 'sf_Object ID;;sf_Subject;;sf_Status;;sf_Type',
		columns: columns({ 'sf_Object ID': l1, sf_Subject: 'Wrong level', sf_Status: '1', sf_Type: '1' }),
		options: { transactionLevel: '2' },
	});
	expect(error.message).toBe(`SmartSimple could not save the record: sf_Object ID ${l1} is not a UTA Level 2 record (translevel 2)`);
	expect(ctx.sb.calls).toHaveLength(1);
});

test('a Transaction Level other than 1 or 2 (through an expression) is refused before any call', async () => {
	const { error } = await run({
		resource: 'transaction',
		operation: 'create',
		apiToken: 'transactions-update-v2',
		fieldList: 'sf_Subject',
		columns: columns({ sf_Subject: 'x' }),
		options: { transactionLevel: '={{ "3" }}' },
	});
	expect(error.message).toBe('Transaction Level "3" is not 1 or 2');
	expect(error.description).toMatch(/Options → Transaction Level/);
	expect(ctx.sb.calls).toHaveLength(0);
});
