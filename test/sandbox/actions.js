'use strict';
// One handler per SmartConnect action, including those the vendor added after the guide (files
// upload/delete, notes, provider/consumer, transactions on API v2). A handler gets a context and
// answers one of:
//   { json: value }                 JSON text, HTTP 200
//   { blank: true }                 blank 200 body (wrong record ID, token or endpoint)
//   { error: message }              the error envelope (see server.js)
//   { raw: Buffer, headers }        file bytes

const { resolveField, RECORDID_FIELD, LEVELS } = require('./schema');
const { runList, readSettings, parseJsonParam, QueryError, LIST_ERROR } = require('./query');
const { formatRecord, storedValue, displayValue } = require('./format');
const { fileView, contentType } = require('./files');
const { REPORTS } = require('./reports');
const { API_USER_NAME } = require('./store');
const { notesOf, linksOf, linkView, newLinkId, LINK_ROLES } = require('./links');

const EMPTY_REQUEST = 'Invalid API Request, request is empty or null';
const RECORD_ERROR = 'Encountered error while processing record';
const NOT_FOUND = 'Recordset does not exist';

class RecordError extends Error {}

const param = (form, ...names) => {
	for (const n of names) {
		const v = form[n];
		if (v !== undefined && String(v).trim() !== '') return String(v).trim();
	}
	return undefined;
};

/** The jsonrset records: bare array, {"records":[...]} or one object. */
function readRecordset(form) {
	const raw = form.jsonrset;
	if (raw === undefined || String(raw).trim() === '') return { error: EMPTY_REQUEST };
	let parsed;
	try {
		parsed = parseJsonParam(raw, RECORD_ERROR);
	} catch (e) {
		return { error: RECORD_ERROR };
	}
	let list;
	if (Array.isArray(parsed)) list = parsed;
	else if (parsed && typeof parsed === 'object' && Array.isArray(parsed.records)) list = parsed.records;
	else if (parsed && typeof parsed === 'object') list = [parsed];
	else return { error: RECORD_ERROR };
	return { list };
}

const failed = (reason) => `${RECORD_ERROR}: ${reason}`;

/** Resolves a row getter for list criteria / sortby on a record type (any field, or recordid). */
function recordResolver(ctx) {
	return (ref) => {
		const f = resolveField(ctx.def, ref);
		if (!f) return undefined;
		if (f === RECORDID_FIELD) return (row) => String(row.recordid);
		return (row) => storedValue(f, row, ctx.store, ctx.endpoint);
	};
}

/** A resolver for plain rows (files, associations, addresses, report rows): keys as given. */
function plainResolver(columns) {
	return (ref) => {
		if (typeof ref !== 'string') return undefined;
		const r = ref.trim();
		const col = columns.find((c) => c === r) || columns.find((c) => c.toLowerCase() === r.toLowerCase());
		return col ? (row) => row[col] : undefined;
	};
}

function listOf(ctx, rows, columns, { isArchived } = {}) {
	const res = runList({
		rows,
		resolve: plainResolver(columns),
		criteria: ctx.form.criteria,
		sortby: ctx.form.sortby,
		othersettings: ctx.form.othersettings,
		isArchived,
	});
	return res;
}

// ---------------------------------------------------------------- record values on write

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s) {
	const m = DATE_RE.exec(s);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Checks and converts one written value to its stored form. Throws RecordError. */
function writeValue(ctx, entryRef, f, value) {
	if (value !== null && typeof value === 'object') throw new RecordError(`${entryRef}: value must be text, not ${Array.isArray(value) ? 'an array' : 'an object'}`);
	const s = value === null || value === undefined ? '' : String(value);
	if (s === '') return f.kind === 'cf' ? null : '';
	switch (f.type) {
		case 'date':
			if (!validDate(s)) throw new RecordError(`${entryRef}: "${s}" is not a date in the format YYYY-MM-DD`);
			return `${s} 00:00:00`;
		case 'option': {
			const opts = f.options || {};
			const keys = s.startsWith(',') && s.endsWith(',') ? s.split(',').filter(Boolean) : [s];
			for (const k of keys) {
				if (!(k in opts)) {
					const list = Object.entries(opts).map(([a, b]) => `${a}=${b}`).join(';');
					throw new RecordError(`${entryRef}: "${s}" is not a stored option value (${list})`);
				}
			}
			return s;
		}
		case 'money':
		case 'number':
			if (!/^-?\d+(\.\d+)?$/.test(s)) throw new RecordError(`${entryRef}: "${s}" is not a number`);
			return s;
		case 'id':
			if (!/^\d+$/.test(s)) throw new RecordError(`${entryRef}: "${s}" is not a record ID`);
			return s;
		case 'user':
			if (!/^\d+$/.test(s) || !ctx.store.row('user', s)) throw new RecordError(`${entryRef}: "${s}" is not a user ID`);
			return s;
		default:
			return s;
	}
}

/**
 * Field-list enforcement: the record must carry every field of the function's list and only
 * those (keys as in the list, or any reference to the same field). Returns stored values.
 */
function checkFields(ctx, rec) {
	const entries = ctx.fn.entries;
	const covered = new Map(); // entry -> value
	for (const key of Object.keys(rec)) {
		if (key === 'recordid') continue;
		let entry = entries.find((e) => e.ref === key);
		if (!entry) {
			const f = resolveField(ctx.def, key);
			entry = f && entries.find((e) => e.field === f);
		}
		if (!entry) throw new RecordError(`field "${key}" is not in the function's field list`);
		if (covered.has(entry)) throw new RecordError(`field "${key}" is given twice`);
		covered.set(entry, rec[key]);
	}
	for (const e of entries) {
		if (!covered.has(e)) throw new RecordError(`field "${e.ref}" of the function's field list is missing`);
	}
	const values = {};
	for (const [e, v] of covered) {
		if (!e.field) throw new RecordError(`field "${e.ref}" does not exist`);
		if (e.field.readonly) continue; // read-only fields (dates stamped by the system) are accepted and ignored
		values[e.field.key] = writeValue(ctx, e.ref, e.field, v);
	}
	return values;
}

// ---------------------------------------------------------------- handlers

const handlers = {
	async get(ctx) {
		const id = param(ctx.form, 'recordid');
		if (!id) return { error: EMPTY_REQUEST };
		const settings = readSettings(ctx.form.othersettings);
		const row = /^\d+$/.test(id) ? ctx.store.row(ctx.endpoint, id) : undefined;
		if (!row) return { blank: true };
		return { json: { records: [formatRecord({ endpoint: ctx.endpoint, row, entries: ctx.fn.entries, settings, store: ctx.store })], message: {} } };
	},

	async list(ctx) {
		if (ctx.endpoint === 'report') return report(ctx);
		const res = runList({
			rows: ctx.store.rows(ctx.endpoint),
			resolve: recordResolver(ctx),
			criteria: ctx.form.criteria,
			sortby: ctx.form.sortby,
			othersettings: ctx.form.othersettings,
			isArchived: (r) => !!r.archived,
		});
		const records = res.rows.map((row) => formatRecord({ endpoint: ctx.endpoint, row, entries: ctx.fn.entries, settings: res.settings, store: ctx.store }));
		return { json: { records, message: res.message } };
	},

	async update(ctx) {
		const rs = readRecordset(ctx.form);
		if (rs.error) return { error: rs.error };
		const out = rs.list.map((rec, i) => {
			const recordindex = i + 1;
			const rid = rec && typeof rec === 'object' && rec.recordid !== undefined && rec.recordid !== null ? String(rec.recordid).trim() : '';
			try {
				if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw new RecordError('a record must be a JSON object');
				if (rid === '') throw new RecordError('recordid is missing (use "0" to create)');
				if (rid !== '0' && !(/^\d+$/.test(rid) && ctx.store.row(ctx.endpoint, rid))) {
					return { recordid: rid, recordindex, status: failed(NOT_FOUND) };
				}
				const { level, fields, fieldCtx } = transactionLevel(ctx, rec);
				const values = checkFields(fieldCtx, fields);
				if (rid === '0') {
					const created = ctx.store.create(ctx.endpoint, values, { createdBy: API_USER_NAME });
					if (level) ctx.store.row(ctx.endpoint, created.recordid).translevel = level;
					return { recordid: created.recordid, recordindex, status: 'created successfully' };
				}
				ctx.store.update(ctx.endpoint, rid, values);
				if (level) ctx.store.row(ctx.endpoint, rid).translevel = level;
				return { recordid: rid, recordindex, status: 'updated successfully' };
			} catch (e) {
				if (!(e instanceof RecordError)) throw e;
				return { recordid: rid, recordindex, status: failed(e.message) };
			}
		});
		return { json: { records: out, message: {} } };
	},

	async delete(ctx) {
		const rs = readRecordset(ctx.form);
		if (rs.error) return { error: rs.error };
		const out = rs.list.map((rec, i) => {
			const rid = rec && typeof rec === 'object' && rec.recordid != null ? String(rec.recordid).trim() : '';
			if (!rid) return { recordid: rid, recordindex: i + 1, status: failed('recordid is missing') };
			if (!/^\d+$/.test(rid) || !ctx.store.remove(ctx.endpoint, rid)) return { recordid: rid, recordindex: i + 1, status: failed(NOT_FOUND) };
			return { recordid: rid, recordindex: i + 1, status: 'deleted successfully' };
		});
		return { json: { records: out, message: {} } };
	},

	// ---- files
	async listfiles(ctx) {
		const objectid = param(ctx.form, 'objectid', 'recordid');
		if (!objectid) return { error: EMPTY_REQUEST };
		if (!/^\d+$/.test(objectid) || !ctx.store.row(ctx.endpoint, objectid)) return { blank: true };
		const fields = allowedUploadFields(ctx, param(ctx.form, 'fieldid'));
		const ids = new Set(fields.map((f) => f.id));
		const rows = ctx.store.files(ctx.endpoint, objectid).filter((f) => ids.has(f.fieldid)).map(fileView);
		const res = listOf(ctx, rows, FILE_COLUMNS);
		return { json: { records: res.rows, message: res.message } };
	},

	async downloadfile(ctx) {
		const objectid = param(ctx.form, 'objectid', 'recordid');
		const filename = param(ctx.form, 'filename');
		const fileid = param(ctx.form, 'fileid');
		if (!objectid || (!filename && !fileid)) return { error: EMPTY_REQUEST };
		if (!/^\d+$/.test(objectid) || !ctx.store.row(ctx.endpoint, objectid)) return { blank: true };
		const fields = allowedUploadFields(ctx, param(ctx.form, 'fieldid'));
		const ids = new Set(fields.map((f) => f.id));
		const file = ctx.store.files(ctx.endpoint, objectid).find((f) => ids.has(f.fieldid) && (fileid ? f.fileid === fileid : f.filename === filename));
		if (!file) return { blank: true };
		const buf = ctx.store.fileContent(file);
		return {
			raw: buf,
			headers: {
				'Content-Type': contentType(file.filename),
				'Content-Disposition': contentDisposition(file.filename),
			},
		};
	},

	/**
	 * Files - Upload: every parameter in the query string, the file as one multipart/form-data
	 * part (any part name; its file name is kept). A file of the same name in the field is replaced.
	 */
	async uploadfile(ctx) {
		const objectid = param(ctx.form, 'objectid', 'recordid');
		const fieldid = param(ctx.form, 'fieldid');
		if (!objectid || !fieldid || ctx.files.length !== 1) return { error: EMPTY_REQUEST };
		if (!/^\d+$/.test(objectid) || !ctx.store.row(ctx.endpoint, objectid)) return { blank: true };
		const [field] = allowedUploadFields(ctx, fieldid);
		const [part] = ctx.files;
		const filename = String(part.filename).replace(/^.*[\\/]/, '').trim(); // a path keeps only its last part
		if (!filename) return { error: failed('the file part has no file name') };
		const files = ctx.store.files(ctx.endpoint, objectid);
		const same = files.findIndex((f) => f.fieldid === field.id && f.filename === filename);
		if (same >= 0) files.splice(same, 1);
		const file = ctx.store.addFile(ctx.endpoint, objectid, field.id, filename, Buffer.from(part.data));
		return { json: { records: [{ ...fileView(file), status: 'uploaded successfully' }], message: {} } };
	},

	/**
	 * Files - Delete: jsonrset [{objectid, fieldid, filename}, ...] (or the three as plain
	 * parameters for one file); files are matched by name, and an unknown file fails only its entry.
	 */
	async deletefile(ctx) {
		const single = ['objectid', 'fieldid', 'filename'].every((k) => param(ctx.form, k));
		const rs = ctx.form.jsonrset === undefined && single
			? { list: [{ objectid: ctx.form.objectid, fieldid: ctx.form.fieldid, filename: ctx.form.filename }] }
			: readRecordset(ctx.form);
		if (rs.error) return { error: rs.error };
		const out = rs.list.map((rec, i) => {
			const text = (k) => (rec && typeof rec === 'object' && rec[k] != null ? String(rec[k]).trim() : '');
			const entry = { objectid: text('objectid'), fieldid: text('fieldid'), filename: text('filename'), recordindex: i + 1 };
			try {
				if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw new RecordError('an entry must be a JSON object');
				if (!entry.objectid || !entry.fieldid || !entry.filename) throw new RecordError('objectid, fieldid and filename are mandatory');
				if (!/^\d+$/.test(entry.objectid) || !ctx.store.row(ctx.endpoint, entry.objectid)) return { ...entry, status: failed(NOT_FOUND) };
				const field = uploadFieldOf(ctx, entry.fieldid);
				const files = ctx.store.files(ctx.endpoint, entry.objectid);
				const at = files.findIndex((f) => f.fieldid === field.id && f.filename === entry.filename);
				if (at < 0) throw new RecordError(`file "${entry.filename}" does not exist in field ${entry.fieldid} of record ${entry.objectid}`);
				files.splice(at, 1);
				return { ...entry, status: 'deleted successfully' };
			} catch (e) {
				if (!(e instanceof RecordError)) throw e;
				return { ...entry, status: failed(e.message) };
			}
		});
		return { json: { records: out, message: {} } };
	},

	async searchfiles(ctx) {
		const keyword = param(ctx.form, 'keyword', 'searchkeyword');
		if (!keyword) return { error: EMPTY_REQUEST };
		const fields = allowedUploadFields(ctx, param(ctx.form, 'fieldid'));
		const ids = new Set(fields.map((f) => f.id));
		const needle = keyword.toLowerCase();
		const rows = [];
		for (const row of ctx.store.rows(ctx.endpoint)) {
			for (const f of ctx.store.files(ctx.endpoint, row.recordid)) {
				if (!ids.has(f.fieldid)) continue;
				if (ctx.store.fileContent(f).toString('latin1').toLowerCase().includes(needle)) rows.push(fileView(f));
			}
		}
		const res = listOf(ctx, rows, FILE_COLUMNS);
		return { json: { records: res.rows, message: res.message } };
	},

	// ---- associations
	async listassociations(ctx) {
		const objectid = param(ctx.form, 'objectid', 'recordid');
		if (!objectid) return { error: EMPTY_REQUEST };
		if (!/^\d+$/.test(objectid) || !ctx.store.row(ctx.endpoint, objectid)) return { blank: true };
		const rows = ctx.store.associations(ctx.endpoint, objectid).map((a) => ctx.store.associationView(a));
		const res = listOf(ctx, rows, ['associationid', 'objectid', 'type', 'contactid', 'companyid', 'name', 'rolename', 'roleid']);
		return { json: { records: res.rows, message: res.message } };
	},

	async updateassociations(ctx) {
		const rs = readRecordset(ctx.form);
		if (rs.error) return { error: rs.error };
		const out = [];
		let index = 0;
		for (const rec of rs.list) {
			const objectid = rec && rec.objectid != null ? String(rec.objectid).trim() : '';
			const groups = [['contact', rec && rec.contacts], ['company', rec && rec.companies]];
			for (const [type, items] of groups) {
				if (items === undefined) continue;
				for (const item of Array.isArray(items) ? items : [items]) {
					index++;
					out.push(updateOneAssociation(ctx, objectid, type, item, index));
				}
			}
			if (!groups.some(([, items]) => items !== undefined)) {
				index++;
				out.push({ associationid: '', recordindex: index, status: failed('no "contacts" or "companies" given') });
			}
		}
		return { json: { records: out, message: {} } };
	},

	// ---- notes (answer shape not public: list-shaped like the other related lists)
	async listnotes(ctx) {
		const objectid = param(ctx.form, 'objectid', 'recordid');
		if (!objectid) return { error: EMPTY_REQUEST };
		if (!/^\d+$/.test(objectid) || !ctx.store.row(ctx.endpoint, objectid)) return { blank: true };
		const rows = notesOf(ctx.store, ctx.endpoint, objectid).map((n) => ({ ...n }));
		const res = listOf(ctx, rows, ['noteid', 'objectid', 'notetype', 'note', 'createdby', 'createddate']);
		return { json: { records: res.rows, message: res.message } };
	},

	// ---- provider/consumer links between two UTA Level 1 (or two Level 2) records
	async listproviderconsumer(ctx) {
		const objectid = param(ctx.form, 'objectid', 'recordid');
		if (!objectid) return { error: EMPTY_REQUEST };
		if (!/^\d+$/.test(objectid) || !ctx.store.row(ctx.endpoint, objectid)) return { blank: true };
		const id = String(Number(objectid));
		const rows = linksOf(ctx.store, ctx.endpoint)
			.filter((l) => l.providerid === id || l.consumerid === id)
			.map((l) => linkView(ctx.store, ctx.endpoint, l));
		const res = listOf(ctx, rows, ['associationid', 'providerid', 'providername', 'consumerid', 'consumername', 'roleid', 'rolename']);
		return { json: { records: res.rows, message: res.message } };
	},

	/**
	 * Provider/Consumer - Update: associationid "0" creates a link; an existing link (with
	 * isupdate "1") can only change its role: another provider or consumer needs a new link.
	 */
	async updateproviderconsumer(ctx) {
		const rs = readRecordset(ctx.form);
		if (rs.error) return { error: rs.error };
		const out = rs.list.map((rec, i) => {
			const text = (k) => (rec && typeof rec === 'object' && rec[k] != null ? String(rec[k]).trim() : '');
			const given = text('associationid');
			const result = (associationid, status) => ({ associationid, recordindex: i + 1, status });
			try {
				if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw new RecordError('an entry must be a JSON object');
				if (!given) throw new RecordError('associationid is missing (use "0" to create a link)');
				const ids = {};
				for (const k of ['providerid', 'consumerid']) {
					if (!text(k)) throw new RecordError(`${k} is mandatory`);
					if (!/^\d+$/.test(text(k)) || !ctx.store.row(ctx.endpoint, text(k))) throw new RecordError(`${k} ${text(k)}: ${NOT_FOUND}`);
					ids[k] = String(Number(text(k)));
				}
				const roleid = linkRole(text('roleid'), text('rolename'));
				const links = linksOf(ctx.store, ctx.endpoint);
				if (given === '0') {
					const link = { associationid: newLinkId(ctx.store), ...ids, roleid };
					links.push(link);
					return result(link.associationid, 'created successfully');
				}
				const link = links.find((l) => l.associationid === given);
				if (!link) return result(given, failed(NOT_FOUND));
				if (text('isupdate') !== '1') throw new RecordError('isupdate must be "1" to change an existing link');
				if (link.providerid !== ids.providerid || link.consumerid !== ids.consumerid) {
					throw new RecordError('only the role of a link can change: another provider or consumer needs a new link (associationid "0")');
				}
				link.roleid = roleid;
				return result(given, 'updated successfully');
			} catch (e) {
				if (!(e instanceof RecordError)) throw e;
				return result(given, failed(e.message));
			}
		});
		return { json: { records: out, message: {} } };
	},

	// ---- multiple addresses
	async listaddresses(ctx) {
		const objectid = param(ctx.form, 'objectid', 'recordid');
		if (!objectid) return { error: EMPTY_REQUEST };
		if (!/^\d+$/.test(objectid) || !ctx.store.row(ctx.endpoint, objectid)) return { blank: true };
		const rows = ctx.store.addresses(ctx.endpoint, objectid).map((a) => ({ ...a }));
		const res = listOf(ctx, rows, ['addressid', 'objectid', ...ctx.store.addressFields]);
		return { json: { records: res.rows, message: res.message } };
	},

	async updateaddresses(ctx) {
		const rs = readRecordset(ctx.form);
		if (rs.error) return { error: rs.error };
		const out = rs.list.map((rec, i) => {
			const recordindex = i + 1;
			const addressid = rec && rec.addressid != null ? String(rec.addressid).trim() : '';
			const result = (id, status) => ({ recordid: id, addressid: id, recordindex, status });
			try {
				if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw new RecordError('a record must be a JSON object');
				if (!addressid) throw new RecordError('addressid is missing (use "0" to create)');
				for (const k of Object.keys(rec)) {
					if (!['addressid', 'objectid', 'action', ...ctx.store.addressFields].includes(k)) throw new RecordError(`field "${k}" is not an address field`);
					if (rec[k] !== null && typeof rec[k] === 'object') throw new RecordError(`${k}: value must be text`);
				}
				let objectid = rec.objectid != null ? String(rec.objectid).trim() : '';
				if (addressid === '0') {
					if (!objectid) throw new RecordError('objectid is missing');
					if (!ctx.store.row(ctx.endpoint, objectid)) return result(addressid, failed(NOT_FOUND));
					const a = { addressid: ctx.store.newAddressId(), objectid: String(Number(objectid)) };
					for (const k of ctx.store.addressFields) a[k] = rec[k] == null ? '' : String(rec[k]);
					ctx.store.addresses(ctx.endpoint, objectid).push(a);
					return result(a.addressid, 'created successfully');
				}
				// find the address; objectid narrows the search, else look through touched records
				const found = findAddress(ctx, addressid, objectid);
				if (!found) return result(addressid, failed(NOT_FOUND));
				objectid = found.list === undefined ? objectid : found.a.objectid;
				if (rec.action === 'delete') {
					found.list.splice(found.list.indexOf(found.a), 1);
					return result(addressid, 'deleted successfully');
				}
				for (const k of ctx.store.addressFields) if (k in rec) found.a[k] = rec[k] == null ? '' : String(rec[k]);
				return result(addressid, 'updated successfully');
			} catch (e) {
				if (!(e instanceof RecordError)) throw e;
				return result(addressid, failed(e.message));
			}
		});
		return { json: { records: out, message: {} } };
	},

	// ---- meta
	async getmeta(ctx) {
		const levels = ctx.fn.levels.length ? ctx.fn.levels : [ctx.endpoint];
		const out = {};
		for (const l of levels) out[l] = ctx.store.meta(l);
		return { json: out };
	},

	async updatemeta(ctx) {
		const rs = readRecordset(ctx.form);
		if (rs.error) return { error: rs.error };
		const levels = ctx.fn.levels.length ? ctx.fn.levels : [ctx.endpoint];
		const out = rs.list.map((rec, i) => {
			const recordindex = i + 1;
			const id = rec && rec.id != null ? String(rec.id).trim() : '';
			try {
				if (!rec || typeof rec !== 'object') throw new RecordError('a record must be a JSON object');
				const level = rec.level ? String(rec.level) : ctx.endpoint;
				if (!LEVELS.includes(level) || !levels.includes(level)) throw new RecordError(`level "${level}" is not in the function's field list`);
				if (!id) throw new RecordError('id is missing (use "0" to create)');
				const kind = String(rec.kind || '').toLowerCase();
				const r = ctx.store.updateMeta(level, kind, id, rec);
				return { recordid: r.id, id: r.id, level, kind, recordindex, status: r.created ? 'created successfully' : 'updated successfully' };
			} catch (e) {
				return { recordid: id, id, recordindex, status: failed(e.message) };
			}
		});
		return { json: { records: out, message: {} } };
	},

	// ---- variables replace
	async variablesreplace(ctx) {
		const id = param(ctx.form, 'recordid', 'objectid');
		if (!id) return { error: EMPTY_REQUEST };
		const row = /^\d+$/.test(id) ? ctx.store.row(ctx.endpoint, id) : undefined;
		if (!row) return { blank: true };
		const content = ctx.form.content === undefined ? '' : String(ctx.form.content);
		return { json: { records: [{ content: replaceVariables(ctx, row, content) }], message: {} } };
	},
};

const FILE_COLUMNS = ['fileid', 'filename', 'filesize', 'fieldid', 'objectid', 'uploaddate'];

/**
 * `attachment; filename="..."`; a name beyond ASCII (an uploaded "Résumé.pdf") is given as
 * RFC 6266's `filename*=UTF-8''...` first, with an ASCII fallback after it.
 */
function contentDisposition(filename) {
	const ascii = filename.replace(/"/g, '').replace(/[^\x20-\x7e]/g, '_');
	if (ascii === filename.replace(/"/g, '')) return `attachment; filename="${ascii}"`;
	return `attachment; filename*=UTF-8''${encodeURIComponent(filename)}; filename="${ascii}"`;
}

/** Upload fields of the function's field list, narrowed to `fieldid` when given. */
function allowedUploadFields(ctx, fieldid) {
	const fields = ctx.fn.entries.map((e) => e.field).filter((f) => f && f.type === 'upload');
	if (!fieldid) return fields;
	const f = resolveField(ctx.def, /^\d+$/.test(fieldid) ? `cf_${fieldid}` : /^[sc]f_/.test(fieldid) ? fieldid : `cf_${fieldid}`);
	if (!f || !fields.includes(f)) throw new QueryError(LIST_ERROR, `fieldid ${fieldid} is not an upload field of the function`);
	return [f];
}

/** The upload field an entry names; a field outside the function's field list fails the entry. */
function uploadFieldOf(ctx, fieldid) {
	try {
		return allowedUploadFields(ctx, fieldid)[0];
	} catch (e) {
		if (e instanceof QueryError) throw new RecordError(`fieldid ${fieldid} is not an upload field of the function's field list`);
		throw e;
	}
}

/** A provider/consumer role by ID or name (roleid wins). */
function linkRole(roleid, rolename) {
	if (roleid) {
		if (!(roleid in LINK_ROLES)) throw new RecordError(`roleid "${roleid}" does not exist`);
		return roleid;
	}
	if (!rolename) throw new RecordError('roleid or rolename is mandatory');
	const found = Object.keys(LINK_ROLES).find((k) => LINK_ROLES[k].toLowerCase() === rolename.toLowerCase());
	if (!found) throw new RecordError(`role "${rolename}" does not exist (${Object.values(LINK_ROLES).join(', ')})`);
	return found;
}

/**
 * Transactions on API version 2 (August 2022) carry `translevel` in each record: "1" when the
 * transaction belongs to a UTA Level 1 record (sf_Object ID), "2" for Level 2. Version 1 has no
 * such field. `translevel` in a function's field list is not a field: it is left out of the check.
 */
function transactionLevel(ctx, rec) {
	if (ctx.endpoint !== 'transactions') return { level: undefined, fields: rec, fieldCtx: ctx };
	const { translevel, ...fields } = rec;
	const fieldCtx = { ...ctx, fn: { ...ctx.fn, entries: ctx.fn.entries.filter((e) => e.ref !== 'translevel') } };
	const given = translevel == null ? '' : String(translevel).trim();
	if (ctx.version !== '2') {
		if (translevel !== undefined) throw new RecordError('translevel is a field of API version 2: send the call to /API/2/transactions/');
		return { level: undefined, fields, fieldCtx };
	}
	if (!['1', '2'].includes(given)) throw new RecordError(`translevel must be "1" (UTA Level 1) or "2" (UTA Level 2), got "${given}"`);
	const objectId = fields['sf_Object ID'] == null ? '' : String(fields['sf_Object ID']).trim();
	const levelEndpoint = given === '1' ? 'levelone' : 'leveltwo';
	if (objectId && !ctx.store.row(levelEndpoint, objectId)) {
		throw new RecordError(`sf_Object ID ${objectId} is not a UTA Level ${given} record (translevel ${given})`);
	}
	return { level: given, fields, fieldCtx };
}

function findAddress(ctx, addressid, objectid) {
	const candidates = objectid ? [objectid] : [String(Math.floor(Number(addressid) / 10))];
	for (const oid of candidates) {
		if (!/^\d+$/.test(oid) || !ctx.store.row(ctx.endpoint, oid)) continue;
		const list = ctx.store.addresses(ctx.endpoint, oid);
		const a = list.find((x) => x.addressid === addressid);
		if (a) return { a, list };
	}
	// addresses created through the API carry IDs unrelated to the record: scan all touched lists
	for (const row of ctx.store.rows(ctx.endpoint)) {
		const list = ctx.store.addresses(ctx.endpoint, row.recordid);
		const a = list.find((x) => x.addressid === addressid);
		if (a) return { a, list };
	}
	return null;
}

function updateOneAssociation(ctx, objectid, type, item, recordindex) {
	const s = ctx.store;
	const given = item && item.associationid != null ? String(item.associationid).trim() : '';
	const result = (associationid, status) => ({ associationid, recordindex, status });
	if (!objectid) return result(given, failed('objectid is missing'));
	if (!/^\d+$/.test(objectid) || !s.row(ctx.endpoint, objectid)) return result(given, failed(NOT_FOUND));
	if (!item || typeof item !== 'object') return result(given, failed('an association must be a JSON object'));
	const list = s.associations(ctx.endpoint, objectid);
	const roles = type === 'contact' ? s.contactRoles : s.companyRoles;
	const idKey = type === 'contact' ? 'contactid' : 'companyid';
	const refEndpoint = type === 'contact' ? 'user' : 'company';
	if (item.action === 'delete') {
		const a = list.find((x) => x.associationid === given);
		if (!a) return result(given, failed(NOT_FOUND));
		list.splice(list.indexOf(a), 1);
		return result(given, 'deleted successfully');
	}
	let roleid;
	if (item.roleid != null && String(item.roleid) !== '') {
		roleid = String(item.roleid);
		if (!(roleid in roles)) return result(given, failed(`roleid "${roleid}" does not exist`));
	} else if (item.rolename != null && String(item.rolename) !== '') {
		roleid = Object.keys(roles).find((k) => roles[k].toLowerCase() === String(item.rolename).toLowerCase());
		if (!roleid) return result(given, failed(`role "${item.rolename}" does not exist (${Object.values(roles).join(', ')})`));
	}
	if (given) {
		const a = list.find((x) => x.associationid === given && x.type === type);
		if (!a) return result(given, failed(NOT_FOUND));
		if (roleid) a.roleid = roleid;
		return result(given, 'updated successfully');
	}
	const refId = item[idKey] != null ? String(item[idKey]).trim() : '';
	if (!refId) return result('', failed(`${idKey} is missing`));
	if (!/^\d+$/.test(refId) || !s.row(refEndpoint, refId)) return result('', failed(`${idKey} ${refId}: ${NOT_FOUND}`));
	if (!roleid) return result('', failed('rolename or roleid is missing'));
	const existing = list.find((x) => x.type === type && x.refId === refId && x.roleid === roleid);
	if (existing) return result(existing.associationid, 'updated successfully');
	const a = { associationid: s.newAssociationId(), objectid: String(Number(objectid)), type, refId: String(Number(refId)), roleid };
	list.push(a);
	return result(a.associationid, 'created successfully');
}

const norm = (s) => String(s).toLowerCase().replace(/[\s_]+/g, '');

/**
 * Fills @token@ variables with the record's display values. Tokens: @recordid@, @name@,
 * @firstname@, @lastname@, @email@, @status@, @type@, @owner@ and any field by name with or
 * without prefix, case and spaces ignored (@Start Date@, @startdate@, @sf_Start Date@,
 * @Program Area@, @cf_1234567@). Unknown tokens are left as they are.
 */
function replaceVariables(ctx, row, content) {
	const vars = new Map();
	const def = ctx.def;
	for (const f of def.fields) {
		const v = displayValue(f, storedValue(f, row, ctx.store, ctx.endpoint), ctx.store);
		const val = v == null ? '' : v;
		vars.set(norm(f.name), val);
		vars.set(norm(f.key), val);
		if (f.id) vars.set(norm(`cf_${f.id}`), val);
	}
	vars.set('recordid', String(row.recordid));
	if (ctx.endpoint === 'user') vars.set('name', `${row['sf_First Name'] || ''} ${row['sf_Last Name'] || ''}`.trim());
	if (ctx.endpoint === 'transactions') vars.set('name', row.sf_Subject || '');
	return content.replace(/@([^@\r\n]{1,80})@/g, (whole, token) => {
		const key = norm(token);
		return vars.has(key) ? vars.get(key) : whole;
	});
}

async function report(ctx) {
	const def = REPORTS[ctx.fn.report];
	if (!def) return { error: 'Recordset does not exist' };
	const rows = def.rows(ctx.store);
	const res = listOf(ctx, rows, def.columns, { isArchived: (r) => r._archived });
	const records = res.rows.map((r) => {
		const o = {};
		for (const c of def.columns) o[c] = r[c];
		return o;
	});
	return { json: { records, message: res.message } };
}

module.exports = { handlers, replaceVariables, EMPTY_REQUEST, RECORD_ERROR, NOT_FOUND };
