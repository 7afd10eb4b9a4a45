'use strict';
/** Get Meta and Update Meta through real n8n against the sandbox: exact requests and items. */
const { useSandbox, ownFields } = require('../helpers/sandbox');

// A fresh sandbox per test: Update Meta changes the UTA configuration.
const ctx = useSandbox({ records: 'small', seed: 42 }, { perTest: true });
const { run } = ctx;

describe.each([
	{ resource: 'levelOne', endpoint: 'levelone', levels: ['levelone', 'leveltwo', 'levelthree'] },
	{ resource: 'levelTwo', endpoint: 'leveltwo', levels: ['leveltwo'] },
	{ resource: 'levelThree', endpoint: 'levelthree', levels: ['levelthree'] },
])('getMeta $resource', ({ resource, endpoint, levels }) => {
	test('one item per level the function names, with its types, statuses and fields', async () => {
		const { items, error } = await run({ resource, operation: 'getMeta', apiToken: `${endpoint}-getmeta` });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(levels.map((level) => ({ level, ...ctx.sb.store.meta(level) })));
		expect(items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ endpoint, action: 'getmeta', token: `${endpoint}-getmeta` });
		expect(ownFields(ctx.sb.calls[0])).toEqual({});
	});

	test('one item per status / type / field, each naming its level', async () => {
		for (const output of ['statuses', 'types', 'fields']) {
			const { items } = await run({ resource, operation: 'getMeta', apiToken: `${endpoint}-getmeta`, output });
			const expected = levels.flatMap((level) => ctx.sb.store.meta(level)[output].map((entry) => ({ level, ...entry })));
			expect(expected.length).toBeGreaterThan(0);
			expect(items.map((item) => item.json)).toEqual(expected);
		}
	});
});

test('getMeta: concrete values of the seeded level 2 configuration', async () => {
	const { items } = await run({ resource: 'levelTwo', operation: 'getMeta', apiToken: 'leveltwo-getmeta', output: 'statuses' });
	expect(items.map((item) => item.json)).toEqual([
		{ level: 'leveltwo', id: '1', name: 'Pending' },
		{ level: 'leveltwo', id: '2', name: 'In Progress' },
		{ level: 'leveltwo', id: '3', name: 'Complete' },
		{ level: 'leveltwo', id: '4', name: 'Cancelled' },
	]);
});

test('getMeta: a wrong token fails with the documented message', async () => {
	const { error } = await run({ resource: 'levelOne', operation: 'getMeta', apiToken: 'no-such-token' });
	expect(error.message).toBe('SmartSimple did not recognise the API token');
});

describe('updateMeta', () => {
	test('Define Below: creates a status and renames a type in one call', async () => {
		const { items, error } = await run({
			resource: 'levelOne',
			operation: 'updateMeta',
			apiToken: 'levelone-updatemeta',
			inputMode: 'define',
			changes: {
				change: [
					{ level: 'resource', kind: 'status', id: '0', name: 'On Hold' },
					{ level: 'leveltwo', kind: 'type', id: '3', name: 'Interim Report' },
				],
			},
		});
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ endpoint: 'levelone', action: 'updatemeta' });
		expect(ctx.sb.calls[0].parsed.jsonrset).toEqual([
			{ level: 'levelone', kind: 'status', id: '0', name: 'On Hold' },
			{ level: 'leveltwo', kind: 'type', id: '3', name: 'Interim Report' },
		]);
		expect(items).toHaveLength(1);
		expect(items[0]).toEqual({
			json: {
				changes: [
					{ level: 'levelone', kind: 'status', id: '8', name: 'On Hold', status: 'created successfully' },
					{ level: 'leveltwo', kind: 'type', id: '3', name: 'Interim Report', status: 'updated successfully' },
				],
			},
			pairedItem: { item: 0 },
		});
		expect(ctx.sb.store.meta('levelone').statuses).toContainEqual({ id: '8', name: 'On Hold' });
		expect(ctx.sb.store.meta('leveltwo').types).toContainEqual({ id: '3', name: 'Interim Report' });
	});

	test('JSON: creates a custom field with caption and type; items batch into one call', async () => {
		const { items, error } = await run(
			{
				resource: 'levelTwo',
				operation: 'updateMeta',
				apiToken: 'leveltwo-updatemeta',
				inputMode: 'json',
				changesJson: '={{ JSON.stringify($json.changes) }}',
			},
			{
				input: [
					{ json: { changes: [{ kind: 'field', name: 'Site Visit Date', caption: 'Site visit', type: 'date' }] } },
					{ json: { changes: [{ kind: 'status', ID: 4, name: 'Withdrawn' }] } },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0].parsed.jsonrset).toEqual([
			{ level: 'leveltwo', kind: 'field', id: '0', name: 'Site Visit Date', caption: 'Site visit', type: 'date' },
			{ level: 'leveltwo', kind: 'status', id: '4', name: 'Withdrawn' },
		]);
		const field = ctx.sb.store.meta('leveltwo').fields.find((f) => f.name === 'Site Visit Date');
		expect(field).toMatchObject({ caption: 'Site visit', type: 'date' });
		expect(items).toEqual([
			{
				json: { changes: [{ level: 'leveltwo', kind: 'field', id: field.id, name: 'Site Visit Date', caption: 'Site visit', type: 'date', status: 'created successfully' }] },
				pairedItem: { item: 0 },
			},
			{
				json: { changes: [{ level: 'leveltwo', kind: 'status', id: '4', name: 'Withdrawn', status: 'updated successfully' }] },
				pairedItem: { item: 1 },
			},
		]);
	});

	test('bad input is refused before any call, naming the parameter', async () => {
		const cases = [
			[{ inputMode: 'json', changesJson: '{not json' }, 'Changes (JSON) is not valid JSON'],
			[{ inputMode: 'json', changesJson: '{"kind":"status"}' }, 'Changes (JSON) must be an array of objects'],
			[{ inputMode: 'json', changesJson: '[]' }, 'Changes (JSON) is empty'],
			[{ inputMode: 'json', changesJson: '[{"kind":"colour","name":"x"}]' }, 'Changes (JSON), change 1: "colour" is not something Update Meta changes'],
			[{ inputMode: 'define', changes: { change: [{ kind: 'status', id: '0', name: '' }] } }, 'Changes, change 1: a new status needs a name'],
			[{ inputMode: 'define', changes: { change: [{ kind: 'type', id: 'abc', name: 'x' }] } }, 'Changes, change 1: ID "abc" is not a SmartSimple ID'],
		];
		for (const [parameters, message] of cases) {
			const { error } = await run({ resource: 'levelThree', operation: 'updateMeta', apiToken: 'levelthree-updatemeta', ...parameters });
			expect(error.message).toBe(message);
			expect(error.description).toBeTruthy();
		}
		expect(ctx.sb.calls).toHaveLength(0);
	});

	test('a change SmartSimple refuses fails its item; Continue On Fail keeps the others', async () => {
		const { items, error } = await run(
			{
				resource: 'levelThree',
				operation: 'updateMeta',
				apiToken: 'levelthree-updatemeta',
				inputMode: 'json',
				changesJson: '={{ JSON.stringify($json.changes) }}',
			},
			{
				input: [
					{ json: { changes: [{ kind: 'status', id: '77', name: 'Ghost' }, { kind: 'status', id: '0', name: 'Blocked' }] } },
					{ json: { changes: [{ kind: 'type', id: '0', name: 'Risk' }] } },
				],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(items[0].json.error).toBe('SmartSimple refused the change: status 77 (status 77 does not exist)');
		expect(items[0].json.description).toMatch(/The other 1 change was saved\.$/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1]).toEqual({
			json: { changes: [{ level: 'levelthree', kind: 'type', id: '4', name: 'Risk', status: 'created successfully' }] },
			pairedItem: { item: 1 },
		});
	});

	test('without Continue On Fail the refusal stops the node', async () => {
		const { error } = await run({
			resource: 'levelThree',
			operation: 'updateMeta',
			apiToken: 'levelthree-updatemeta',
			inputMode: 'define',
			changes: { change: [{ level: 'levelone', kind: 'status', id: '0', name: 'Elsewhere' }] },
		});
		expect(error.message).toBe(
			'SmartSimple refused the change: status "Elsewhere" (level "levelone" is not in the function\'s field list)',
		);
	});
});
