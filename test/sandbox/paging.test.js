'use strict';
// The guide's paging rules ("Priority of operations with the 4 new parameters"), its own
// examples as cases, the 10,000-record cap and the message counts, over real HTTP.

const { startSandbox } = require('./index');
const { call, list, idsAt } = require('./helpers');

let sb;
let all; // levelone rows in default order (record ID ascending)
const T = 'levelone-list';

beforeAll(async () => {
	sb = await startSandbox({ seed: 42, records: 'full' });
	all = sb.store.list('levelone');
});
afterAll(() => sb.close());

const page = (othersettings) => list(sb, 'levelone', T, { othersettings });

test('the seeded data has 25,000 level one records, so the guide examples page through real data', () => {
	expect(all).toHaveLength(25000);
	const ids = all.map((r) => Number(r.recordid));
	expect(ids).toEqual([...ids].sort((a, b) => a - b));
});

describe('rule 1: recordend > 0 takes only recordstart and recordend', () => {
	test('{"recordend":35} returns records 1 to 35, 35 in all', async () => {
		const r = await page({ recordend: 35 });
		expect(r.ids).toEqual(idsAt(all, 1, 35));
		expect(r.message).toEqual({ recordfrom: 1, recordto: 35, recordcount: 35, allcount: 25000 });
	});
	test('{"recordstart":10,"recordend":35} returns records 10 to 35, 26 in all', async () => {
		const r = await page({ recordstart: 10, recordend: 35 });
		expect(r.ids).toEqual(idsAt(all, 10, 35));
		expect(r.ids).toHaveLength(26);
		expect(r.message).toEqual({ recordfrom: 10, recordto: 35, recordcount: 26, allcount: 25000 });
	});
	test('{"recordstart":10,"recordend":350,"recordsperpage":100} ignores recordsperpage: 10 to 350, 341 in all', async () => {
		const r = await page({ recordstart: 10, recordend: 350, recordsperpage: 100 });
		expect(r.ids).toEqual(idsAt(all, 10, 350));
		expect(r.ids).toHaveLength(341);
		expect(r.message).toEqual({ recordfrom: 10, recordto: 350, recordcount: 341, allcount: 25000 });
	});
	test('recordend also wins over pagenum', async () => {
		const r = await page({ recordend: 5, recordsperpage: 100, pagenum: 3 });
		expect(r.ids).toEqual(idsAt(all, 1, 5));
	});
});

describe('rule 2: pagenum > 0 and recordsperpage > 0 ignore recordstart and recordend', () => {
	test('{"recordsperpage":50,"pagenum":2} returns records 51 to 100', async () => {
		const r = await page({ recordsperpage: 50, pagenum: 2 });
		expect(r.ids).toEqual(idsAt(all, 51, 100));
		expect(r.message).toEqual({ recordfrom: 51, recordto: 100, recordcount: 50, allcount: 25000 });
	});
	test('{"recordsperpage":100,"recordstart":12,"pagenum":1} ignores recordstart: 1 to 100', async () => {
		const r = await page({ recordsperpage: 100, recordstart: 12, pagenum: 1 });
		expect(r.ids).toEqual(idsAt(all, 1, 100));
		expect(r.message.recordfrom).toBe(1);
	});
	test('{"recordsperpage":100,"recordstart":12,"pagenum":3} ignores recordstart: 201 to 300', async () => {
		const r = await page({ recordsperpage: 100, recordstart: 12, pagenum: 3 });
		expect(r.ids).toEqual(idsAt(all, 201, 300));
		expect(r.message).toEqual({ recordfrom: 201, recordto: 300, recordcount: 100, allcount: 25000 });
	});
	test('pagenum without recordsperpage does not page', async () => {
		const r = await page({ pagenum: 3, recordend: 0, recordstart: 5 });
		expect(r.message).toEqual({ recordfrom: 5, recordto: 10004, recordcount: 10000, allcount: 25000 });
	});
	test('the last page is partial and a page past the end is empty', async () => {
		const last = await page({ recordsperpage: 100, pagenum: 250 });
		expect(last.ids).toEqual(idsAt(all, 24901, 25000));
		const odd = await page({ recordsperpage: 300, pagenum: 84 });
		expect(odd.ids).toEqual(idsAt(all, 24901, 25000));
		expect(odd.message).toEqual({ recordfrom: 24901, recordto: 25000, recordcount: 100, allcount: 25000 });
		const past = await page({ recordsperpage: 100, pagenum: 251 });
		expect(past.ids).toEqual([]);
		expect(past.message).toEqual({ recordfrom: 0, recordto: 0, recordcount: 0, allcount: 25000 });
	});
});

describe('rule 3: recordsperpage > 0 pages from recordstart', () => {
	test('{"recordsperpage":100} returns 1 to 100', async () => {
		const r = await page({ recordsperpage: 100 });
		expect(r.ids).toEqual(idsAt(all, 1, 100));
	});
	test('{"recordsperpage":100,"recordstart":1} returns 1 to 100', async () => {
		const r = await page({ recordsperpage: 100, recordstart: 1 });
		expect(r.ids).toEqual(idsAt(all, 1, 100));
	});
	test('{"recordsperpage":100,"recordstart":101} returns 101 to 200', async () => {
		const r = await page({ recordsperpage: 100, recordstart: 101 });
		expect(r.ids).toEqual(idsAt(all, 101, 200));
	});
	test('{"recordsperpage":100,"recordstart":325} returns 325 to 424 with the guide\'s message', async () => {
		const r = await page({ recordsperpage: 100, recordstart: 325 });
		expect(r.ids).toEqual(idsAt(all, 325, 424));
		expect(r.message).toEqual({ recordto: 424, recordcount: 100, allcount: 25000, recordfrom: 325 });
	});
	test('the guide\'s message example with allcount 460: a filter matching 460 records', async () => {
		// the first 460 records by ID, selected by criteria, paged like the guide's example
		const cut = all[459].recordid;
		const r = await page({ recordsperpage: 100, recordstart: 325 });
		const f = await list(sb, 'levelone', T, {
			criteria: [{ andor: 'and', field: 'recordid', operator: '<=', value: cut }],
			othersettings: { recordsperpage: 100, recordstart: 325 },
		});
		expect(f.ids).toEqual(r.ids);
		expect(f.message).toEqual({ recordto: 424, recordcount: 100, allcount: 460, recordfrom: 325 });
		expect(f.res.text).toContain('"recordcount":100');
	});
});

describe('rule 4 and the 10,000 cap', () => {
	test('{"recordstart":12} returns all records from 12, but only up to 10,000', async () => {
		const r = await page({ recordstart: 12 });
		expect(r.ids).toEqual(idsAt(all, 12, 10011));
		expect(r.message).toEqual({ recordfrom: 12, recordto: 10011, recordcount: 10000, allcount: 25000 });
	});
	test('no paging parameters: the first 10,000 records, allcount tells the rest', async () => {
		const r = await list(sb, 'levelone', T);
		expect(r.ids).toEqual(idsAt(all, 1, 10000));
		expect(r.message).toEqual({ recordfrom: 1, recordto: 10000, recordcount: 10000, allcount: 25000 });
	});
	test('recordstart/recordend spanning more than 10,000 records is capped at 10,000', async () => {
		const r = await page({ recordstart: 2, recordend: 20000 });
		expect(r.ids).toEqual(idsAt(all, 2, 10001));
		expect(r.message.recordcount).toBe(10000);
	});
	test('recordsperpage above 10,000 still returns at most 10,000', async () => {
		const r = await page({ recordsperpage: 15000, pagenum: 1 });
		expect(r.ids).toHaveLength(10000);
		const r2 = await page({ recordsperpage: 15000, pagenum: 2 });
		expect(r2.ids).toEqual(idsAt(all, 15001, 25000));
		expect(r2.message).toEqual({ recordfrom: 15001, recordto: 25000, recordcount: 10000, allcount: 25000 });
	});
	test('three 10,000 pages read every record exactly once', async () => {
		const seen = [];
		for (let p = 1; p <= 3; p++) seen.push(...(await page({ recordsperpage: 10000, pagenum: p })).ids);
		expect(seen).toEqual(all.map((r) => r.recordid));
	});
	test('recordend beyond the data stops at the last record', async () => {
		const r = await page({ recordstart: 24990, recordend: 30000 });
		expect(r.ids).toEqual(idsAt(all, 24990, 25000));
		expect(r.message).toEqual({ recordfrom: 24990, recordto: 25000, recordcount: 11, allcount: 25000 });
	});
	test('numbers may be sent as strings', async () => {
		const r = await page({ recordsperpage: '50', pagenum: '2' });
		expect(r.ids).toEqual(idsAt(all, 51, 100));
	});
});

describe('message counts and malformed settings', () => {
	test('no match: recordfrom 0, recordto 0, recordcount 0, allcount 0', async () => {
		const r = await list(sb, 'levelone', T, { criteria: [{ andor: 'and', field: 'sf_Name', operator: '=', value: 'no such application' }] });
		expect(r.records).toEqual([]);
		expect(r.message).toEqual({ recordfrom: 0, recordto: 0, recordcount: 0, allcount: 0 });
	});
	test('paging applies after criteria and sortby', async () => {
		const approved = all.filter((r) => r.sf_Status === '4');
		const r = await list(sb, 'levelone', T, {
			criteria: [{ andor: 'and', field: 'sf_Status', operator: '=', value: '4' }],
			othersettings: { recordsperpage: 100, pagenum: 2 },
		});
		expect(r.ids).toEqual(idsAt(approved, 101, 200));
		expect(r.message).toEqual({ recordfrom: 101, recordto: 200, recordcount: 100, allcount: approved.length });
	});
	test.each([
		['not JSON', '{recordend:35'],
		['an array', '[1,2]'],
		['a non-integer', '{"recordsperpage":"ten"}'],
		['getstorevalue 3', '{"getstorevalue":3}'],
		['keyformat 7', '{"keyformat":"7"}'],
	])('othersettings that is %s answers "Encountered error while processing other setting parameters"', async (_, os) => {
		const r = await call(sb, 'levelone', { apitoken: T, othersettings: os });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ records: [], message: 'Encountered error while processing other setting parameters' });
	});
});
