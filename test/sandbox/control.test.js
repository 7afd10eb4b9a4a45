'use strict';
// The hourly limit on the sandbox clock, fault injection (status, bodies, envelopes, latency,
// after/times scoping), the onRequest hook and the /__sandbox/ HTTP controls.

const axios = require('axios');
const { startSandbox } = require('./index');
const { call, list } = require('./helpers');

const LIMIT = 'Number of API Calls within the hour have reached the maximum limit, please try again later';

describe('hourly limit', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ records: 'small', hourlyLimit: 5, now: '2025-06-02 09:00:00' });
	});
	afterAll(() => sb.close());

	test('the limit-th call passes, the next is refused with the documented message, refused calls do not count, the window rolls', async () => {
		const ok = () => call(sb, 'sysvar', { apitoken: 'sysvar-list' });
		for (let i = 0; i < 3; i++) {
			expect((await ok()).json.records).toHaveLength(20);
			sb.clock.advance(10 * 60 * 1000); // 09:00, 09:10, 09:20
		}
		// a call with an unknown token still counts (it passed the login)
		expect((await call(sb, 'sysvar', { apitoken: 'nope' })).json.message).toBe('Invalid API Token'); // 09:30
		sb.clock.advance(10 * 60 * 1000);
		expect((await ok()).status).toBe(200); // 09:40: the 5th call
		for (let i = 0; i < 3; i++) {
			const r = await ok();
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ records: [], message: LIMIT });
		}
		// a bad login is not counted either: 401 comes first
		expect((await call(sb, 'sysvar', { apitoken: 'sysvar-list' }, { creds: { password: 'x' } })).status).toBe(401);
		expect(sb.hourly.count()).toBe(5);
		sb.clock.set('2025-06-02 09:59:59');
		expect((await ok()).json.message).toBe(LIMIT);
		sb.clock.set('2025-06-02 10:00:00'); // the 09:00 call leaves the window
		expect((await ok()).json.records).toHaveLength(20);
		expect((await ok()).json.message).toBe(LIMIT);
		sb.clock.set('2025-06-02 10:40:00'); // 09:10, 09:20, 09:30, 09:40 calls have left
		for (let i = 0; i < 4; i++) expect((await ok()).json.records).toHaveLength(20);
		expect((await ok()).json.message).toBe(LIMIT);
		const refused = sb.calls.filter((c) => c.error === LIMIT);
		expect(refused.every((c) => c.counted === false)).toBe(true);
	});

	test('the default limit is 1,000', async () => {
		const d = await startSandbox({ records: 'small' });
		try {
			expect(d.hourly.limit).toBe(1000);
			const res = [];
			for (let b = 0; b < 20; b++) {
				const batch = [];
				for (let i = 0; i < 50; i++) batch.push(call(d, 'sysvar', { apitoken: 'sysvar-get', recordid: '101' }));
				res.push(...(await Promise.all(batch)));
			}
			expect(res).toHaveLength(1000);
			expect(res.every((r) => r.json && r.json.records && r.json.records.length === 1)).toBe(true);
			expect((await call(d, 'sysvar', { apitoken: 'sysvar-get', recordid: '101' })).json.message).toBe(LIMIT);
		} finally {
			await d.close();
		}
	});
});

describe('fault injection', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ records: 'small' });
	});
	afterAll(() => sb.close());
	afterEach(() => sb.faults.clear());
	const L = () => call(sb, 'levelone', { apitoken: 'levelone-list', othersettings: { recordend: 2 } });

	test('{ after: 2, times: 1 } fails only the 3rd matching call', async () => {
		sb.faults.add({ endpoint: 'levelone', action: 'list', after: 2, times: 1, status: 503, body: 'html' });
		const r = [];
		for (let i = 0; i < 5; i++) r.push(await L());
		expect(r.map((x) => x.status)).toEqual([200, 200, 503, 200, 200]);
		expect(r[2].text).toMatch(/^<!DOCTYPE html>/);
		expect(r[2].headers['content-type']).toBe('text/html;charset=UTF-8');
	});
	test('scope: a fault on one token leaves other tokens alone; times counts only fired calls', async () => {
		sb.faults.add({ token: 'levelone-get', times: 2, status: 500 });
		expect((await L()).status).toBe(200);
		expect((await call(sb, 'levelone', { apitoken: 'levelone-get', recordid: '3000001' })).status).toBe(500);
		expect((await call(sb, 'levelone', { apitoken: 'levelone-get', recordid: '3000001' })).status).toBe(500);
		expect((await call(sb, 'levelone', { apitoken: 'levelone-get', recordid: '3000001' })).status).toBe(200);
	});
	test.each([
		['json (default)', { message: 'Invalid API Token' }, 200, '{"records":[],"message":"Invalid API Token"}'],
		['text', { envelope: 'text', message: 'Invalid API Token' }, 200, 'Invalid API Token'],
		['string', { envelope: 'string', message: 'Invalid API Token' }, 200, '"Invalid API Token"'],
		['object', { envelope: 'object', message: 'Invalid API Token' }, 200, '{"message":{"error":"Invalid API Token"}}'],
		['object with a 400', { envelope: 'object', status: 400 }, 400, '{"message":{"error":"Encountered error while processing list"}}'],
		['body text', { body: 'text', status: 500 }, 500, 'Encountered error while processing list'],
		['blank body', { body: 'blank' }, 200, ''],
		['verbatim body', { body: 'Service Temporarily Unavailable', status: 502 }, 502, 'Service Temporarily Unavailable'],
	])('error envelope %s', async (_, spec, status, text) => {
		sb.faults.add({ endpoint: 'levelone', ...spec });
		const r = await L();
		expect(r.status).toBe(status);
		expect(r.text).toBe(text);
	});
	test('delayMs alone adds latency and lets the call through', async () => {
		sb.faults.add({ token: 'levelone-list', delayMs: 150, times: 1 });
		const t = Date.now();
		const r = await L();
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
		expect(r.json.records).toHaveLength(2);
	});
	test('body "reset" drops the connection', async () => {
		sb.faults.add({ token: 'levelone-list', body: 'reset', times: 1 });
		await expect(L()).rejects.toThrow();
		expect((await L()).status).toBe(200);
	});
	test('faulted calls are logged with the fault ID and status', async () => {
		sb.resetCalls();
		const f = sb.faults.add({ action: 'list', status: 429, times: 1 });
		await L();
		expect(sb.calls[0]).toMatchObject({ fault: f.id, status: 429, action: 'list', token: 'levelone-list' });
	});
});

describe('onRequest hook', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ records: 'small' });
	});
	afterAll(() => sb.close());

	test('runs before each list call, so a test can change data between pages', async () => {
		const seen = [];
		const off = sb.onRequest(({ endpoint, action, token, parsed, store }) => {
			seen.push([endpoint, action, token, parsed.othersettings?.pagenum]);
			if (parsed.othersettings?.pagenum === 2) store.remove('levelone', store.rows('levelone')[0].recordid); // a record vanishes before page 2
		});
		const before = sb.store.list('levelone').map((r) => r.recordid);
		const p1 = await list(sb, 'levelone', 'levelone-list', { othersettings: { recordsperpage: 10, pagenum: 1 } });
		const p2 = await list(sb, 'levelone', 'levelone-list', { othersettings: { recordsperpage: 10, pagenum: 2 } });
		expect(p1.ids).toEqual(before.slice(0, 10));
		expect(p2.ids).toEqual(before.slice(11, 21)); // shifted by one: record 11 was skipped
		expect(p2.message.allcount).toBe(before.length - 1);
		await call(sb, 'levelone', { apitoken: 'levelone-get', recordid: before[5] });
		expect(seen).toEqual([['levelone', 'list', 'levelone-list', 1], ['levelone', 'list', 'levelone-list', 2]]);
		off();
		await list(sb, 'levelone', 'levelone-list', { othersettings: { recordend: 1 } });
		expect(seen).toHaveLength(2);
	});
	test('an async hook is awaited', async () => {
		const off = sb.onRequest(async ({ store }) => {
			await new Promise((r) => setTimeout(r, 20));
			store.update('levelone', store.rows('levelone')[0].recordid, { sf_Name: 'Changed by hook' });
		});
		const r = await list(sb, 'levelone', 'levelone-list', { othersettings: { recordend: 1 } });
		expect(r.records[0].sf_Name).toBe('Changed by hook');
		off();
	});
});

describe('/__sandbox/ HTTP controls', () => {
	let sb;
	let http;
	beforeAll(async () => {
		sb = await startSandbox({ records: 'small', now: '2025-06-02 09:00:00' });
		http = axios.create({ baseURL: `${sb.url}/__sandbox`, validateStatus: () => true });
	});
	afterAll(() => sb.close());

	test('calls and reset-calls', async () => {
		await call(sb, 'sysvar', { apitoken: 'sysvar-list' });
		const c = await http.get('/calls');
		expect(c.data).toHaveLength(1);
		expect(c.data[0]).toMatchObject({ endpoint: 'sysvar', token: 'sysvar-list', action: 'list', status: 200 });
		expect((await http.post('/reset-calls')).status).toBe(200);
		expect((await http.get('/calls')).data).toEqual([]);
	});
	test('clock set and advance; writes are stamped from it', async () => {
		expect((await http.post('/clock', { set: '2025-07-01 12:00:00' })).data).toEqual({ now: '2025-07-01 12:00:00' });
		expect((await http.post('/clock', { advance: 90000 })).data).toEqual({ now: '2025-07-01 12:01:30' });
		const rec = (await http.post('/records/levelone', { fields: { sf_Name: 'From HTTP', sf_Status: '2' } })).data;
		expect(rec).toMatchObject({ sf_Name: 'From HTTP', 'sf_Created Date': '2025-07-01 12:01:30', 'sf_Modified Date': '2025-07-01 12:01:30' });
		await http.post('/clock', { advance: 1000 });
		const edited = (await http.post('/records/levelone', { recordid: rec.recordid, fields: { sf_Status: '3' } })).data;
		expect(edited).toMatchObject({ sf_Status: '3', 'sf_Modified Date': '2025-07-01 12:01:31', 'sf_Created Date': '2025-07-01 12:01:30' });
		expect((await http.get(`/records/levelone/${rec.recordid}`)).data.sf_Status).toBe('3');
	});
	test('faults over HTTP', async () => {
		const f = (await http.post('/faults', { token: 'sysvar-list', status: 503, body: 'blank', times: 1 })).data;
		expect(f).toMatchObject({ token: 'sysvar-list', status: 503, times: 1, fired: 0 });
		expect((await call(sb, 'sysvar', { apitoken: 'sysvar-list' })).status).toBe(503);
		expect((await call(sb, 'sysvar', { apitoken: 'sysvar-list' })).status).toBe(200);
		await http.post('/faults', { token: 'sysvar-list', status: 500 });
		expect((await http.delete('/faults')).status).toBe(200);
		expect((await call(sb, 'sysvar', { apitoken: 'sysvar-list' })).status).toBe(200);
	});
	test('functions, info, limit and an unknown route', async () => {
		const fns = (await http.get('/functions')).data;
		expect(fns).toEqual(sb.functions);
		expect(fns.find((f) => f.token === 'levelone-list-byid')).toEqual({ token: 'levelone-list-byid', endpoint: 'levelone', action: 'list', fieldList: 'sf_Name;;sf_Status;;sf_Modified Date;;cf_1234567;;cf_1234569', name: 'Applications: List (custom fields by ID)' });
		expect((await http.get('/info')).data.credentials).toEqual(sb.credentials);
		expect((await http.post('/limit', { hourlyLimit: 3, reset: true })).data).toEqual({ hourlyLimit: 3, count: 0 });
		expect((await http.get('/nope')).status).toBe(404);
	});
});
