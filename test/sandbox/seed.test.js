'use strict';
// The seeded data: deterministic per seed, the documented sizes, fast to build, realistic
// (references hold, timestamps ordered, ties on sf_Modified Date, archived records).

const crypto = require('crypto');
const { generate } = require('./seed');
const { startSandbox } = require('./index');
const { defineSchema } = require('./schema');

const ENDPOINTS = ['company', 'user', 'levelone', 'leveltwo', 'levelthree', 'transactions', 'sysvar'];
const digest = (data) => {
	const h = crypto.createHash('sha256');
	for (const ep of ENDPOINTS) h.update(JSON.stringify(data[ep]));
	return h.digest('hex');
};

let full;
beforeAll(() => {
	full = generate({ seed: 42, records: 'full' });
});

test('the same seed gives the same data; another seed other data', () => {
	const again = generate({ seed: 42, records: 'full' });
	expect(digest(again)).toBe(digest(full));
	const other = generate({ seed: 43, records: 'full' });
	expect(digest(other)).not.toBe(digest(full));
	expect(other.levelone).toHaveLength(25000);
});

test('the seed is stable across versions of the sandbox (tests elsewhere may rely on it)', () => {
	expect(full.levelone[0]).toMatchObject({ recordid: 3000001, sf_Name: 'Newcomer Welcome - Golden Gate Refugee Trust', sf_Status: '3', 'sf_Requested Amount': '444500', 'sf_Created Date': '2019-01-07 03:00:00' });
	expect(full.company[5]).toMatchObject({ recordid: 1000005, sf_Name: 'Lakeshore Veterans Council', sf_City: 'Calgary', 'cf_EIN Number': '55-2802692' });
	expect(full.user[30]).toMatchObject({ recordid: 2000030, sf_Email: 'patricia.rossi30@example.org' });
});

test('files, associations and addresses are deterministic too', async () => {
	const a = await startSandbox({ seed: 5, records: 'small' });
	const b = await startSandbox({ seed: 5, records: 'small' });
	try {
		const snap = (sb) => JSON.stringify(['3000001', '3000002', '3000003', '3000050'].map((id) => [
			sb.store.files('levelone', id).map((f) => [f.fileid, f.filename, f.filesize, sb.store.fileContent(f).toString('base64')]),
			sb.store.associations('levelone', id),
		]).concat(['1000003', '1000004'].map((id) => sb.store.addresses('company', id))));
		// read b in another order first: lazy generation must not depend on access order
		b.store.files('levelone', '3000050');
		b.store.associations('levelone', '3000003');
		expect(snap(b)).toBe(snap(a));
	} finally {
		await a.close();
		await b.close();
	}
});

test('full and small sizes', () => {
	expect(ENDPOINTS.map((ep) => full[ep].length)).toEqual([2001, 10021, 25000, 10000, 3000, 5000, 20]);
	const small = generate({ seed: 42, records: 'small' });
	expect(ENDPOINTS.map((ep) => small[ep].length)).toEqual([21, 81, 120, 60, 30, 40, 20]);
	const custom = generate({ seed: 42, records: { levelone: 500 } });
	expect(custom.levelone).toHaveLength(500);
});

test('every record carries every field of its record type; IDs ascend; timestamps are well-formed and ordered', () => {
	const schema = defineSchema();
	const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
	for (const ep of ENDPOINTS) {
		const keys = schema[ep].fields.map((f) => f.key).sort().join('|');
		let prevId = 0;
		let prevCreated = '';
		for (const r of full[ep]) {
			const got = Object.keys(r).filter((k) => k !== 'recordid' && k !== 'archived').sort().join('|');
			if (got !== keys) throw new Error(`${ep} ${r.recordid}: fields ${got}`);
			if (!(r.recordid > prevId)) throw new Error(`${ep} ${r.recordid}: ID out of order`);
			prevId = r.recordid;
			if (ep === 'sysvar') continue;
			if (!TS.test(r['sf_Created Date']) || !TS.test(r['sf_Modified Date'])) throw new Error(`${ep} ${r.recordid}: bad timestamp`);
			if (r['sf_Modified Date'] < r['sf_Created Date']) throw new Error(`${ep} ${r.recordid}: modified before created`);
			if (r['sf_Created Date'] < prevCreated) throw new Error(`${ep} ${r.recordid}: created out of order`);
			prevCreated = r['sf_Created Date'];
		}
	}
});

test('many records share one sf_Modified Date second (bulk imports), also past the initial migration', () => {
	for (const ep of ['company', 'user', 'levelone', 'leveltwo', 'levelthree', 'transactions']) {
		const groups = new Map();
		for (const r of full[ep]) {
			if (r['sf_Modified Date'] === r['sf_Created Date'] && r['sf_Created Date'] === '2019-01-07 03:00:00') continue;
			groups.set(r['sf_Modified Date'], (groups.get(r['sf_Modified Date']) || 0) + 1);
		}
		const big = [...groups.values()].filter((n) => n >= 20);
		expect(big.length).toBeGreaterThan(0);
	}
});

test('references hold: customers, contacts, owners, parents, transaction objects', () => {
	const ids = (ep) => new Set(full[ep].map((r) => String(r.recordid)));
	const companies = ids('company');
	const users = ids('user');
	const l1 = ids('levelone');
	const l2 = ids('leveltwo');
	const staff = new Set(full.staffIds.map(String));
	expect(full.user.filter((r) => !companies.has(r['sf_Company ID']))).toEqual([]);
	for (const r of full.levelone) {
		if (!companies.has(r.sf_Customer) || !users.has(r.sf_Contact) || !staff.has(r.sf_Owner)) throw new Error(`levelone ${r.recordid}: broken reference`);
	}
	for (const r of full.leveltwo) if (!l1.has(r['sf_Parent ID'])) throw new Error(`leveltwo ${r.recordid}`);
	for (const r of full.levelthree) if (!l2.has(r['sf_Parent ID'])) throw new Error(`levelthree ${r.recordid}`);
	for (const r of full.transactions) if (r['sf_Object ID'] !== '0' && !l1.has(r['sf_Object ID'])) throw new Error(`transactions ${r.recordid}`);
});

test('some records of each type are archived; approved applications carry an award', () => {
	for (const ep of ['company', 'user', 'levelone', 'leveltwo', 'levelthree', 'transactions']) {
		const n = full[ep].filter((r) => r.archived).length;
		expect(n).toBeGreaterThan(0);
		expect(n).toBeLessThan(full[ep].length * 0.1);
	}
	expect(full.levelone.filter((r) => (r['cf_Amount Awarded'] === null) !== !['4', '7'].includes(r.sf_Status))).toEqual([]);
	expect(full.levelone.some((r) => String(r['cf_Project Summary']).includes('<br />'))).toBe(true);
});
