'use strict';
// Fault injection beyond the answer: Retry-After, a connection dropped before the server acts,
// and faults after the server acted (the write is applied and counted, its answer lost).

const { startSandbox } = require('./index');
const { call } = require('./helpers');

let sb;
beforeAll(async () => {
	sb = await startSandbox({ seed: 42, records: 'small' });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.resetCalls();
	sb.faults.clear();
	sb.hourly.reset();
});

const setVariable = (name) =>
	call(sb, 'user', {
		apitoken: 'user-update-contact',
		jsonrset: [{ recordid: '2000001', sf_Email: `${name}@example.org`, sf_Phone: '555' }],
	});
const stored = () => sb.store.get('user', '2000001').sf_Email;

test('retryAfter: a 503 with a Retry-After header', async () => {
	sb.faults.add({ status: 503, body: 'html', retryAfter: 7 });
	const r = await call(sb, 'company', { apitoken: 'company-list' });
	expect(r.status).toBe(503);
	expect(r.headers['retry-after']).toBe('7');
	expect(r.text).toMatch(/Service Unavailable/);
});

test("body 'reset' before: the connection drops and the server never acts (not counted)", async () => {
	sb.faults.add({ body: 'reset', times: 1 });
	await expect(setVariable('never')).rejects.toThrow();
	expect(stored()).not.toBe('never@example.org');
	expect(sb.calls[0]).toMatchObject({ status: 0, counted: false });
	expect(sb.hourly.count()).toBe(0);
});

test.each([
	['dropped', { when: 'after', body: 'reset' }, 0],
	['a 500 page', { when: 'after', status: 500, body: 'html' }, 500],
])("when 'after' (%s): the write is applied and counted, its answer lost", async (_label, fault, status) => {
	sb.faults.add({ ...fault, times: 1 });
	const value = `applied-${status}`;
	if (status === 0) await expect(setVariable(value)).rejects.toThrow();
	else expect((await setVariable(value)).status).toBe(status);
	expect(stored()).toBe(`${value}@example.org`);
	expect(sb.calls[0]).toMatchObject({ status, answered: 200, counted: true });
	expect(sb.hourly.count()).toBe(1);
});

test("when 'after' with delayMs: the answer is late but whole", async () => {
	sb.faults.add({ when: 'after', delayMs: 200, times: 1 });
	const started = Date.now();
	const r = await setVariable('late');
	expect(Date.now() - started).toBeGreaterThanOrEqual(200);
	expect(r.json.records[0].status).toBe('updated successfully');
});
