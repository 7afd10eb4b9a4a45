'use strict';
// Batching, Fields Not Set (keep, empty, refuse), field-list checks, per-record and whole-call failures,
// date values and "Map Automatically", through WorkflowExecute against the sandbox.

const { RESOURCES, fieldListOf, pick, useSandbox } = require('./write.fixtures');

const ctx = useSandbox();

const L3_LIST = fieldListOf('levelthree-update'); // sf_Name;;sf_Type;;sf_Status;;sf_Parent ID;;sf_Start Date
const USER_LIST = fieldListOf('user-update');
const USER_FIELDS = USER_LIST.split(';;');

const levelThree = (n) => ({
	sf_Name: `Milestone ${n}`,
	sf_Type: '1',
	sf_Status: '1',
	'sf_Parent ID': '4000007',
	'sf_Start Date': '2025-09-15',
});

/** Create on levelThree with the values taken from each input item by expressions. */
const createLevelThree = (options = {}) => ({
	resource: 'levelThree',
	operation: 'create',
	apiToken: 'levelthree-update',
	fieldList: L3_LIST,
	columns: {
		mappingMode: 'defineBelow',
		value: {
			sf_Name: '={{ $json.name }}',
			sf_Type: '1',
			sf_Status: '={{ $json.status ?? "1" }}',
			'sf_Parent ID': '4000007',
			'sf_Start Date': '={{ $json.start }}',
		},
	},
	options,
});

const names = (count) => Array.from({ length: count }, (_, i) => ({ json: { name: `Milestone ${i}`, start: '2025-09-15' } }));
/** A current value as the fill sends it back: an empty custom field (null) as "". */
const sentForm = (fields) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === null ? '' : v]));
const nextId = (endpoint) => Math.max(...ctx.sb.store.list(endpoint).map((r) => Number(r.recordid))) + 1;

describe('batching', () => {
	test('250 items at batch size 100 cost exactly 3 calls of 100, 100 and 50 records', async () => {
		const first = nextId('levelthree');
		const { items, error } = await ctx.run(createLevelThree({ batchSize: 100 }), names(250));
		expect(error).toBeUndefined();
		const calls = ctx.writeCalls();
		expect(ctx.sb.calls).toHaveLength(3);
		expect(calls.map((c) => c.parsed.jsonrset.length)).toEqual([100, 100, 50]);
		expect(calls[2].parsed.jsonrset[49]).toEqual({ recordid: '0', ...levelThree(249) });
		expect(items).toHaveLength(250);
		items.forEach((item, i) => {
			expect(item).toEqual({
				json: { recordid: String(first + i), status: 'created successfully', ...levelThree(i) },
				pairedItem: { item: i },
			});
		});
		expect(ctx.sb.store.get('levelthree', String(first + 249)).sf_Name).toBe('Milestone 249');
	});

	test('1,000 items at the default batch size cost exactly 10 calls', async () => {
		const { items, error } = await ctx.run(createLevelThree(), names(1000));
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(10);
		expect(ctx.writeCalls().every((c) => c.parsed.jsonrset.length === 100)).toBe(true);
		expect(items).toHaveLength(1000);
		expect(items[999].pairedItem).toEqual({ item: 999 });
		expect(items[999].json.sf_Name).toBe('Milestone 999');
	});

	test('250 deletes at batch size 100 cost 3 calls; one output item per input item', async () => {
		const ids = ctx.sb.store.list('user').slice(0, 250).map((r) => r.recordid);
		expect(ids.length).toBe(81); // the small data set: delete what there is, in batches of 25
		const { items, error } = await ctx.run(
			{ resource: 'user', operation: 'delete', apiToken: 'user-delete', recordId: '={{ $json.id }}', options: { batchSize: 25 } },
			ids.map((id) => ({ json: { id } })),
		);
		expect(error).toBeUndefined();
		expect(ctx.writeCalls().map((c) => c.parsed.jsonrset.length)).toEqual([25, 25, 25, 6]);
		expect(ctx.writeCalls()[3].parsed.jsonrset).toEqual(ids.slice(75).map((recordid) => ({ recordid })));
		expect(items).toEqual(
			ids.map((recordid, i) => ({ json: { recordid, deleted: true, status: 'deleted successfully' }, pairedItem: { item: i } })),
		);
		expect(ctx.sb.store.count('user')).toBe(0);
	});

	test('answers are matched by recordindex, and by order where it is absent', async () => {
		ctx.sb.faults.add({
			action: 'update',
			times: 1,
			body: JSON.stringify({
				records: [
					{ recordid: '777', recordindex: 2, status: 'created successfully' },
					{ recordid: '666', recordindex: 1, status: 'created successfully' },
				],
				message: {},
			}),
		});
		ctx.sb.faults.add({
			action: 'update',
			times: 1,
			after: 1,
			body: JSON.stringify({
				records: [
					{ recordid: '888', status: 'created successfully' },
					{ recordid: '999', status: 'created successfully' },
				],
				message: {},
			}),
		});
		const { items, error } = await ctx.run(createLevelThree({ batchSize: 2 }), names(4));
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.recordid, i.json.sf_Name, i.pairedItem.item])).toEqual([
			['666', 'Milestone 0', 0],
			['777', 'Milestone 1', 1],
			['888', 'Milestone 2', 2],
			['999', 'Milestone 3', 3],
		]);
	});
});

describe('Fields Not Set → Keep Current Values (Read Current Values From)', () => {
	const ids = ['2000010', '2000011', '2000012'];
	const updateTitles = (options, fieldList = USER_LIST) => ({
		resource: 'user',
		operation: 'update',
		apiToken: 'user-update',
		recordId: '={{ $json.id }}',
		fieldList,
		columns: { mappingMode: 'defineBelow', value: { sf_Title: '={{ $json.title }}' } },
		options,
	});
	const input = ids.map((id, i) => ({ json: { id, title: `Director ${i}` } }));

	test('a List token reads the whole batch in ONE call; changing one field keeps every other', async () => {
		const before = ids.map((id) => ctx.sb.store.get('user', id));
		const { items, error } = await ctx.run(updateTitles({ readCurrentToken: 'user-list' }), input);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls.map((c) => [c.token, c.action])).toEqual([
			['user-list', 'list'],
			['user-update', 'update'],
		]);
		const [read, write] = ctx.sb.calls;
		expect(read.parsed.criteria).toEqual([
			{ andor: 'and', field: 'recordid', operator: '=', value: '2000010' },
			{ andor: 'or', field: 'recordid', operator: '=', value: '2000011' },
			{ andor: 'or', field: 'recordid', operator: '=', value: '2000012' },
		]);
		expect(read.parsed.othersettings).toEqual({ getstorevalue: 1, recordstart: 1, recordend: 3 });
		const expected = before.map((record, i) => ({
			recordid: record.recordid,
			...sentForm(pick(record, USER_FIELDS)),
			sf_Title: `Director ${i}`,
		}));
		expect(write.parsed.jsonrset).toEqual(expected);
		expect(items).toEqual(
			expected.map(({ recordid, ...fields }, i) => ({
				json: { recordid, status: 'updated successfully', ...fields },
				pairedItem: { item: i },
			})),
		);
		ids.forEach((id, i) => {
			const after = ctx.sb.store.get('user', id);
			expect(after).toEqual({ ...before[i], sf_Title: `Director ${i}`, 'sf_Modified Date': '2025-06-02 09:00:00' });
		});
	});

	test('stored values are kept: option and money fields are not replaced by their captions', async () => {
		const id = '3000001';
		const before = ctx.sb.store.get('levelone', id);
		const list = fieldListOf('levelone-update');
		const { error } = await ctx.run({
			resource: 'levelOne',
			operation: 'update',
			apiToken: 'levelone-update',
			recordId: id,
			fieldList: list,
			columns: { mappingMode: 'defineBelow', value: { sf_Name: 'Renamed' } },
			options: { readCurrentToken: 'levelone-list' },
		});
		expect(error).toBeUndefined();
		const after = ctx.sb.store.get('levelone', id);
		expect(after).toEqual({ ...before, sf_Name: 'Renamed', 'sf_Modified Date': '2025-06-02 09:00:00' });
		expect(ctx.sb.calls[1].parsed.jsonrset[0]).toMatchObject({
			sf_Status: before.sf_Status,
			'sf_Requested Amount': before['sf_Requested Amount'],
			'sf_Start Date': before['sf_Start Date'].slice(0, 10),
		});
	});

	test('one List call per batch: 5 records at batch size 2 cost 3 reads and 3 writes', async () => {
		const five = ['2000020', '2000021', '2000022', '2000023', '2000024'];
		const { error } = await ctx.run(
			updateTitles({ readCurrentToken: 'user-list', batchSize: 2 }),
			five.map((id) => ({ json: { id, title: 'Chair' } })),
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls.map((c) => `${c.action}:${(c.parsed.criteria || c.parsed.jsonrset).length}`)).toEqual([
			'list:2',
			'update:2',
			'list:2',
			'update:2',
			'list:1',
			'update:1',
		]);
		for (const id of five) expect(ctx.sb.store.get('user', id).sf_Title).toBe('Chair');
	});

	test('a Get token costs one call per record', async () => {
		const before = ctx.sb.store.get('user', '2000011');
		const { items, error } = await ctx.run(
			updateTitles({ readCurrentToken: 'user-get', readCurrentAction: 'get' }),
			input,
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls.map((c) => `${c.token}:${c.form.recordid ?? c.parsed.jsonrset.length}`)).toEqual([
			'user-get:2000010',
			'user-get:2000011',
			'user-get:2000012',
			'user-update:3',
		]);
		expect(items[1].json).toEqual({
			recordid: '2000011',
			status: 'updated successfully',
			...sentForm(pick(before, USER_FIELDS)),
			sf_Title: 'Director 1',
		});
	});

	test('without a Field List the fill sends the read fields minus the read-only ones', async () => {
		const before = ctx.sb.store.get('user', '2000010');
		const { error } = await ctx.run(updateTitles({ readCurrentToken: 'user-list' }, ''), [input[0]]);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls[1].parsed.jsonrset).toEqual([
			{ recordid: '2000010', ...sentForm(pick(before, USER_FIELDS)), sf_Title: 'Director 0' },
		]);
	});

	test('a record the read cannot find becomes that item\'s error; the others are saved', async () => {
		const { items, error } = await ctx.run(
			updateTitles({ readCurrentToken: 'user-list' }),
			[input[0], { json: { id: '2999999', title: 'Ghost' } }, input[2]],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls[1].parsed.jsonrset.map((r) => r.recordid)).toEqual(['2000010', '2000012']);
		expect(items[1]).toEqual({
			json: {
				error: 'Read Current Values From found no record 2999999',
				description:
					'The List function did not return record 2999999, so its current values are unknown and nothing was saved. Check the Record ID, and that the function is of the same record type.',
			},
			pairedItem: { item: 1 },
		});
		expect(items[0].json.status).toBe('updated successfully');
		expect(items[2].json.status).toBe('updated successfully');
		expect(ctx.sb.store.get('user', '2000012').sf_Title).toBe('Director 2');
	});

	test('a Get read that finds nothing fails only that item', async () => {
		const { items } = await ctx.run(
			updateTitles({ readCurrentToken: 'user-get', readCurrentAction: 'get' }),
			[{ json: { id: '2999999', title: 'Ghost' } }, input[0]],
			{ continueOnFail: true },
		);
		expect(items[0].json.error).toBe('Read Current Values From found no record 2999999');
		expect(items[1].json.status).toBe('updated successfully');
	});
});

describe('field-list check (before any call)', () => {
	test('missing fields: names them and the fix; no call is spent', async () => {
		const { error } = await ctx.run({
			resource: 'user',
			operation: 'update',
			apiToken: 'user-update',
			recordId: '2000010',
			fieldList: USER_LIST,
			columns: { mappingMode: 'defineBelow', value: { sf_Title: 'Chair', sf_City: 'Oslo' } },
		});
		expect(error.message).toBe(
			'Columns do not match the Field List: missing "sf_First Name", "sf_Last Name", "sf_Email", "sf_Phone", "sf_Company ID", "sf_Country", "cf_Preferred Language"',
		);
		expect(error.description).toBe(
			"SmartSimple saves a record only with every field of the Update function's field list and only those. Set them in Columns, or add Options → Read Current Values From (a List function of this record type) so unset fields keep their values.",
		);
		expect(ctx.sb.calls).toEqual([]);
	});

	test('extra fields: named, even with a fill token; no call is spent', async () => {
		const { error } = await ctx.run({
			resource: 'user',
			operation: 'update',
			apiToken: 'user-update',
			recordId: '2000010',
			fieldList: USER_LIST,
			columns: { mappingMode: 'defineBelow', value: { sf_Title: 'Chair', 'cf_Shoe Size': '9' } },
			options: { readCurrentToken: 'user-list' },
		});
		expect(error.message).toBe('Columns do not match the Field List: not in the Field List: "cf_Shoe Size"');
		expect(ctx.sb.calls).toEqual([]);
	});

	test('the last item is bad: the node stops before any call, naming the item', async () => {
		const input = names(3);
		input[2].json.start = null; // Start Date unset
		const { error } = await ctx.run(createLevelThree(), input);
		expect(error.message).toBe('Columns do not match the Field List: missing "sf_Start Date"');
		expect(error.context.itemIndex).toBe(2);
		expect(ctx.sb.calls).toEqual([]);
	});

	test('under Continue On Fail the bad item becomes an error item and the others are saved in one call', async () => {
		const input = names(3);
		input[1].json.start = null;
		const { items, error } = await ctx.run(createLevelThree(), input, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0].parsed.jsonrset.map((r) => r.sf_Name)).toEqual(['Milestone 0', 'Milestone 2']);
		expect(items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
		expect(items[1].json).toEqual({
			error: 'Columns do not match the Field List: missing "sf_Start Date"',
			description:
				"SmartSimple saves a record only with every field of the Update function's field list and only those. Set them in Columns (an empty value is allowed), or choose another Fields Not Set.",
		});
		expect(items[0].json.status).toBe('created successfully');
		expect(items[2].json.status).toBe('created successfully');
	});

	test('Fields Not Set → Send Empty sends the missing fields blank', async () => {
		const { error } = await ctx.run({
			resource: 'user',
			operation: 'create',
			apiToken: 'user-update-contact',
			fieldList: 'sf_Email;;sf_Phone',
			columns: { mappingMode: 'defineBelow', value: { sf_Email: 'x@example.org' } },
			fieldsNotSet: 'empty',
		});
		expect(error).toBeUndefined();
		expect(ctx.sb.calls[0].parsed.jsonrset).toEqual([{ recordid: '0', sf_Email: 'x@example.org', sf_Phone: '' }]);
	});

	test.each([
		// A required parameter left blank is refused by n8n itself; an expression can still yield "".
		[{ recordId: "={{ '' }}" }, 'Record ID is empty'],
		[{ recordId: 'abc' }, 'Record ID "abc" is not a SmartSimple record ID'],
		[{ recordId: '0' }, 'Record ID "0" is not a SmartSimple record ID'],
		[{ apiToken: '={{ $json.token }}' }, 'API Token is empty'],
		[{ columns: { mappingMode: 'defineBelow', value: {} }, fieldList: '' }, 'Columns sets no field'],
		[{ options: { batchSize: 0 } }, 'Batch Size must be a whole number from 1 to 1,000'],
	])('bad input %j: "%s" and no call', async (change, message) => {
		const { error } = await ctx.run({
			resource: 'user',
			operation: 'update',
			apiToken: 'user-update',
			recordId: '2000010',
			fieldList: USER_LIST,
			columns: { mappingMode: 'defineBelow', value: RESOURCES.user.values },
			...change,
		});
		expect(error.message).toBe(message);
		expect(ctx.sb.calls).toEqual([]);
	});
});

describe('failures from SmartSimple', () => {
	test('a refused record in a batch becomes its error item; the rest of the batch is saved', async () => {
		const first = nextId('levelthree');
		const input = names(3);
		// A status SmartSimple does not have: only it can refuse that.
		input[1].json.status = '99';
		const { items, error } = await ctx.run(createLevelThree(), input, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(items[1]).toEqual({
			json: {
				error: 'SmartSimple could not save the record: sf_Status: "99" is not a stored option value (1=Open;2=Done)',
				description:
					"Check the values: send every field of the function's field list and only those, dates as YYYY-MM-DD, and option fields by their stored value (\"1\", not \"Yes\"). The other records sent in the same call are not affected by this error.",
			},
			pairedItem: { item: 1 },
		});
		expect(items[0].json.recordid).toBe(String(first));
		expect(items[2].json.recordid).toBe(String(first + 1));
		expect(ctx.sb.store.get('levelthree', String(first + 1)).sf_Name).toBe('Milestone 2');
	});

	test('without Continue On Fail a refused record stops the node, naming the item', async () => {
		const input = names(3);
		input[1].json.status = '99';
		const { error } = await ctx.run(createLevelThree(), input);
		expect(error.message).toBe(
			'SmartSimple could not save the record: sf_Status: "99" is not a stored option value (1=Open;2=Done)',
		);
		expect(error.context.itemIndex).toBe(1);
	});

	test('a failed call fails every item of its batch; other batches go on', async () => {
		ctx.sb.faults.add({ action: 'update', times: 1, status: 503, body: 'html' });
		const { items, error } = await ctx.run(createLevelThree({ batchSize: 2 }), names(3), { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(2);
		// A create batch is never resent after a 503: its items may have been saved.
		expect(items.map((i) => i.json.error ?? i.json.status)).toEqual([
			expect.stringMatching(/^SmartSimple may have saved these records/),
			expect.stringMatching(/^SmartSimple may have saved these records/),
			'created successfully',
		]);
		expect(items.map((i) => i.pairedItem.item)).toEqual([0, 1, 2]);
	});

	test('delete of a record that does not exist: that item fails, the other is deleted', async () => {
		const { items } = await ctx.run(
			{ resource: 'company', operation: 'delete', apiToken: 'company-delete', recordId: '={{ $json.id }}' },
			[{ json: { id: '1999999' } }, { json: { id: '1000007' } }],
			{ continueOnFail: true },
		);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(items[0].json.error).toBe('SmartSimple could not delete the record: Recordset does not exist');
		expect(items[1].json).toEqual({ recordid: '1000007', deleted: true, status: 'deleted successfully' });
		expect(ctx.sb.store.get('company', '1000007')).toBeUndefined();
	});
});

describe('values', () => {
	test('dates from an ISO string, a JS Date and Luxon DateTimes are sent as YYYY-MM-DD', async () => {
		const { DateTime } = require('luxon');
		const { error } = await ctx.run(
			{
				resource: 'levelOne',
				operation: 'update',
				apiToken: 'levelone-update',
				recordId: '3000002',
				fieldList: fieldListOf('levelone-update'),
				columns: {
					mappingMode: 'defineBelow',
					value: {
						...RESOURCES.levelOne.values,
						'sf_Start Date': '2025-07-01T15:30:00.000Z',
						'sf_End Date': "={{ new Date('2026-02-28T12:00:00Z') }}",
						'sf_Requested Amount': '={{ 75000 }}',
						'cf_Program Area': "={{ DateTime.fromISO('2025-09-30T08:00:00').toISODate() === '2025-09-30' ? 4 : 1 }}",
					},
				},
			},
		);
		expect(error).toBeUndefined();
		const sent = ctx.sb.calls[0].parsed.jsonrset[0];
		expect(sent['sf_Start Date']).toBe('2025-07-01');
		expect(sent['sf_End Date']).toBe('2026-02-28');
		expect(sent['sf_Requested Amount']).toBe('75000');
		expect(sent['cf_Program Area']).toBe('4');
		expect(ctx.sb.store.get('levelone', '3000002')['sf_End Date']).toBe('2026-02-28 00:00:00');

		ctx.sb.resetCalls();
		const { error: luxonError } = await ctx.run({
			resource: 'levelThree',
			operation: 'create',
			apiToken: 'levelthree-update',
			fieldList: L3_LIST,
			columns: {
				mappingMode: 'defineBelow',
				value: { ...levelThree(1), 'sf_Start Date': "={{ DateTime.fromISO('2025-12-24T23:00:00') }}" },
			},
		});
		expect(luxonError).toBeUndefined();
		expect(ctx.sb.calls[0].parsed.jsonrset[0]['sf_Start Date']).toBe('2025-12-24');

		ctx.sb.resetCalls();
		const { error: nowError } = await ctx.run({
			...createLevelThree(),
			columns: { mappingMode: 'defineBelow', value: { ...levelThree(2), 'sf_Start Date': '={{ $now }}' } },
		});
		expect(nowError).toBeUndefined();
		const sentNow = ctx.sb.calls[0].parsed.jsonrset[0]['sf_Start Date'];
		// $now is in the workflow's time zone (n8n's default America/New_York here).
		expect(sentNow).toBe(DateTime.now().setZone('America/New_York').toISODate());
	});

	test('arrays are sent as ",1,2,"', async () => {
		const { error } = await ctx.run({
			resource: 'company',
			operation: 'update',
			apiToken: 'company-update',
			recordId: '1000002',
			fieldList: fieldListOf('company-update'),
			columns: {
				mappingMode: 'defineBelow',
				value: { ...RESOURCES.company.values, 'cf_Organization Type': '={{ [1, 3] }}' },
			},
		});
		expect(error).toBeUndefined();
		expect(ctx.sb.calls[0].parsed.jsonrset[0]['cf_Organization Type']).toBe(',1,3,');
		expect(ctx.sb.store.get('company', '1000002')['cf_Organization Type']).toBe(',1,3,');
	});
});

describe('Map Automatically', () => {
	test('create sends the item keys that are in the Field List, in its order', async () => {
		const first = nextId('levelthree');
		const { items, error } = await ctx.run(
			{
				resource: 'levelThree',
				operation: 'create',
				apiToken: 'levelthree-update',
				fieldList: L3_LIST,
				columns: { mappingMode: 'autoMapInputData', value: null },
			},
			[
				{
					json: {
						'sf_Start Date': '2025-11-05T10:00:00Z',
						recordid: '5000001',
						note: 'not a field',
						sf_Name: 'Auto',
						sf_Type: 2,
						sf_Status: 1,
						'sf_Parent ID': 4000003,
					},
				},
			],
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls[0].form.jsonrset).toBe(
			JSON.stringify([
				{ recordid: '0', sf_Name: 'Auto', sf_Type: '2', sf_Status: '1', 'sf_Parent ID': '4000003', 'sf_Start Date': '2025-11-05' },
			]),
		);
		expect(items[0].json.recordid).toBe(String(first));
	});

	test('without a Field List: the item keys named sf_/cf_, except read-only ones', async () => {
		const { items, error } = await ctx.run(
			{
				resource: 'user',
				operation: 'update',
				apiToken: 'user-update-contact',
				recordId: '={{ $json.recordid }}',
				columns: { mappingMode: 'autoMapInputData', value: null },
			},
			[{ json: { recordid: '2000016', sf_Email: 'e@example.org', 'sf_Modified Date': '2025-01-01 10:00:00', sf_Phone: 555, note: 'x' } }],
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls[0].form.jsonrset).toBe(
			JSON.stringify([{ recordid: '2000016', sf_Email: 'e@example.org', sf_Phone: '555' }]),
		);
		expect(items[0].json).toEqual({ recordid: '2000016', status: 'updated successfully', sf_Email: 'e@example.org', sf_Phone: '555' });
	});

	test('update maps the record ID by expression and fills the rest from a List read', async () => {
		const before = ctx.sb.store.get('user', '2000015');
		const { items, error } = await ctx.run(
			{
				resource: 'user',
				operation: 'update',
				apiToken: 'user-update',
				recordId: '={{ $json.recordid }}',
				fieldList: USER_LIST,
				columns: { mappingMode: 'autoMapInputData', value: null },
				options: { readCurrentToken: 'user-list' },
			},
			[{ json: { recordid: '2000015', sf_Email: 'new@example.org', 'sf_Modified Date': 'x', other: 1 } }],
		);
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(2);
		expect(items[0].json).toEqual({
			recordid: '2000015',
			status: 'updated successfully',
			...sentForm(pick(before, USER_FIELDS)),
			sf_Email: 'new@example.org',
		});
		expect(ctx.sb.store.get('user', '2000015').sf_Email).toBe('new@example.org');
	});
});
