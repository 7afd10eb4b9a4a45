'use strict';
// The call counts `npm run bench` expects of our node (test/bench/scenarios.js): the benchmark
// prints timings; what is deterministic is asserted here. Reads at 10,000 records of the bench's
// 31-key function (its 100,000-record reads follow the same ceil(N / page size) rule, tested at
// other sizes in paging.test.js); creates and trigger polls exactly as the bench runs them.
const { useSandbox } = require('../helpers/sandbox');
const { createPoller } = require('../helpers/n8n');
const { SCENARIOS, parametersFor, createInput, sandboxRecords } = require('../bench/scenarios');
const { WIDE_FUNCTION } = require('../bench/sandbox-process');

const RECORDS = 10_000;
const ctx = useSandbox({ seed: 42, records: { levelone: RECORDS }, hourlyLimit: 1e9, functions: [WIDE_FUNCTION] });
const calls = ({ expectedCalls }) => `${expectedCalls} call${expectedCalls === 1 ? '' : 's'}`;
const benchScenarios = SCENARIOS.filter((scenario) => sandboxRecords(scenario) === RECORDS);

// Reads first (creates add records), then polls, then creates.
test('the scenarios run here are all those of the 10,000-record sandbox', () => {
	expect(benchScenarios.map((scenario) => scenario.id)).toEqual([
		'read-10k-p1000',
		'read-10k-p10000',
		'create-auto',
		'create-expr',
		'poll-idle',
		'poll-500',
	]);
});

describe.each(benchScenarios.filter((scenario) => scenario.kind === 'read'))('$label', (scenario) => {
	test(`costs ${calls(scenario)} and gives every record with its 31 keys`, async () => {
		const { items, error } = await ctx.run(parametersFor(scenario));
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(scenario.expectedCalls);
		expect(items).toHaveLength(scenario.expectedRecords);
		expect(new Set(items.map((item) => item.json.recordid)).size).toBe(RECORDS);
		expect(Object.keys(items[0].json)).toHaveLength(31);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe.each(benchScenarios.filter((scenario) => scenario.kind === 'poll'))('$label', (scenario) => {
	test(`costs ${calls(scenario)} and emits ${scenario.expectedRecords} records`, async () => {
		const poller = createPoller({ parameters: parametersFor(scenario), credentials: ctx.sb.credentials });
		expect(await poller.poll()).toBeNull(); // activation: starts at the newest record
		const ids = ctx.sb.store.rows('levelone').slice(0, scenario.changes).map((row) => row.recordid);
		for (const id of ids) {
			ctx.sb.clock.advance(1000);
			ctx.sb.store.update('levelone', id, { sf_Status: '3' });
		}
		ctx.sb.resetCalls();
		const emitted = (await poller.poll())?.[0] ?? [];
		expect(ctx.sb.calls).toHaveLength(scenario.expectedCalls);
		expect(emitted.map((item) => item.json.recordid)).toEqual(ids.map(String));
	});
});

describe.each(benchScenarios.filter((scenario) => scenario.kind === 'create'))('$label', (scenario) => {
	test(`costs ${calls(scenario)} and creates one record per item`, async () => {
		const before = ctx.sb.store.rows('levelone').length;
		const { items, error } = await ctx.run(parametersFor(scenario), { input: createInput(scenario.count) });
		expect(error).toBeUndefined();
		expect(ctx.sb.calls).toHaveLength(scenario.expectedCalls);
		expect(items).toHaveLength(scenario.expectedRecords);
		expect(items.every((item) => item.json.status === 'created successfully')).toBe(true);
		expect(items[999]).toMatchObject({ json: { sf_Name: 'River Clean-up 1000' }, pairedItem: { item: 999 } });
		expect(ctx.sb.store.rows('levelone')).toHaveLength(before + scenario.count);
	});
});
