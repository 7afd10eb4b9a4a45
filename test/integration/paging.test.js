'use strict';
/**
 * Paging call counts (calls are the scarce resource: 1,000 per instance per hour). Return All over
 * N records at page size P costs exactly ceil(N / P) calls (1 for N = 0), no trailing empty call;
 * a limit of at most 10,000 costs one call; records come out in order, no gaps, no repeats.
 */
const { runNode } = require('../helpers/n8n');
const { useSandbox, maskedCalls } = require('../helpers/sandbox');

const TOTAL = 25000;
const ctx = useSandbox({ seed: 7, records: { levelone: TOTAL }, hourlyLimit: 1e9 });
const calls = () => maskedCalls(ctx.sb);
let allIds;
beforeAll(() => {
	allIds = ctx.sb.store.list('levelone').map((r) => r.recordid);
});

/** Criteria that match exactly the first n level-one records. */
function firstN(n) {
	if (n === 0) return [{ field: 'recordid', operator: 'lessThan', value: allIds[0] }];
	if (n >= allIds.length) return [];
	return [{ field: 'recordid', operator: 'lessThanOrEqual', value: allIds[n - 1] }];
}

async function list({ n = TOTAL, returnAll = true, limit, options = {}, token = 'levelone-list-modified' }) {
	const result = await runNode({
		parameters: {
			resource: 'levelOne',
			operation: 'getAll',
			apiToken: token,
			returnAll,
			...(limit === undefined ? {} : { limit }),
			filters: { conditions: firstN(n) },
			options,
		},
		credentials: ctx.sb.credentials,
	});
	expect(result.error).toBeUndefined();
	return result.items.map((i) => i.json.recordid);
}

/** The windows the calls asked for. */
const windows = () =>
	calls().map((c) => {
		const { recordstart, recordend, ...rest } = c.parsed.othersettings;
		expect(rest).toEqual({});
		return [recordstart, recordend];
	});

/** The windows a planned Return All asks: the first a full page, then exactly what is left. */
function plannedWindows(n, p) {
	const out = [[1, p]];
	for (let start = p + 1; start <= n; start += p) out.push([start, Math.min(start + p - 1, n)]);
	return out;
}

describe('Return All: ceil(N / P) calls, no trailing empty call', () => {
	const CASES = [
		// [N, P]
		[0, 10],
		[1, 10],
		[9, 10],
		[10, 10],
		[11, 10],
		[100, 10],
		[101, 10],
		[250, 100],
		[999, 1000],
		[1000, 1000],
		[1001, 1000],
		[40, 1],
		[TOTAL, 1000],
		[TOTAL, 10000],
		[20000, 10000],
	];
	test.each(CASES)('N=%i, P=%i', async (n, p) => {
		const got = await list({ n, options: { pageSize: p } });
		const expectedCalls = Math.max(1, Math.ceil(n / p));
		expect(calls()).toHaveLength(expectedCalls);
		expect(windows()).toEqual(plannedWindows(n, p));
		expect(calls().every((c) => c.status === 200)).toBe(true);
		// In order, no gaps, no repeats.
		expect(got).toEqual(allIds.slice(0, n));
	});

	test('default page size is 1,000', async () => {
		const got = await list({ n: 2500 });
		expect(windows()).toEqual([
			[1, 1000],
			[1001, 2000],
			[2001, 2500],
		]);
		expect(got).toEqual(allIds.slice(0, 2500));
	});

	test('page size 10,000, the largest SmartSimple serves (above it is refused: docs/reliability.md)', async () => {
		const got = await list({ options: { pageSize: 10000 } });
		expect(windows()).toEqual([
			[1, 10000],
			[10001, 20000],
			[20001, 25000],
		]);
		expect(got).toEqual(allIds);
	});

	test('the same over a sorted list: order is the server order, no repeats', async () => {
		const result = await runNode({
			parameters: {
				resource: 'levelOne',
				operation: 'getAll',
				apiToken: 'levelone-list-modified',
				returnAll: true,
				sort: { sortFields: [{ field: 'sf_Modified Date', direction: 'desc' }] },
				options: { pageSize: 3000, valueFormat: 'stored' },
			},
			credentials: ctx.sb.credentials,
		});
		expect(calls()).toHaveLength(Math.ceil(TOTAL / 3000));
		const dates = result.items.map((i) => i.json['sf_Modified Date']);
		expect(dates).toEqual(dates.slice().sort().reverse());
		const got = result.items.map((i) => i.json.recordid);
		expect(new Set(got).size).toBe(TOTAL);
		expect(got.slice().sort()).toEqual(allIds.slice().sort());
	});
});

describe('limit', () => {
	test.each([1, 50, 999, 10000])('limit %i (<= 10,000) over 25,000 records: one call for 1..limit', async (limit) => {
		const got = await list({ returnAll: false, limit });
		expect(windows()).toEqual([[1, limit]]);
		expect(got).toEqual(allIds.slice(0, limit));
	});

	test('limit above the matches: one call, every match', async () => {
		const got = await list({ n: 30, returnAll: false, limit: 50 });
		expect(windows()).toEqual([[1, 50]]);
		expect(got).toEqual(allIds.slice(0, 30));
	});

	test('limit ignores pageSize (a limit of at most 10,000 is always one call)', async () => {
		const got = await list({ returnAll: false, limit: 5000, options: { pageSize: 100 } });
		expect(windows()).toEqual([[1, 5000]]);
		expect(got).toHaveLength(5000);
	});

	test.each([
		[10001, [[1, 10000], [10001, 10001]]],
		[15000, [[1, 10000], [10001, 15000]]],
		[20000, [[1, 10000], [10001, 20000]]],
		[25000, [[1, 10000], [10001, 20000], [20001, 25000]]],
		[30000, [[1, 10000], [10001, 20000], [20001, 25000]]],
	])('limit %i (> 10,000) pages by 10,000', async (limit, expectedWindows) => {
		const got = await list({ returnAll: false, limit });
		expect(windows()).toEqual(expectedWindows);
		expect(got).toEqual(allIds.slice(0, limit));
	});

	test('limit 12,000 over 10,500 matches: the count from the first answer stops it', async () => {
		const got = await list({ n: 10500, returnAll: false, limit: 12000 });
		expect(windows()).toEqual([
			[1, 10000],
			[10001, 10500],
		]);
		expect(got).toEqual(allIds.slice(0, 10500));
	});
});

describe('a server that omits allcount', () => {
	/** Serves `pages` in turn (one fault per call) with the given message object. */
	function scriptPages(pages, message) {
		pages.forEach((records, index) => {
			ctx.sb.faults.add({
				token: 'levelone-list-modified',
				after: index,
				times: 1,
				body: JSON.stringify(message === undefined ? { records } : { records, message }),
			});
		});
	}
	const page = (from, count) =>
		Array.from({ length: count }, (_, i) => ({ recordid: String(from + i), sf_Name: `Record ${from + i}` }));

	test.each([
		['message {}', {}],
		['no message at all', undefined],
		['counts without allcount', { recordfrom: 1, recordto: 10, recordcount: 10 }],
		['allcount not a number', { allcount: 'n/a' }],
	])('%s: pages until a short page', async (_label, message) => {
		scriptPages([page(1, 10), page(11, 10), page(21, 5)], message);
		const got = await list({ options: { pageSize: 10 } });
		expect(windows()).toEqual([
			[1, 10],
			[11, 20],
			[21, 30],
		]);
		expect(got).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
	});

	test('N divisible by P: one empty call closes the loop (the only way to know the end)', async () => {
		scriptPages([page(1, 10), page(11, 10), []], {});
		const got = await list({ options: { pageSize: 10 } });
		expect(windows()).toEqual([
			[1, 10],
			[11, 20],
			[21, 30],
		]);
		expect(got).toHaveLength(20);
	});

	test('a limit still costs one call', async () => {
		scriptPages([page(1, 7)], {});
		const got = await list({ returnAll: false, limit: 7 });
		expect(windows()).toEqual([[1, 7]]);
		expect(got).toEqual(['1', '2', '3', '4', '5', '6', '7']);
	});

	test('allcount as a numeric string is used', async () => {
		scriptPages([page(1, 10), page(11, 2)], { allcount: '12' });
		const got = await list({ options: { pageSize: 10 } });
		expect(windows()).toEqual([
			[1, 10],
			[11, 12],
		]);
		expect(got).toHaveLength(12);
	});
});

describe('records change while paging', () => {
	test('a record added after page 1 that matches: the new allcount is followed, nothing repeated', async () => {
		const last30 = allIds.slice(-30);
		let created;
		const remove = ctx.sb.onRequest(({ call }) => {
			if (call.parsed.othersettings.recordstart === 11 && !created) {
				created = ctx.sb.store.create('levelone', { sf_Name: 'Added mid-paging' });
			}
		});
		try {
			const result = await runNode({
				parameters: {
					resource: 'levelOne',
					operation: 'getAll',
					apiToken: 'levelone-list-modified',
					returnAll: true,
					filters: { conditions: [{ field: 'recordid', operator: 'greaterThanOrEqual', value: last30[0] }] },
					options: { pageSize: 10 },
				},
				credentials: ctx.sb.credentials,
			});
			expect(windows()).toEqual([
				[1, 10],
				[11, 20],
				[21, 30],
				[31, 31],
			]);
			expect(result.items.map((i) => i.json.recordid)).toEqual([...last30, created.recordid]);
		} finally {
			remove();
			if (created) ctx.sb.store.remove('levelone', created.recordid);
		}
	});
});
