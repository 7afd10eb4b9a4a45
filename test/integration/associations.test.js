'use strict';
/** List Associations and Update Associations through real n8n against the sandbox. */
const { useSandbox, ownFields } = require('../helpers/sandbox');

const ctx = useSandbox({ records: 'small', seed: 42 }, { perTest: true });
const { run } = ctx;
const LEVELS = [
	{ resource: 'levelOne', endpoint: 'levelone', recordId: '3000001' },
	{ resource: 'levelTwo', endpoint: 'leveltwo', recordId: '4000002' },
	{ resource: 'levelThree', endpoint: 'levelthree', recordId: '5000003' },
];

describe.each(LEVELS)('$resource', ({ resource, endpoint, recordId }) => {
	test('listAssociations: one item per association, objectid sent', async () => {
		const expected = ctx.sb.store.associations(endpoint, recordId).map((a) => ctx.sb.store.associationView(a));
		expect(expected.length).toBeGreaterThan(0);
		const { items, error } = await run({
			resource,
			operation: 'listAssociations',
			apiToken: `${endpoint}-listassociations`,
			recordId: '={{ $json.id }}',
			returnAll: true,
		}, { input: [{ json: { id: recordId } }] });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(expected);
		expect(items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ endpoint, action: 'listassociations' });
		expect(ownFields(ctx.sb.calls[0])).toEqual({
			objectid: recordId,
			othersettings: JSON.stringify({ recordstart: 1, recordend: 1000 }),
		});
	});

	test('updateAssociations: a contact by role name and a company by role ID, one item out', async () => {
		const { items, error } = await run({
			resource,
			operation: 'updateAssociations',
			apiToken: `${endpoint}-updateassociations`,
			recordId,
			associations: {
				association: [
					{ type: 'company', id: '1000002', roleId: '13' },
					{ type: 'contact', id: '2000005', roleName: 'Signee Internal' },
				],
			},
		});
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(1);
		expect(ctx.sb.calls[0]).toMatchObject({ endpoint, action: 'updateassociations' });
		expect(Object.keys(ownFields(ctx.sb.calls[0]))).toEqual(['jsonrset']);
		expect(ctx.sb.calls[0].parsed.jsonrset).toEqual([
			{
				objectid: recordId,
				contacts: [{ contactid: '2000005', rolename: 'Signee Internal' }],
				companies: [{ companyid: '1000002', roleid: '13' }],
			},
		]);
		const views = ctx.sb.store.associations(endpoint, recordId).map((a) => ctx.sb.store.associationView(a));
		const contact = views.find((a) => a.contactid === '2000005');
		const company = views.find((a) => a.companyid === '1000002' && a.roleid === '13');
		expect(contact).toMatchObject({ rolename: 'Signee Internal', roleid: '2' });
		expect(items).toEqual([
			{
				json: {
					recordId,
					associations: [
						{ type: 'contact', contactid: '2000005', rolename: 'Signee Internal', associationid: contact.associationid, status: 'created successfully' },
						{ type: 'company', companyid: '1000002', roleid: '13', associationid: company.associationid, status: 'created successfully' },
					],
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

test('updateAssociations: several items go in one call; each gets its own statuses', async () => {
	const existing = ctx.sb.store.associations('levelone', '3000001').map((a) => ctx.sb.store.associationView(a));
	const primary = existing.find((a) => a.type === 'contact');
	const { items, error } = await run(
		{
			resource: 'levelOne',
			operation: 'updateAssociations',
			apiToken: 'levelone-updateassociations',
			recordId: '={{ $json.id }}',
			associations: {
				association: [
					{ type: 'contact', id: '={{ $json.contact }}', roleName: '={{ $json.role }}', associationId: '={{ $json.association }}' },
				],
			},
		},
		{
			input: [
				{ json: { id: '3000001', contact: '', role: 'Reviewer', association: primary.associationid } },
				{ json: { id: '3000002', contact: '2000009', role: 'Finance Contact', association: '' } },
			],
		},
	);
	expect(error).toBeUndefined();
	expect(ctx.sb.calls).toHaveLength(1);
	expect(ctx.sb.calls[0].parsed.jsonrset).toEqual([
		{ objectid: '3000001', contacts: [{ rolename: 'Reviewer', associationid: primary.associationid }] },
		{ objectid: '3000002', contacts: [{ contactid: '2000009', rolename: 'Finance Contact' }] },
	]);
	const created = ctx.sb.store.associations('levelone', '3000002').find((a) => a.refId === '2000009');
	expect(items.map((item) => item.json)).toEqual([
		{
			recordId: '3000001',
			associations: [{ type: 'contact', rolename: 'Reviewer', associationid: primary.associationid, status: 'updated successfully' }],
		},
		{
			recordId: '3000002',
			associations: [{ type: 'contact', contactid: '2000009', rolename: 'Finance Contact', associationid: created.associationid, status: 'created successfully' }],
		},
	]);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	const changed = ctx.sb.store.associations('levelone', '3000001').find((a) => a.associationid === primary.associationid);
	expect(changed.roleid).toBe('3');
});

test('updateAssociations: bad input is refused before any call, naming the entry', async () => {
	const base = { resource: 'levelOne', operation: 'updateAssociations', apiToken: 'levelone-updateassociations', recordId: '3000001' };
	const cases = [
		[{ associations: { association: [{ type: 'contact', id: '2000005' }] } }, 'Associations, entry 1: no role given'],
		[{ associations: { association: [{ type: 'contact', id: '2000005', roleName: 'Reviewer', roleId: '3' }] } }, 'Associations, entry 1: both Role Name and Role ID are given'],
		[{ associations: { association: [{ type: 'company', id: 'ACME', roleId: '11' }] } }, 'Associations, entry 1: "ACME" is not a SmartSimple ID'],
		[{ associations: { association: [{ type: 'company', id: '', roleId: '11' }] } }, 'Associations, entry 1: Contact or Company ID is empty'],
		[{ associations: {} }, 'Associations is empty'],
		[{ recordId: '={{ $json.missing }}', associations: { association: [{ type: 'contact', id: '2000005', roleId: '3' }] } }, 'Record ID is empty'],
	];
	for (const [parameters, message] of cases) {
		const { error } = await run({ ...base, ...parameters });
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
	}
	expect(ctx.sb.calls).toHaveLength(0);
});

test('updateAssociations: an unknown role fails its item; Continue On Fail keeps the others', async () => {
	const { items, error } = await run(
		{
			resource: 'levelTwo',
			operation: 'updateAssociations',
			apiToken: 'leveltwo-updateassociations',
			recordId: '={{ $json.id }}',
			associations: { association: [{ type: 'contact', id: '2000010', roleName: '={{ $json.role }}' }] },
		},
		{
			input: [
				{ json: { id: '4000002', role: 'Chief Wizard' } },
				{ json: { id: '4000003', role: 'Reviewer' } },
				{ json: { role: 'Reviewer' } },
			],
			continueOnFail: true,
		},
	);
	expect(error).toBeUndefined();
	expect(ctx.sb.calls).toHaveLength(1);
	expect(ctx.sb.calls[0].parsed.jsonrset).toHaveLength(2);
	expect(items).toHaveLength(3);
	expect(items[0].json.error).toBe(
		'SmartSimple refused the association: contact 2000010 (role "Chief Wizard" does not exist (Primary Contact, Signee Internal, Reviewer, Program Officer, Finance Contact))',
	);
	expect(items[1].json).toMatchObject({ recordId: '4000003', associations: [{ contactid: '2000010', status: 'created successfully' }] });
	expect(items[2].json.error).toBe('Record ID is empty');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
});

test('listAssociations: an unknown record fails clearly; missing Record ID spends no call', async () => {
	const unknown = await run({ resource: 'levelOne', operation: 'listAssociations', apiToken: 'levelone-listassociations', recordId: '3999999', returnAll: true });
	expect(unknown.error.message).toBe('SmartSimple answered with an empty response');
	expect(ctx.sb.calls).toHaveLength(1);
	ctx.sb.resetCalls();
	const missing = await run({ resource: 'levelOne', operation: 'listAssociations', apiToken: 'levelone-listassociations', recordId: '={{ $json.id }}', returnAll: true });
	expect(missing.error.message).toBe('Record ID is empty');
	expect(ctx.sb.calls).toHaveLength(0);
});
