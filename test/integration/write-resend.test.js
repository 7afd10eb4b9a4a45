'use strict';
// A write call that creates anything is never sent twice (issue 8.1, write side): its answer
// lost after SmartSimple acted fails its items with "may have saved"; batches of updates and
// deletes are retried like reads. Through WorkflowExecute against the sandbox's faults.

const { RESOURCES, fieldListOf, useSandbox } = require('./write.fixtures');

const ctx = useSandbox();

const USER_LIST = fieldListOf('user-update');
const people = (names) => names.map((name) => ({ json: { ...RESOURCES.user.values, 'sf_Last Name': name } }));
const autoMapped = (operation, extra = {}) => ({
	resource: 'user',
	operation,
	apiToken: 'user-update',
	fieldList: USER_LIST,
	columns: { mappingMode: 'autoMapInputData', value: null },
	...extra,
});
const lastNames = () => ctx.sb.store.list('user').map((record) => record['sf_Last Name']);

test('a create whose answer is lost after SmartSimple saved it is not sent again; its items say they may have been saved', async () => {
	ctx.sb.faults.add({ action: 'update', times: 1, when: 'after', status: 500, body: 'html' });
	const { items, error } = await ctx.run(
		autoMapped('create', { options: { batchSize: 2 } }),
		people(['Lost A', 'Lost B', 'Saved C']),
		{ continueOnFail: true },
	);
	expect(error).toBeUndefined();
	// One call per batch: the first is never resent, the second goes on.
	expect(ctx.writeCalls()).toHaveLength(2);
	for (const item of items.slice(0, 2)) {
		expect(item.json.error).toBe('SmartSimple may have saved these records');
		expect(item.json.description).toContain('each of them may have been saved');
	}
	expect(items[2].json.status).toBe('created successfully');
	// The first batch was applied once: each name exists exactly once.
	for (const name of ['Lost A', 'Lost B', 'Saved C']) {
		expect(lastNames().filter((last) => last === name)).toHaveLength(1);
	}
});

test('a dropped connection after a create was applied: the single item fails with "may have saved", one call', async () => {
	ctx.sb.faults.add({ action: 'update', times: 1, when: 'after', body: 'reset' });
	const { error } = await ctx.run(autoMapped('create'), people(['Once']));
	expect(error.message).toBe('SmartSimple may have saved these records');
	expect(error.description).toContain('look for the records in SmartSimple');
	expect(ctx.writeCalls()).toHaveLength(1);
	expect(lastNames().filter((last) => last === 'Once')).toHaveLength(1);
});

test('a batch of updates hit by a 503 is retried and saved', async () => {
	ctx.sb.faults.add({ action: 'update', times: 1, status: 503, body: 'html', retryAfter: 0 });
	const { items, error } = await ctx.run(
		autoMapped('update', { recordId: '={{ $json.id }}' }),
		['2000010', '2000011'].map((id) => ({ json: { id, ...RESOURCES.user.values, sf_Title: `Title ${id}` } })),
	);
	expect(error).toBeUndefined();
	expect(ctx.writeCalls()).toHaveLength(2);
	expect(items.map((item) => item.json.status)).toEqual(['updated successfully', 'updated successfully']);
	expect(ctx.sb.store.get('user', '2000011').sf_Title).toBe('Title 2000011');
});
