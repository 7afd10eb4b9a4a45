'use strict';
// Records per endpoint, plus files, associations and addresses (generated lazily and
// deterministically per seeded record) and the UTA configuration (types, statuses, fields).

const { defineSchema, indexSchema, reindex, resolveField, RECORD_ENDPOINTS, LEVELS } = require('./schema');
const { generate } = require('./seed');
const { createRandom, hashInts } = require('./prng');
const files = require('./files');
const { formatTimestamp, toMs } = require('./clock');
const { DATE_LOCALES } = require('./format');

const CONTACT_ROLES = { 1: 'Primary Contact', 2: 'Signee Internal', 3: 'Reviewer', 4: 'Program Officer', 5: 'Finance Contact' };
const COMPANY_ROLES = { 11: 'Applicant Organization', 12: 'Fiscal Sponsor', 13: 'Partner' };
const ADDRESS_TYPES = ['Mailing', 'Billing', 'Shipping', 'Head Office'];
const ADDRESS_FIELDS = ['addresstype', 'address', 'address2', 'city', 'state', 'country', 'postalcode'];
const API_USER_NAME = 'SmartConnect API';

class StoreError extends Error {}

function createStore({ seed = 42, records = 'full', clock, dateLocale = 'iso' }) {
	const schema = indexSchema(defineSchema());
	const generated = generate({ seed, records });
	const data = {};
	for (const ep of RECORD_ENDPOINTS) {
		const rows = generated[ep];
		const byId = new Map();
		for (const r of rows) byId.set(r.recordid, r);
		const maxId = rows.length ? rows[rows.length - 1].recordid : schema[ep].idBase;
		data[ep] = { rows, byId, nextId: maxId + 1, seededMax: maxId };
	}
	const staffIds = generated.staffIds;
	const lazyFiles = new Map(); // `${ep}:${id}` -> [file]
	const lazyAssoc = new Map();
	const lazyAddr = new Map();
	let nextAssociationId = 90000001;
	let nextAddressId = 80000001;
	let nextFileId = 70000001;

	const epData = (ep) => {
		const d = data[ep];
		if (!d) throw new StoreError(`unknown record endpoint "${ep}"`);
		return d;
	};
	const toId = (id) => Number(String(id).trim());
	const copy = (row) => {
		const out = { recordid: String(row.recordid), archived: !!row.archived };
		for (const k in row) if (k !== 'recordid' && k !== 'archived') out[k] = row[k];
		return out;
	};
	/** Maps user-supplied keys (sf_Name, cf_1234567, cf_Name) to field keys. */
	const normaliseFields = (ep, fields) => {
		const def = schema[ep];
		const out = {};
		for (const [k, v] of Object.entries(fields || {})) {
			if (k === 'recordid') continue;
			if (k === 'archived') {
				out.archived = !!v;
				continue;
			}
			const f = resolveField(def, k);
			if (!f) throw new StoreError(`unknown field "${k}" for ${ep}`);
			out[f.key] = v === undefined ? null : v === null ? null : String(v);
		}
		return out;
	};
	const hasField = (ep, key) => schema[ep].byKey.has(key);

	/** `at` (a late commit: a write stamped before it becomes visible) or the clock's now. */
	const stampOf = (at) => (at === undefined || at === null ? clock.timestamp() : formatTimestamp(toMs(at)));

	const store = {
		schema,
		seed,
		/** How display values show dates (format.js DATE_LOCALES); stored values never change. */
		get dateLocale() {
			return dateLocale;
		},
		set dateLocale(locale) {
			if (!DATE_LOCALES.includes(locale)) throw new StoreError(`dateLocale must be one of ${DATE_LOCALES.join(', ')}`);
			dateLocale = locale;
		},
		staffIds,
		endpoints: RECORD_ENDPOINTS,
		/** Internal rows in record ID order (do not mutate outside the store). */
		rows: (ep) => epData(ep).rows,
		row: (ep, id) => epData(ep).byId.get(toId(id)),
		/** Copies of all records: { recordid: '123', archived, 'sf_Name': stored value, ... }. */
		list(ep, { includeArchived = true } = {}) {
			const rows = epData(ep).rows;
			return (includeArchived ? rows : rows.filter((r) => !r.archived)).map(copy);
		},
		get(ep, id) {
			const r = epData(ep).byId.get(toId(id));
			return r ? copy(r) : undefined;
		},
		count: (ep) => epData(ep).rows.length,
		/**
		 * Creates a record; stamps sf_Created Date / sf_Modified Date from the clock (or `at`, for a
		 * late commit) unless given.
		 */
		create(ep, fields = {}, { createdBy = API_USER_NAME, at } = {}) {
			const d = epData(ep);
			const def = schema[ep];
			const values = normaliseFields(ep, fields);
			const row = { recordid: d.nextId++, archived: false };
			for (const f of def.fields) row[f.key] = f.kind === 'cf' ? null : '';
			const now = stampOf(at);
			if (hasField(ep, 'sf_Created Date')) row['sf_Created Date'] = now;
			if (hasField(ep, 'sf_Modified Date')) row['sf_Modified Date'] = now;
			if (hasField(ep, 'sf_Created By')) row['sf_Created By'] = createdBy;
			Object.assign(row, values);
			d.rows.push(row);
			d.byId.set(row.recordid, row);
			return copy(row);
		},
		/** Changes fields of a record; stamps sf_Modified Date from the clock (or `at`) unless given. */
		update(ep, id, fields = {}, { at } = {}) {
			const d = epData(ep);
			const row = d.byId.get(toId(id));
			if (!row) throw new StoreError(`${ep} ${id} does not exist`);
			const values = normaliseFields(ep, fields);
			if (hasField(ep, 'sf_Modified Date') && !('sf_Modified Date' in values)) row['sf_Modified Date'] = stampOf(at);
			Object.assign(row, values);
			return copy(row);
		},
		remove(ep, id) {
			const d = epData(ep);
			const row = d.byId.get(toId(id));
			if (!row) return false;
			d.byId.delete(row.recordid);
			const i = d.rows.indexOf(row);
			if (i >= 0) d.rows.splice(i, 1);
			return true;
		},
		setArchived(ep, id, archived = true) {
			const row = epData(ep).byId.get(toId(id));
			if (!row) throw new StoreError(`${ep} ${id} does not exist`);
			row.archived = !!archived;
			return copy(row);
		},
		userName(id) {
			const u = data.user.byId.get(toId(id));
			return u ? `${u['sf_First Name']} ${u['sf_Last Name']}`.trim() : undefined;
		},

		// ---- files
		uploadFields: (ep) => schema[ep].fields.filter((f) => f.type === 'upload'),
		files(ep, objectid) {
			const id = toId(objectid);
			const key = `${ep}:${id}`;
			let list = lazyFiles.get(key);
			if (!list) {
				const row = data[ep] && data[ep].byId.get(id);
				list = row && id <= data[ep].seededMax ? files.generateFiles({ seed, ep, row, fields: store.uploadFields(ep) }) : [];
				lazyFiles.set(key, list);
			}
			return list;
		},
		/** Adds a file to a record's upload field (tests); content: string or Buffer. */
		addFile(ep, objectid, fieldid, filename, content, uploaddate = clock.timestamp()) {
			const list = store.files(ep, objectid);
			const buf = Buffer.isBuffer(content) ? content : Buffer.from(String(content), 'utf8');
			const file = { fileid: String(nextFileId++), filename, filesize: String(buf.length), fieldid: String(fieldid), objectid: String(toId(objectid)), uploaddate, content: buf };
			list.push(file);
			return file;
		},
		fileContent: (file) => files.contentOf(seed, file),

		// ---- associations (UTA records with contacts and companies)
		contactRoles: CONTACT_ROLES,
		companyRoles: COMPANY_ROLES,
		associations(ep, objectid) {
			const id = toId(objectid);
			const key = `${ep}:${id}`;
			let list = lazyAssoc.get(key);
			if (!list) {
				list = [];
				const row = data[ep] && data[ep].byId.get(id);
				if (row && id <= data[ep].seededMax && LEVELS.includes(ep)) {
					const rnd = createRandom(hashInts(seed, 7, id));
					let k = 0;
					const add = (type, refId, roleid) => {
						list.push({ associationid: String(id * 10 + k++), objectid: String(id), type, refId: String(refId), roleid: String(roleid) });
					};
					if (ep === 'levelone') {
						add('company', row.sf_Customer, 11);
						add('contact', row.sf_Contact, 1);
						if (rnd.chance(0.4)) add('contact', staffIds[rnd.int(staffIds.length)], 4);
						if (rnd.chance(0.2)) add('company', 1000001 + rnd.int(Math.max(1, data.company.rows.length - 1)), rnd.chance(0.5) ? 12 : 13);
					} else {
						add('contact', staffIds[rnd.int(staffIds.length)], ep === 'leveltwo' ? 3 : 4);
						if (rnd.chance(0.3)) add('contact', data.user.rows[21 + rnd.int(Math.max(1, data.user.rows.length - 21))].recordid, 5);
					}
				}
				lazyAssoc.set(key, list);
			}
			return list;
		},
		/** Association as answered by listassociations. */
		associationView(a) {
			const isContact = a.type === 'contact';
			const name = isContact ? store.userName(a.refId) : data.company.byId.get(toId(a.refId))?.sf_Name;
			const out = { associationid: a.associationid, objectid: a.objectid, type: a.type };
			out[isContact ? 'contactid' : 'companyid'] = a.refId;
			out.name = name ?? '';
			out.rolename = (isContact ? CONTACT_ROLES : COMPANY_ROLES)[a.roleid] ?? '';
			out.roleid = a.roleid;
			return out;
		},
		newAssociationId: () => String(nextAssociationId++),

		// ---- multiple addresses (companies and users)
		addressFields: ADDRESS_FIELDS,
		addresses(ep, objectid) {
			const id = toId(objectid);
			const key = `${ep}:${id}`;
			let list = lazyAddr.get(key);
			if (!list) {
				list = [];
				const row = data[ep] && data[ep].byId.get(id);
				if (row && id <= data[ep].seededMax && (ep === 'company' || ep === 'user')) {
					const rnd = createRandom(hashInts(seed, 11, id));
					const n = rnd.range(1, 3);
					for (let k = 0; k < n; k++) {
						list.push({
							addressid: String(id * 10 + k),
							objectid: String(id),
							addresstype: ADDRESS_TYPES[k],
							address: k === 0 && row.sf_Address ? row.sf_Address : `${rnd.range(1, 9999)} ${rnd.pick(['Main St', 'Bay St', 'Front St', 'College Ave', 'River Rd'])}`,
							address2: rnd.chance(0.3) ? `Suite ${rnd.range(100, 999)}` : '',
							city: row.sf_City || '',
							state: row['sf_State/Province'] || '',
							country: row.sf_Country || '',
							postalcode: row['sf_Postal Code'] || '',
						});
					}
				}
				lazyAddr.set(key, list);
			}
			return list;
		},
		newAddressId: () => String(nextAddressId++),

		// ---- UTA configuration (get meta / update meta)
		meta(level) {
			const def = schema[level];
			const list = (o) => Object.entries(o || {}).map(([id, name]) => ({ id: String(id), name }));
			return {
				types: list(def.types),
				statuses: list(def.statuses),
				fields: def.fields.map((f) => {
					const out = { id: f.id ?? '', name: f.name, caption: f.caption ?? f.name, type: f.type, key: f.key };
					if (f.options) out.options = list(f.options);
					if (f.readonly) out.readonly = true;
					return out;
				}),
			};
		},
		/** Adds or renames a type/status; adds a custom field or changes its caption/name. */
		updateMeta(level, kind, id, attrs) {
			const def = schema[level];
			if (!def || !LEVELS.includes(level)) throw new StoreError(`unknown level "${level}"`);
			if (kind === 'type' || kind === 'status') {
				const map = kind === 'type' ? def.types : def.statuses;
				const name = attrs.name;
				if (!name) throw new StoreError('name is required');
				if (String(id) === '0') {
					const newId = String(Math.max(0, ...Object.keys(map).map(Number)) + 1);
					map[newId] = String(name);
					return { id: newId, created: true };
				}
				if (!(String(id) in map)) throw new StoreError(`${kind} ${id} does not exist`);
				map[String(id)] = String(name);
				return { id: String(id), created: false };
			}
			if (kind === 'field') {
				if (String(id) === '0') {
					if (!attrs.name) throw new StoreError('name is required');
					if (resolveField(def, `cf_${attrs.name}`)) throw new StoreError(`field "cf_${attrs.name}" already exists`);
					const maxId = Math.max(0, ...def.fields.filter((f) => f.id).map((f) => Number(f.id)));
					const f = { kind: 'cf', name: String(attrs.name), key: `cf_${attrs.name}`, id: String(maxId + 1), type: attrs.type ? String(attrs.type) : 'text' };
					if (attrs.caption) f.caption = String(attrs.caption);
					if (f.type === 'option' && attrs.options && typeof attrs.options === 'object') f.options = { ...attrs.options };
					def.fields.push(f);
					reindex(def);
					return { id: f.id, created: true };
				}
				const f = def.byId.get(String(id));
				if (!f) throw new StoreError(`field ${id} does not exist`);
				if (attrs.caption !== undefined) f.caption = String(attrs.caption);
				if (attrs.name !== undefined && String(attrs.name) !== f.name) {
					const oldKey = f.key;
					f.name = String(attrs.name);
					f.key = `cf_${f.name}`;
					for (const r of data[level].rows) {
						r[f.key] = r[oldKey];
						delete r[oldKey];
					}
					reindex(def);
				}
				return { id: f.id, created: false };
			}
			throw new StoreError(`kind must be "type", "status" or "field"`);
		},
	};
	return store;
}

module.exports = { createStore, StoreError, API_USER_NAME, CONTACT_ROLES, COMPANY_ROLES, ADDRESS_FIELDS };
