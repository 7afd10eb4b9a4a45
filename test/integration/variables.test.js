'use strict';
/** Replace Variables through real n8n against the sandbox: recordid + content in, { content } out. */
const { useSandbox, ownFields } = require('../helpers/sandbox');

const ctx = useSandbox({ records: 'small', seed: 42 });
const { run } = ctx;

// Seed 42, small data set: values of these records are fixed.
test.each([
	['company', 'company', '1000003', 'Dear @Name@ of @City@, @State/Province@', 'Dear Highland Music Alliance of Vancouver, BC'],
	['user', 'user', '2000004', 'Hello @firstname@ @lastname@ (@title@)', 'Hello Noah Lee (Board Chair)'],
	['levelOne', 'levelone', '3000002', '@name@ asks for @Requested Amount@ (@unknown@)', 'Food Security - Oak Hill Education Network asks for $388,000.00 (@unknown@)'],
	['levelTwo', 'leveltwo', '4000002', '@name@ is @status@', 'Review - Mobile Health Clinic is In Progress'],
	['levelThree', 'levelthree', '5000002', '\n  @name@ (#@recordid@)  \n', '\n  Deliverable 8 (#5000002)  \n'],
])('%s: recordid and content sent, the filled-in text out', async (resource, endpoint, recordId, content, filled) => {
	const { items, error } = await run({
		resource,
		operation: 'replaceVariables',
		apiToken: `${endpoint}-variablesreplace`,
		recordId,
		content,
	});
	expect(error).toBeUndefined();
	expect(items).toEqual([{ json: { content: filled }, pairedItem: { item: 0 } }]);
	expect(ctx.sb.calls).toHaveLength(1);
	expect(ctx.sb.calls[0]).toMatchObject({ endpoint, action: 'variablesreplace', token: `${endpoint}-variablesreplace` });
	// content goes as typed, white space included
	expect(ownFields(ctx.sb.calls[0])).toEqual({ recordid: recordId, content });
});

test('one call per item, with expressions in Record ID and Content', async () => {
	const { items } = await run(
		{
			resource: 'user',
			operation: 'replaceVariables',
			apiToken: 'user-variablesreplace',
			recordId: '={{ $json.id }}',
			content: '={{ $json.greeting }}, @firstname@!',
		},
		{ input: [{ json: { id: '2000004', greeting: 'Hi' } }, { json: { id: '2000001', greeting: 'Bonjour' } }] },
	);
	const second = ctx.sb.store.get('user', '2000001');
	expect(items).toEqual([
		{ json: { content: 'Hi, Noah!' }, pairedItem: { item: 0 } },
		{ json: { content: `Bonjour, ${second['sf_First Name']}!` }, pairedItem: { item: 1 } },
	]);
	expect(ctx.sb.calls.map((call) => ownFields(call))).toEqual([
		{ recordid: '2000004', content: 'Hi, @firstname@!' },
		{ recordid: '2000001', content: 'Bonjour, @firstname@!' },
	]);
});

test('copes with a bare {"content": ...} answer', async () => {
	ctx.sb.faults.add({ action: 'variablesreplace', times: 1, body: JSON.stringify({ content: 'Bare answer for @x@' }) });
	const { items, error } = await run({
		resource: 'company',
		operation: 'replaceVariables',
		apiToken: 'company-variablesreplace',
		recordId: '1000003',
		content: 'anything',
	});
	expect(error).toBeUndefined();
	expect(items).toEqual([{ json: { content: 'Bare answer for @x@' }, pairedItem: { item: 0 } }]);
});

test('an answer without content is an error, not an empty item', async () => {
	ctx.sb.faults.add({ action: 'variablesreplace', times: 1, body: JSON.stringify({ records: [{ text: 'x' }], message: {} }) });
	const { error } = await run({ resource: 'company', operation: 'replaceVariables', apiToken: 'company-variablesreplace', recordId: '1000003', content: 'x' });
	expect(error.message).toBe('SmartSimple answered without the filled-in content');
});

test('missing Record ID or blank Content: a clear error and no call spent', async () => {
	const base = { resource: 'levelOne', operation: 'replaceVariables', apiToken: 'levelone-variablesreplace', recordId: '3000002', content: 'Hi' };
	const missingId = await run({ ...base, recordId: '={{ $json.id }}' });
	expect(missingId.error.message).toBe('Record ID is empty');
	const blank = await run({ ...base, content: '   ' });
	expect(blank.error.message).toBe('Content is empty');
	expect(blank.error.description).toMatch(/@firstname@/);
	expect(ctx.sb.calls).toHaveLength(0);
});

test('an unknown record fails; Continue On Fail keeps the other item', async () => {
	const { items, error } = await run(
		{ resource: 'levelOne', operation: 'replaceVariables', apiToken: 'levelone-variablesreplace', recordId: '={{ $json.id }}', content: '@name@' },
		{ input: [{ json: { id: '3999999' } }, { json: { id: '3000002' } }], continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(items[0].json.error).toBe('SmartSimple answered with an empty response');
	expect(items[0].json.description).toMatch(/Record ID/);
	expect(items[0].pairedItem).toEqual({ item: 0 });
	expect(items[1]).toEqual({ json: { content: 'Food Security - Oak Hill Education Network' }, pairedItem: { item: 1 } });
});
