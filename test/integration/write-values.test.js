'use strict';
// What writes send, through WorkflowExecute against the sandbox: values converted only where they
// are known to be dates (issue 12.1), statuses never given to the wrong item (12.2), Get's stored
// values mapped back by Update (12.8), Fields Not Set (12.11), Batch Size on every batched write
// (12.14).

const path = require('path');
const { RESOURCES, fieldListOf, useSandbox } = require('./write.fixtures');

const ctx = useSandbox();

const USER_LIST = fieldListOf('user-update');
const L1_LIST = fieldListOf('levelone-update');

/** Create one contact with every field of the Update function, `changes` applied. */
const createUser = (changes) => ({
	resource: 'user',
	operation: 'create',
	apiToken: 'user-update',
	fieldList: USER_LIST,
	columns: { mappingMode: 'defineBelow', value: { ...RESOURCES.user.values, ...changes } },
});

const createLevelThree = (start, extra = {}) => ({
	resource: 'levelThree',
	operation: 'create',
	apiToken: 'levelthree-update',
	fieldList: fieldListOf('levelthree-update'),
	columns: { mappingMode: 'defineBelow', value: { ...RESOURCES.levelThree.values, 'sf_Start Date': start } },
	...extra,
});

const sent = () => ctx.writeCalls().flatMap((call) => call.parsed.jsonrset);

describe('values are converted only where they are known to be dates', () => {
	test('date-time text in a text field is sent as written', async () => {
		const { items, error } = await ctx.run(createUser({ sf_Title: '2025-03-01 10:15:00' }));
		expect(error).toBeUndefined();
		expect(sent()[0].sf_Title).toBe('2025-03-01 10:15:00');
		expect(ctx.sb.store.get('user', items[0].json.recordid).sf_Title).toBe('2025-03-01 10:15:00');
	});

	test('Keep Current Values sends stored text back unchanged, and stored dates as YYYY-MM-DD', async () => {
		ctx.sb.store.update('user', '2000010', { sf_Title: '2025-03-01 10:15:00' });
		const { error } = await ctx.run({
			resource: 'user',
			operation: 'update',
			apiToken: 'user-update',
			recordId: '2000010',
			fieldList: USER_LIST,
			columns: { mappingMode: 'defineBelow', value: { sf_City: 'Oslo' } },
			options: { readCurrentToken: 'user-list' },
		});
		expect(error).toBeUndefined();
		expect(sent()[0]).toMatchObject({ sf_City: 'Oslo', sf_Title: '2025-03-01 10:15:00' });

		ctx.sb.resetCalls();
		const stored = ctx.sb.store.get('levelone', '3000002')['sf_Start Date'];
		expect(stored).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
		const { error: dateError } = await ctx.run({
			resource: 'levelOne',
			operation: 'update',
			apiToken: 'levelone-update',
			recordId: '3000002',
			fieldList: L1_LIST,
			columns: { mappingMode: 'defineBelow', value: { sf_Name: 'Renamed' } },
			options: { readCurrentToken: 'levelone-list' },
		});
		expect(dateError).toBeUndefined();
		expect(sent()[0]['sf_Start Date']).toBe(stored.slice(0, 10));
	});

	test("a JS Date is cut in the workflow's time zone: east of UTC it keeps its own day", async () => {
		// 2025-03-01 00:30 in Tokyo is 2025-02-28 15:30 UTC.
		const { error } = await ctx.run(createLevelThree("={{ new Date('2025-02-28T15:30:00Z') }}"), undefined, {
			timezone: 'Asia/Tokyo',
		});
		expect(error).toBeUndefined();
		expect(sent()[0]['sf_Start Date']).toBe('2025-03-01');

		ctx.sb.resetCalls();
		const { error: westError } = await ctx.run(
			createLevelThree("={{ new Date('2025-03-01T03:30:00Z') }}"),
			undefined,
			{ timezone: 'America/Los_Angeles' },
		);
		expect(westError).toBeUndefined();
		expect(sent()[0]['sf_Start Date']).toBe('2025-02-28');
	});

	test('date-time text with a zone, in a date field, is its date in the workflow zone; without one, as written', async () => {
		await ctx.run(createLevelThree('2025-02-28T15:30:00Z'), undefined, { timezone: 'Asia/Tokyo' });
		await ctx.run(createLevelThree('2025-02-28 23:30:00'), undefined, { timezone: 'Asia/Tokyo' });
		expect(sent().map((record) => record['sf_Start Date'])).toEqual(['2025-03-01', '2025-02-28']);
	});

	test.each(['Pacific/Honolulu', 'Asia/Tokyo'])(
		'a custom field the mapper types as a date keeps the date as written (%s); the same text elsewhere is not converted',
		async (timezone) => {
			const dateField = (id) => ({ id, displayName: id, type: 'dateTime', display: true, required: false, defaultMatch: false });
			const { error } = await ctx.run(
				{
					resource: 'company',
					operation: 'create',
					apiToken: 'company-update',
					fieldList: fieldListOf('company-update'),
					columns: {
						mappingMode: 'defineBelow',
						value: {
							...RESOURCES.company.values,
							'cf_EIN Number': '2025-03-01',
							sf_Website: '2025-03-01 23:15:00',
							sf_Phone: '2025-03-01 10:15:00',
						},
						schema: [
							dateField('cf_EIN Number'),
							dateField('sf_Website'),
							{ id: 'sf_Phone', displayName: 'sf_Phone', type: 'string', display: true, required: false, defaultMatch: false },
						],
					},
				},
				undefined,
				{ timezone },
			);
			expect(error).toBeUndefined();
			expect(sent()[0]).toMatchObject({
				'cf_EIN Number': '2025-03-01',
				sf_Website: '2025-03-01',
				sf_Phone: '2025-03-01 10:15:00',
			});
		},
	);

	test('arrays of values become ",1,3,"; objects and arrays holding objects are refused before any call', async () => {
		const update = (value) => ({
			resource: 'company',
			operation: 'update',
			apiToken: 'company-update',
			recordId: '1000002',
			fieldList: fieldListOf('company-update'),
			columns: { mappingMode: 'defineBelow', value: { ...RESOURCES.company.values, 'cf_Organization Type': value } },
		});
		const { error: listError } = await ctx.run(update("={{ ['1', 3] }}"));
		expect(listError).toBeUndefined();
		expect(sent()[0]['cf_Organization Type']).toBe(',1,3,');

		ctx.sb.resetCalls();
		const { error } = await ctx.run(update('={{ [{ id: 1 }, { id: 3 }] }}'));
		expect(error.message).toBe(
			'Columns: "cf_Organization Type" holds an array of objects, which SmartSimple cannot store',
		);
		expect(error.description).toContain('["1","2"] (sent as ,1,2,)');
		expect(ctx.sb.calls).toEqual([]);

		const { error: objectError } = await ctx.run(update('={{ { id: 1 } }}'));
		expect(objectError.message).toBe('Columns: "cf_Organization Type" holds an object, which SmartSimple cannot store');
		expect(ctx.sb.calls).toEqual([]);
	});

	test('Map Automatically refuses an object from the input before any call', async () => {
		const { items } = await ctx.run(
			{
				resource: 'user',
				operation: 'create',
				apiToken: 'user-update',
				fieldList: USER_LIST,
				columns: { mappingMode: 'autoMapInputData', value: null },
			},
			[{ json: RESOURCES.user.values }, { json: { ...RESOURCES.user.values, sf_City: { name: 'Oslo' } } }],
			{ continueOnFail: true },
		);
		expect(items[0].json.status).toBe('created successfully');
		expect(items[1].json.error).toBe('Columns: "sf_City" holds an object, which SmartSimple cannot store');
		expect(sent()).toHaveLength(1);
	});
});

describe('statuses are never given to the wrong item', () => {
	const threeCreates = () =>
		['A', 'B', 'C'].map((name) => ({ json: { ...RESOURCES.user.values, 'sf_Last Name': name } }));
	const autoCreate = {
		resource: 'user',
		operation: 'create',
		apiToken: 'user-update',
		fieldList: USER_LIST,
		columns: { mappingMode: 'autoMapInputData', value: null },
	};

	test('fewer statuses than records and no recordindex: every item is unmatched and may have been saved', async () => {
		ctx.sb.faults.add({
			action: 'update',
			times: 1,
			body: JSON.stringify({
				records: [
					{ recordid: '701', status: 'created successfully' },
					{ recordid: '703', status: 'created successfully' },
				],
				message: {},
			}),
		});
		const { items, error } = await ctx.run(autoCreate, threeCreates(), { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(items.map((item) => item.json.recordid)).toEqual([undefined, undefined, undefined]);
		for (const [index, item] of items.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toBe('SmartSimple answered 2 statuses for 3 entries');
			expect(item.json.description).toContain('may have been saved');
		}
	});

	test('with recordindex, the statuses given go to their items; an item without one may have been saved', async () => {
		ctx.sb.faults.add({
			action: 'update',
			times: 1,
			body: JSON.stringify({
				records: [
					{ recordid: '703', recordindex: 3, status: 'created successfully' },
					{ recordid: '701', recordindex: 1, status: 'created successfully' },
				],
				message: {},
			}),
		});
		const { items } = await ctx.run(autoCreate, threeCreates(), { continueOnFail: true });
		expect(items[0].json).toMatchObject({ recordid: '701', 'sf_Last Name': 'A' });
		expect(items[1].json.error).toBe('SmartSimple did not report on the record to create');
		expect(items[1].json.description).toContain('may have been saved');
		expect(items[2].json).toMatchObject({ recordid: '703', 'sf_Last Name': 'C' });
	});
});

describe('Get gives stored values that Update maps back', () => {
	test('Get with Value Format: Stored Value, then Update with Map Automatically saves the record unchanged', async () => {
		const before = ctx.sb.store.get('levelone', '3000002');
		const { items: got, error: getError } = await ctx.run(
			{
				resource: 'levelOne',
				operation: 'get',
				apiToken: 'levelone-get',
				recordId: '3000002',
				options: { valueFormat: 'stored' },
			},
		);
		expect(getError).toBeUndefined();
		expect(ctx.sb.calls[0].parsed.othersettings).toEqual({ getstorevalue: 1 });
		expect(got[0].json.sf_Status).toBe(before.sf_Status);

		ctx.sb.resetCalls();
		const { items, error } = await ctx.run(
			{
				resource: 'levelOne',
				operation: 'update',
				apiToken: 'levelone-update',
				recordId: '={{ $json.recordid }}',
				fieldList: L1_LIST,
				columns: { mappingMode: 'autoMapInputData', value: null },
			},
			got,
		);
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('updated successfully');
		expect(ctx.sb.calls).toHaveLength(1);
		const after = ctx.sb.store.get('levelone', '3000002');
		for (const field of L1_LIST.split(';;')) expect([field, after[field]]).toEqual([field, before[field]]);
	});

	test('Get sends the Key Format', async () => {
		const { items, error } = await ctx.run({
			resource: 'levelOne',
			operation: 'get',
			apiToken: 'levelone-get-byid',
			recordId: '3000002',
			options: { keyFormat: '2', valueFormat: 'display' },
		});
		expect(error).toBeUndefined();
		expect(ctx.sb.calls[0].parsed.othersettings).toEqual({ getstorevalue: 0, keyformat: 2 });
		expect(Object.keys(items[0].json).some((key) => /^cf_\d+$/.test(key))).toBe(true);
	});
});

describe('Fields Not Set', () => {
	const updateTitle = (extra) => ({
		resource: 'user',
		operation: 'update',
		apiToken: 'user-update',
		recordId: '2000010',
		fieldList: USER_LIST,
		columns: { mappingMode: 'defineBelow', value: { sf_Title: 'Chair' } },
		...extra,
	});

	test('Refuse names the missing fields before any call, even with a read token', async () => {
		const { error } = await ctx.run(
			updateTitle({ fieldsNotSet: 'refuse', options: { readCurrentToken: 'user-list' } }),
		);
		expect(error.message).toBe(
			'Columns do not match the Field List: missing "sf_First Name", "sf_Last Name", "sf_Email", "sf_Phone", "sf_Company ID", "sf_City", "sf_Country", "cf_Preferred Language"',
		);
		expect(ctx.sb.calls).toEqual([]);
	});

	test('Send Empty sends "" for every unset field, in one call and without a read', async () => {
		const { error } = await ctx.run(updateTitle({ fieldsNotSet: 'empty' }));
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(sent()[0]).toEqual({
			recordid: '2000010',
			...Object.fromEntries(USER_LIST.split(';;').map((field) => [field, field === 'sf_Title' ? 'Chair' : ''])),
		});
	});

	test('Keep Current Values (the default) reads, then keeps every other field', async () => {
		const before = ctx.sb.store.get('user', '2000010');
		const { error } = await ctx.run(updateTitle({ options: { readCurrentToken: 'user-list' } }));
		expect(error).toBeUndefined();
		expect(ctx.sb.calls.map((call) => call.action)).toEqual(['list', 'update']);
		expect(ctx.sb.store.get('user', '2000010')).toMatchObject({ sf_Title: 'Chair', sf_Email: before.sf_Email });
	});

	test('Create offers Send Empty and Refuse (default); Update adds Keep Current Values (default)', () => {
		const { SmartSimple } = require(path.resolve(__dirname, '../../dist/nodes/SmartSimple/SmartSimple.node.js'));
		const choices = new SmartSimple().description.properties
			.filter((property) => property.name === 'fieldsNotSet')
			.map((property) => [property.displayOptions.show.operation[0], property.default, property.options.map((o) => o.value)]);
		expect(choices).toEqual([
			['create', 'refuse', ['empty', 'refuse']],
			['update', 'keep', ['keep', 'empty', 'refuse']],
		]);
	});
});

describe('Batch Size on every batched write', () => {
	const five = (fields) => Array.from({ length: 5 }, (_, i) => ({ json: { id: String(i), ...fields } }));

	test.each([
		[
			'updateAddresses',
			{ resource: 'company', apiToken: 'company-updateaddresses', recordId: '1000002', addressId: '0', addressFields: { city: '={{ "City " + $json.id }}' } },
		],
		[
			'updateAssociations',
			{
				resource: 'levelOne',
				apiToken: 'levelone-updateassociations',
				recordId: '3000002',
				associations: { association: [{ type: 'contact', id: '2000010', roleName: 'Reviewer' }] },
			},
		],
		[
			'updateMeta',
			{
				resource: 'levelOne',
				apiToken: 'levelone-updatemeta',
				changes: { change: [{ kind: 'status', id: '0', name: '={{ "Status " + $json.id }}', level: 'resource' }] },
			},
		],
	])('%s: 5 items at Batch Size 2 cost 3 calls', async (operation, parameters) => {
		const { items, error } = await ctx.run({ operation, ...parameters, options: { batchSize: 2 } }, five());
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(ctx.sb.calls.map((call) => call.parsed.jsonrset.length)).toEqual([2, 2, 1]);
	});
});
