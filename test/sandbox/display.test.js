'use strict';
// Date display locales (display values only; stored values and criteria stay YYYY-MM-DD HH:MM:SS)
// and late commits (writes stamped earlier than they become visible), through the API and the
// /__sandbox/ controls.

const axios = require('axios');
const { startSandbox } = require('./index');
const { list } = require('./helpers');

const TOKEN = 'levelone-list-modified';
const TS = 'sf_Modified Date';

let sb;
beforeAll(async () => {
	sb = await startSandbox({ records: 'small', dateLocale: 'en-US' });
});
afterAll(() => sb.close());

test('en-US shows timestamps as 06/02/2025 09:00:07 AM in display values, stored values unchanged', async () => {
	const id = sb.store.rows('levelone')[0].recordid;
	sb.clock.set('2025-06-02 21:00:07');
	sb.store.update('levelone', id, { sf_Status: '2' });
	const criteria = [{ andor: 'and', field: 'recordid', operator: '=', value: String(id) }];
	const shown = await list(sb, 'levelone', TOKEN, { criteria });
	expect(shown.records[0][TS]).toBe('06/02/2025 09:00:07 PM');
	const stored = await list(sb, 'levelone', TOKEN, { criteria, othersettings: { getstorevalue: 1 } });
	expect(stored.records[0][TS]).toBe('2025-06-02 21:00:07');
	// Criteria compare stored values.
	const after = await list(sb, 'levelone', TOKEN, {
		criteria: [{ andor: 'and', field: TS, operator: '>=', value: '2025-06-02 21:00:07' }],
	});
	expect(after.ids).toEqual([String(id)]);
});

test('the /__sandbox/display control switches locales and refuses unknown ones', async () => {
	const url = `${sb.url}/__sandbox/display`;
	expect((await axios.post(url, { dateLocale: 'en-GB' })).data).toEqual({ dateLocale: 'en-GB' });
	const id = sb.store.rows('levelone')[0].recordid;
	const shown = await list(sb, 'levelone', TOKEN, {
		criteria: [{ andor: 'and', field: 'recordid', operator: '=', value: String(id) }],
	});
	expect(shown.records[0][TS]).toBe('02/06/2025 21:00:07');
	const refused = await axios.post(url, { dateLocale: 'fr' }, { validateStatus: () => true });
	expect(refused.status).toBe(400);
	expect((await axios.get(url)).data).toEqual({ dateLocale: 'en-GB' });
	await axios.post(url, { dateLocale: 'iso' });
});

test('late commits: a write stamped at an earlier time, through the store and the records route', async () => {
	sb.clock.set('2025-06-02 10:00:00');
	const [a, b] = sb.store.rows('levelone').slice(1, 3).map((r) => r.recordid);
	expect(sb.store.update('levelone', a, { sf_Status: '3' }, { at: '2025-06-02 09:59:40' })[TS]).toBe('2025-06-02 09:59:40');
	const created = sb.store.create('levelone', { sf_Name: 'Late' }, { at: '2025-06-02 09:59:50' });
	expect([created['sf_Created Date'], created[TS]]).toEqual(['2025-06-02 09:59:50', '2025-06-02 09:59:50']);
	const viaHttp = await axios.post(`${sb.url}/__sandbox/records/levelone`, {
		recordid: b,
		fields: { sf_Status: '3' },
		at: '2025-06-02 09:59:45',
	});
	expect(viaHttp.data[TS]).toBe('2025-06-02 09:59:45');
	expect(sb.clock.timestamp()).toBe('2025-06-02 10:00:00');
});
