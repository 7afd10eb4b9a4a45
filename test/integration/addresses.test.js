'use strict';
/** List Addresses and Update Addresses (create or update) through real n8n against the sandbox. */
const { useSandbox, ownFields } = require('../helpers/sandbox');

const ctx = useSandbox({ records: 'small', seed: 42 }, { perTest: true });
const { run } = ctx;

describe.each([
	{ resource: 'company', endpoint: 'company', recordId: '1000003', other: '1000004' },
	{ resource: 'user', endpoint: 'user', recordId: '2000001', other: '2000002' },
])('$resource', ({ resource, endpoint, recordId, other }) => {
	test('listAddresses: one item per address, objectid sent', async () => {
		const expected = ctx.sb.store.addresses(endpoint, recordId).map((a) => ({ ...a }));
		expect(expected.length).toBeGreaterThan(0);
		const { items, error } = await run({
			resource,
			operation: 'listAddresses',
			apiToken: `${endpoint}-listaddresses`,
			recordId,
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(Object.keys(items[0].json)).toEqual(['addressid', 'objectid', 'addresstype', 'address', 'address2', 'city', 'state', 'country', 'postalcode']);
		expect(items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ endpoint, action: 'listaddresses' });
		expect(ownFields(ctx.sb.calls[0])).toEqual({
			objectid: recordId,
			othersettings: JSON.stringify({ recordstart: 1, recordend: 1000 }),
		});
	});

	test('listAddresses with a limit of 1', async () => {
		const { items } = await run({ resource, operation: 'listAddresses', apiToken: `${endpoint}-listaddresses`, recordId, returnAll: false, limit: 1 });
		expect(items.map((item) => item.json)).toEqual([{ ...ctx.sb.store.addresses(endpoint, recordId)[0] }]);
		expect(ctx.sb.calls[0].parsed.othersettings).toEqual({ recordstart: 1, recordend: 1 });
	});

	test('updateAddresses: one item creates (address ID 0), one changes an address; one call', async () => {
		const first = ctx.sb.store.addresses(endpoint, recordId)[0];
		const before = { ...first };
		const { items, error } = await run(
			{
				resource,
				operation: 'updateAddresses',
				apiToken: `${endpoint}-updateaddresses`,
				recordId: '={{ $json.id }}',
				addressId: '={{ $json.addressId }}',
				addressFields: {
					addressType: '={{ $json.type }}',
					address: '={{ $json.street }}',
					city: '={{ $json.city }}',
				},
			},
			{
				input: [
					{ json: { id: other, addressId: '0', type: 'Billing', street: '1 Harbour Sq', city: 'Halifax' } },
					{ json: { id: recordId, addressId: first.addressid, type: first.addresstype, street: '2 Rue Laurier', city: 'Gatineau' } },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ endpoint, action: 'updateaddresses' });
		expect(Object.keys(ownFields(ctx.sb.calls[0]))).toEqual(['jsonrset']);
		expect(ctx.sb.calls[0].parsed.jsonrset).toEqual([
			{ addressid: '0', objectid: other, addresstype: 'Billing', address: '1 Harbour Sq', city: 'Halifax' },
			{ addressid: first.addressid, objectid: recordId, addresstype: first.addresstype, address: '2 Rue Laurier', city: 'Gatineau' },
		]);
		const created = ctx.sb.store.addresses(endpoint, other).find((a) => a.address === '1 Harbour Sq');
		expect(created).toEqual({
			addressid: created.addressid,
			objectid: other,
			addresstype: 'Billing',
			address: '1 Harbour Sq',
			address2: '',
			city: 'Halifax',
			state: '',
			country: '',
			postalcode: '',
		});
		expect(ctx.sb.store.addresses(endpoint, recordId)[0]).toEqual({ ...before, address: '2 Rue Laurier', city: 'Gatineau' });
		expect(items).toEqual([
			{
				json: { recordId: other, addressId: created.addressid, status: 'created successfully', addresstype: 'Billing', address: '1 Harbour Sq', city: 'Halifax' },
				pairedItem: { item: 0 },
			},
			{
				json: { recordId, addressId: first.addressid, status: 'updated successfully', addresstype: first.addresstype, address: '2 Rue Laurier', city: 'Gatineau' },
				pairedItem: { item: 1 },
			},
		]);
	});
});

test('updateAddresses: every address field maps to its SmartConnect key', async () => {
	const { items, error } = await run({
		resource: 'user',
		operation: 'updateAddresses',
		apiToken: 'user-updateaddresses',
		recordId: '2000003',
		addressId: '0',
		addressFields: { addressType: 'Head Office', address: '9 Elm Ave', address2: 'Unit 4', city: 'Calgary', state: 'AB', country: 'Canada', postalCode: 'T2P 1J9' },
	});
	expect(error).toBeUndefined();
	expect(ctx.sb.calls[0].parsed.jsonrset).toEqual([
		{ addressid: '0', objectid: '2000003', addresstype: 'Head Office', address: '9 Elm Ave', address2: 'Unit 4', city: 'Calgary', state: 'AB', country: 'Canada', postalcode: 'T2P 1J9' },
	]);
	const created = ctx.sb.store.addresses('user', '2000003').find((a) => a.address === '9 Elm Ave');
	expect(items[0].json).toEqual({
		recordId: '2000003', addressId: created.addressid, status: 'created successfully',
		addresstype: 'Head Office', address: '9 Elm Ave', address2: 'Unit 4', city: 'Calgary', state: 'AB', country: 'Canada', postalcode: 'T2P 1J9',
	});
});

test('updateAddresses: bad input is refused before any call', async () => {
	const base = { resource: 'user', operation: 'updateAddresses', apiToken: 'user-updateaddresses', recordId: '2000001', addressId: '0' };
	const cases = [
		[{ addressFields: {} }, 'Address Fields is empty'],
		[{ addressId: 'home', addressFields: { city: 'Paris' } }, 'Address ID "home" is not a SmartSimple ID'],
		[{ recordId: '={{ $json.id }}', addressFields: { city: 'Paris' } }, 'Record ID is empty'],
	];
	for (const [parameters, message] of cases) {
		const { error } = await run({ ...base, ...parameters });
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
	}
	expect(ctx.sb.calls).toHaveLength(0);
});

test('updateAddresses: an unknown address fails its item; Continue On Fail keeps the other', async () => {
	const { items, error } = await run(
		{
			resource: 'company',
			operation: 'updateAddresses',
			apiToken: 'company-updateaddresses',
			recordId: '1000003',
			addressId: '={{ $json.addressId }}',
			addressFields: { address2: 'Floor 2' },
		},
		{ input: [{ json: { addressId: '99999999' } }, { json: { addressId: '0' } }], continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(ctx.sb.calls).toHaveLength(1);
	expect(items[0].json.error).toBe('SmartSimple refused the address: address 99999999 of record 1000003 (Recordset does not exist)');
	expect(items[0].pairedItem).toEqual({ item: 0 });
	expect(items[1].json).toMatchObject({ recordId: '1000003', status: 'created successfully', address2: 'Floor 2' });
	expect(items[1].pairedItem).toEqual({ item: 1 });
});

test('updateAddresses without Continue On Fail: the refusal stops the node with the item index', async () => {
	const { error } = await run({
		resource: 'company',
		operation: 'updateAddresses',
		apiToken: 'company-updateaddresses',
		recordId: '1000003',
		addressId: '99999999',
		addressFields: { city: 'Nowhere' },
	});
	expect(error.message).toBe('SmartSimple refused the address: address 99999999 of record 1000003 (Recordset does not exist)');
	expect(error.context.itemIndex).toBe(0);
});
