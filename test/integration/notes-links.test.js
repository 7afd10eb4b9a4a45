'use strict';
/**
 * List Notes and the Provider/Consumer operations through real n8n (WorkflowExecute) against the
 * sandbox: the exact request, the exact output items, call counts for the batched update.
 */
const { useSandbox, ownFields } = require('../helpers/sandbox');
const { notesOf, linksOf, linkView } = require('../sandbox/links');

const ctx = useSandbox({ records: 'small', seed: 42 }, { perTest: true });
const { run } = ctx;
const page = (start, end) => JSON.stringify({ recordstart: start, recordend: end });

/** A record of the type with at least `count` notes. */
function recordWithNotes(endpoint, count) {
	const row = ctx.sb.store.list(endpoint).find((r) => notesOf(ctx.sb.store, endpoint, r.recordid).length >= count);
	if (!row) throw new Error(`no ${endpoint} record with ${count} notes`);
	return row.recordid;
}

describe.each([
	['company', 'company'],
	['user', 'user'],
	['levelOne', 'levelone'],
	['levelTwo', 'leveltwo'],
	['levelThree', 'levelthree'],
])('listNotes: %s', (resource, endpoint) => {
	test('one item per note, objectid sent, one paged call', async () => {
		const recordId = recordWithNotes(endpoint, 2);
		const expected = notesOf(ctx.sb.store, endpoint, recordId);
		const { items, error } = await run({ resource, operation: 'listNotes', apiToken: `${endpoint}-listnotes`, recordId, returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(Object.keys(items[0].json)).toEqual(['noteid', 'objectid', 'notetype', 'note', 'createdby', 'createddate']);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ path: `/API/1/${endpoint}/`, endpoint, action: 'listnotes', token: `${endpoint}-listnotes` });
		expect(ownFields(ctx.sb.calls[0])).toEqual({ objectid: recordId, othersettings: page(1, 1000) });
	});
});

describe('listNotes', () => {
	test('Limit asks for exactly that many; Return All pages by Page Size with no trailing call', async () => {
		const recordId = recordWithNotes('levelone', 3);
		const all = notesOf(ctx.sb.store, 'levelone', recordId);
		const limited = await run({ resource: 'levelOne', operation: 'listNotes', apiToken: 'levelone-listnotes', recordId, returnAll: false, limit: 2 });
		expect(limited.items.map((item) => item.json)).toEqual(all.slice(0, 2));
		expect(ctx.sb.calls.map((call) => call.form.othersettings)).toEqual([page(1, 2)]);

		ctx.sb.resetCalls();
		const paged = await run({ resource: 'levelOne', operation: 'listNotes', apiToken: 'levelone-listnotes', recordId, returnAll: true, options: { pageSize: 2 } });
		expect(paged.items.map((item) => item.json)).toEqual(all);
		expect(ctx.sb.calls.map((call) => call.form.othersettings)).toEqual(
			// the first answer tells the count: the last page asks for exactly what is left
			Array.from({ length: Math.ceil(all.length / 2) }, (_, i) => page(i * 2 + 1, Math.min(i * 2 + 2, all.length))),
		);
	});

	test('answers the vendor may give instead: a bare array, or a "notes" list', async () => {
		const notes = [{ noteid: '1', note: 'First' }, { noteid: '2', note: 'Second' }];
		for (const body of [JSON.stringify(notes), JSON.stringify({ notes, message: {} })]) {
			ctx.sb.faults.clear();
			ctx.sb.faults.add({ action: 'listnotes', body });
			const { items, error } = await run({ resource: 'company', operation: 'listNotes', apiToken: 'company-listnotes', recordId: '1000003', returnAll: true });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json)).toEqual(notes);
		}
	});

	test('an empty Record ID is refused before any call', async () => {
		const { error } = await run({ resource: 'user', operation: 'listNotes', apiToken: 'user-listnotes', recordId: '  ', returnAll: true });
		expect(error.message).toBe('Record ID is empty');
		expect(ctx.sb.calls).toHaveLength(0);
	});
});

describe.each([
	['levelOne', 'levelone'],
	['levelTwo', 'leveltwo'],
])('provider/consumer: %s', (resource, endpoint) => {
	const linked = () => {
		const link = linksOf(ctx.sb.store, endpoint)[0];
		return { link, recordId: link.consumerid };
	};

	test('listProviderConsumer: the links where the record is provider or consumer, objectid sent', async () => {
		const { recordId } = linked();
		const expected = linksOf(ctx.sb.store, endpoint)
			.filter((l) => l.providerid === recordId || l.consumerid === recordId)
			.map((l) => linkView(ctx.sb.store, endpoint, l));
		const { items, error } = await run({ resource, operation: 'listProviderConsumer', apiToken: `${endpoint}-listproviderconsumer`, recordId, returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(items.length).toBeGreaterThan(0);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ path: `/API/1/${endpoint}/`, action: 'listproviderconsumer' });
		expect(ownFields(ctx.sb.calls[0])).toEqual({ objectid: recordId, othersettings: page(1, 1000) });
	});

	test('updateProviderConsumer: create links and change a role in one call, in the vendor samples\' form', async () => {
		const { link } = linked();
		const [a, b, c] = ctx.sb.store.list(endpoint).slice(5, 8).map((r) => r.recordid);
		const input = [
			{ associationId: '0', providerId: a, consumerId: b, roleId: '82840' },
			{ associationId: link.associationid, providerId: link.providerid, consumerId: link.consumerid, roleName: 'Agenda Item' },
			{ associationId: '', providerId: b, consumerId: c, roleName: 'Cycle' },
		];
		const { items, error } = await run(
			{
				resource,
				operation: 'updateProviderConsumer',
				apiToken: `${endpoint}-updateproviderconsumer`,
				associationId: '={{ $json.associationId }}',
				providerId: '={{ $json.providerId }}',
				consumerId: '={{ $json.consumerId }}',
				roleId: '={{ $json.roleId ?? "" }}',
				roleName: '={{ $json.roleName ?? "" }}',
			},
			{ input: input.map((json) => ({ json })) },
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ path: `/API/1/${endpoint}/`, action: 'updateproviderconsumer' });
		expect(ownFields(ctx.sb.calls[0])).toEqual({
			jsonrset: JSON.stringify([
				{ associationid: '0', roleid: '82840', consumerid: b, providerid: a },
				{ associationid: link.associationid, isupdate: '1', rolename: 'Agenda Item', consumerid: link.consumerid, providerid: link.providerid },
				{ associationid: '0', rolename: 'Cycle', consumerid: c, providerid: b },
			]),
		});
		const links = linksOf(ctx.sb.store, endpoint);
		const created = links.slice(-2);
		expect(items.map((item) => item.json)).toEqual([
			{ associationId: created[0].associationid, providerId: a, consumerId: b, roleId: '82840', status: 'created successfully' },
			{ associationId: link.associationid, providerId: link.providerid, consumerId: link.consumerid, roleName: 'Agenda Item', status: 'updated successfully' },
			{ associationId: created[1].associationid, providerId: b, consumerId: c, roleName: 'Cycle', status: 'created successfully' },
		]);
		expect(link.roleid).toBe('82842');
		expect(created.map((l) => [l.providerid, l.consumerid, l.roleid])).toEqual([[a, b, '82840'], [b, c, '82840']]);
	});

	test('another provider on an existing link fails only that item (SmartSimple changes only the role)', async () => {
		const { link } = linked();
		const other = ctx.sb.store.list(endpoint).find((r) => r.recordid !== link.providerid && r.recordid !== link.consumerid).recordid;
		const { items, error } = await run(
			{
				resource,
				operation: 'updateProviderConsumer',
				apiToken: `${endpoint}-updateproviderconsumer`,
				associationId: '={{ $json.id }}',
				providerId: '={{ $json.provider }}',
				consumerId: link.consumerid,
				roleName: 'Cycle',
			},
			{ continueOnFail: true, input: [{ json: { id: link.associationid, provider: other } }, { json: { id: '0', provider: other } }] },
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(items[0].json.error).toBe(
			`SmartSimple refused the link: link ${link.associationid} from ${other} to ${link.consumerid} (only the role of a link can change: another provider or consumer needs a new link (associationid "0"))`,
		);
		expect(items[0].json.description).toMatch(/changes only a link's role/);
		expect(items[1].json).toMatchObject({ providerId: other, consumerId: link.consumerid, status: 'created successfully' });
	});

	test('a batch that creates a link is never sent twice; a role change is tried again after a 503', async () => {
		const { link } = linked();
		const params = { resource, operation: 'updateProviderConsumer', apiToken: `${endpoint}-updateproviderconsumer`, providerId: link.providerid, consumerId: link.consumerid, roleName: 'Cycle' };
		ctx.sb.faults.add({ action: 'updateproviderconsumer', status: 503, body: 'html', times: 1 });
		const created = await run({ ...params, associationId: '0' });
		expect(created.error.message).toMatch(/^SmartSimple may have saved these records/);
		expect(ctx.sb.calls).toHaveLength(1);

		ctx.sb.resetCalls();
		ctx.sb.faults.clear();
		ctx.sb.faults.add({ action: 'updateproviderconsumer', status: 503, body: 'html', times: 1 });
		const changed = await run({ ...params, associationId: link.associationid });
		expect(changed.error).toBeUndefined();
		expect(changed.items[0].json.status).toBe('updated successfully');
		expect(ctx.sb.calls).toHaveLength(2);
	});

	test('Batch Size: 5 links at 2 per call cost 3 calls', async () => {
		const ids = ctx.sb.store.list(endpoint).slice(0, 6).map((r) => r.recordid);
		const { items, error } = await run(
			{
				resource,
				operation: 'updateProviderConsumer',
				apiToken: `${endpoint}-updateproviderconsumer`,
				providerId: '={{ $json.p }}',
				consumerId: '={{ $json.c }}',
				roleId: '82841',
				options: { batchSize: 2 },
			},
			{ input: ids.slice(0, 5).map((p, i) => ({ json: { p, c: ids[i + 1] } })) },
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls.map((call) => call.parsed.jsonrset.length)).toEqual([2, 2, 1]);
		expect(items.map((item) => item.json.status)).toEqual(Array(5).fill('created successfully'));
	});

	test('bad input is refused before any call: no role, both roles, IDs that are not IDs', async () => {
		const base = { resource, operation: 'updateProviderConsumer', apiToken: `${endpoint}-updateproviderconsumer`, associationId: '0', providerId: '1', consumerId: '2', roleName: 'Cycle' };
		const cases = [
			[{ roleName: '' }, 'No role given'],
			[{ roleId: '82840' }, 'Both Role Name and Role ID are given'],
			[{ providerId: 'abc' }, 'Provider ID "abc" is not a SmartSimple ID'],
			[{ consumerId: ' ' }, 'Consumer ID is empty'],
			[{ associationId: 'x1' }, 'Association ID "x1" is not a SmartSimple ID'],
		];
		for (const [change, message] of cases) {
			const { error } = await run({ ...base, ...change });
			expect(error.message).toBe(message);
			expect(error.description).toBeTruthy();
		}
		expect(ctx.sb.calls).toHaveLength(0);
	});
});

test('Provider/Consumer is offered for UTA Level 1 and 2 only', async () => {
	const { error } = await run({ resource: 'levelThree', operation: 'listProviderConsumer', apiToken: 'levelthree-list', recordId: '5000001', returnAll: true });
	expect(error.message).toMatch(/^Operation "listProviderConsumer" is not available for the resource "UTA Level 3"/);
	expect(ctx.sb.calls).toHaveLength(0);
});
