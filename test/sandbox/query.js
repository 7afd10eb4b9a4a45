'use strict';
// The list query engine: criteria (every operator, bracket groups), sortby, othersettings
// (paging priority rules, the 10,000 cap, getstorevalue, keyformat, includearchive) and the
// list message counts. Works on any rows given a resolver from a field reference to a getter.

const MAX_RECORDS = 10000;
const LIST_ERROR = 'Encountered error while processing list';
const SETTINGS_ERROR = 'Encountered error while processing other setting parameters';

class QueryError extends Error {
	constructor(message, detail) {
		super(message);
		this.detail = detail;
	}
}

/** Reads a JSON form parameter. Empty or absent: undefined. Objects already parsed pass through. */
function parseJsonParam(value, errorMessage) {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (e) {
		throw new QueryError(errorMessage, `not JSON: ${e.message}`);
	}
}

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;
const isNumeric = (s) => NUMERIC.test(s);

/**
 * SQL-like comparison with a fixed value: numeric when both sides are numeric, else
 * case-insensitive text. The fixed side is read once, not once per row compared.
 */
function comparedTo(b) {
	const sb = b === null || b === undefined ? '' : String(b);
	const number = isNumeric(sb) ? Number(sb) : undefined;
	const lower = sb.toLowerCase();
	return (a) => {
		const sa = a === null || a === undefined ? '' : String(a);
		if (number !== undefined && isNumeric(sa)) return Number(sa) - number;
		const la = sa.toLowerCase();
		return la < lower ? -1 : la > lower ? 1 : 0;
	};
}

function likeRegex(pattern) {
	let src = '';
	for (const ch of String(pattern)) {
		if (ch === '%') src += '.*';
		else if (ch === '_') src += '.';
		else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	}
	return new RegExp(src, 'is'); // substring: the server wraps the pattern in %...%
}

const OPERATORS = ['=', '!=', '<>', '>', '>=', '<', '<=', 'like', 'not like', 'isempty'];

function compileCondition(c, resolve, index) {
	if (!c || typeof c !== 'object' || Array.isArray(c)) throw new QueryError(LIST_ERROR, `criteria[${index}] is not an object`);
	const getter = resolve(c.field);
	if (!getter) throw new QueryError(LIST_ERROR, `criteria[${index}]: unknown field "${c.field}"`);
	const op = String(c.operator ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
	if (!OPERATORS.includes(op)) throw new QueryError(LIST_ERROR, `criteria[${index}]: unknown operator "${c.operator}"`);
	const value = c.value === undefined || c.value === null ? '' : String(c.value);
	const compare = comparedTo(value);
	switch (op) {
		case 'isempty': {
			const v = value.trim().toLowerCase();
			let want;
			if (v === 'true' || v === '1') want = true;
			else if (v === 'false' || v === '0') want = false;
			else throw new QueryError(LIST_ERROR, `criteria[${index}]: isempty takes "true" or "false"`);
			return (row) => {
				const x = getter(row);
				const empty = x === null || x === undefined || String(x).trim() === '';
				return empty === want;
			};
		}
		case 'like': {
			const re = likeRegex(value);
			return (row) => re.test(String(getter(row) ?? ''));
		}
		case 'not like': {
			const re = likeRegex(value);
			return (row) => !re.test(String(getter(row) ?? ''));
		}
		case '=':
			return (row) => compare(getter(row)) === 0;
		case '!=':
		case '<>':
			return (row) => compare(getter(row)) !== 0;
		case '>':
			return (row) => compare(getter(row)) > 0;
		case '>=':
			return (row) => compare(getter(row)) >= 0;
		case '<':
			return (row) => compare(getter(row)) < 0;
		case '<=':
			return (row) => compare(getter(row)) <= 0;
	}
	throw new QueryError(LIST_ERROR, 'unreachable');
}

/** Splits an andor value such as ") and (" into tokens; inserts the implicit "and". */
function andorTokens(andor, first, index) {
	const s = String(andor ?? '').toLowerCase();
	const raw = s.match(/\(|\)|\band\b|\bor\b|\S+/g) || [];
	for (const t of raw) {
		if (!['(', ')', 'and', 'or'].includes(t)) throw new QueryError(LIST_ERROR, `criteria[${index}]: andor "${andor}" not understood`);
	}
	const ops = raw.filter((t) => t === 'and' || t === 'or');
	if (ops.length > 1) throw new QueryError(LIST_ERROR, `criteria[${index}]: andor "${andor}" has two operators`);
	if (first) {
		// the first condition's and/or has nothing to join; only its brackets count
		return raw.filter((t) => t === '(' || t === ')');
	}
	if (ops.length === 0) {
		// "(" alone after a condition means "and ("
		const out = [];
		let i = 0;
		while (i < raw.length && raw[i] === ')') out.push(raw[i++]);
		out.push('and');
		return out.concat(raw.slice(i));
	}
	return raw;
}

// Plain loops: a list is filtered by one predicate call per row, tens of thousands of rows.
function anyOf(terms) {
	return (row) => {
		for (const term of terms) if (term(row)) return true;
		return false;
	};
}

function allOf(terms) {
	const all = (row) => {
		for (const term of terms) if (!term(row)) return false;
		return true;
	};
	// runList filters a top-level conjunction term by term.
	all.terms = terms;
	return all;
}

/**
 * Compiles criteria into a predicate. Grammar: within brackets "and" binds tighter than "or";
 * "(" opens a group, unclosed groups close at the end, a stray ")" is an error.
 */
function compileCriteria(criteria, resolve) {
	if (criteria === undefined) return null;
	let list = criteria;
	if (list && !Array.isArray(list) && typeof list === 'object') list = [list];
	if (!Array.isArray(list)) throw new QueryError(LIST_ERROR, 'criteria is not a JSON array');
	if (list.length === 0) return null;
	const tokens = [];
	list.forEach((c, i) => {
		if (!c || typeof c !== 'object') throw new QueryError(LIST_ERROR, `criteria[${i}] is not an object`);
		tokens.push(...andorTokens(c.andor, i === 0, i));
		tokens.push({ cond: compileCondition(c, resolve, i) });
	});
	let depth = 0;
	for (const t of tokens) {
		if (t === '(') depth++;
		else if (t === ')') {
			depth--;
			if (depth < 0) throw new QueryError(LIST_ERROR, 'criteria: ")" without "("');
		}
	}
	while (depth-- > 0) tokens.push(')');
	let pos = 0;
	const parseOr = () => {
		const terms = [parseAnd()];
		while (tokens[pos] === 'or') {
			pos++;
			terms.push(parseAnd());
		}
		return terms.length === 1 ? terms[0] : anyOf(terms);
	};
	const parseAnd = () => {
		const terms = [parseAtom()];
		while (tokens[pos] === 'and') {
			pos++;
			terms.push(parseAtom());
		}
		return terms.length === 1 ? terms[0] : allOf(terms);
	};
	const parseAtom = () => {
		const t = tokens[pos];
		if (t === '(') {
			pos++;
			const inner = parseOr();
			if (tokens[pos] !== ')') throw new QueryError(LIST_ERROR, 'criteria: brackets do not match');
			pos++;
			return inner;
		}
		if (t && typeof t === 'object') {
			pos++;
			return t.cond;
		}
		throw new QueryError(LIST_ERROR, 'criteria: a condition is missing');
	};
	const pred = parseOr();
	if (pos !== tokens.length) throw new QueryError(LIST_ERROR, 'criteria: brackets do not match');
	return pred;
}

/** Compiles sortby into a comparator; ties (and no sortby) fall back to the default order. */
function compileSort(sortby, resolve) {
	if (sortby === undefined) return null;
	let list = sortby;
	if (list && !Array.isArray(list) && typeof list === 'object') list = [list];
	if (!Array.isArray(list)) throw new QueryError(LIST_ERROR, 'sortby is not a JSON array');
	if (list.length === 0) return null;
	const keys = list.map((s, i) => {
		if (!s || typeof s !== 'object') throw new QueryError(LIST_ERROR, `sortby[${i}] is not an object`);
		const getter = resolve(s.field);
		if (!getter) throw new QueryError(LIST_ERROR, `sortby[${i}]: unknown field "${s.field}"`);
		const dir = String(s.direction ?? 'asc').trim().toLowerCase();
		if (dir !== 'asc' && dir !== 'desc') throw new QueryError(LIST_ERROR, `sortby[${i}]: direction "${s.direction}"`);
		return { getter, sign: dir === 'desc' ? -1 : 1 };
	});
	return keys;
}

/** Reads one non-negative integer setting ("100" or 100). */
function intSetting(os, name) {
	const v = os[name];
	if (v === undefined || v === null || v === '') return 0;
	const s = String(v).trim();
	if (!/^-?\d+$/.test(s)) throw new QueryError(SETTINGS_ERROR, `${name} is not an integer`);
	const n = Number(s);
	return n < 0 ? 0 : n;
}

/** Parses othersettings into a normalised object. */
function readSettings(raw) {
	const os = parseJsonParam(raw, SETTINGS_ERROR);
	if (os === undefined) return { getstorevalue: 0, keyformat: 0, includearchive: true, recordstart: 0, recordend: 0, recordsperpage: 0, pagenum: 0 };
	if (!os || typeof os !== 'object' || Array.isArray(os)) throw new QueryError(SETTINGS_ERROR, 'othersettings is not a JSON object');
	const gsv = intSetting(os, 'getstorevalue');
	const kf = intSetting(os, 'keyformat');
	if (gsv > 1) throw new QueryError(SETTINGS_ERROR, 'getstorevalue must be 0 or 1');
	if (kf > 2) throw new QueryError(SETTINGS_ERROR, 'keyformat must be 0, 1 or 2');
	let includearchive = true;
	if (os.includearchive !== undefined && os.includearchive !== null && os.includearchive !== '') {
		const ia = String(os.includearchive).trim().toLowerCase();
		if (ia === '0' || ia === 'false') includearchive = false;
		else if (ia === '1' || ia === 'true') includearchive = true;
		else throw new QueryError(SETTINGS_ERROR, 'includearchive must be 0 or 1');
	}
	return {
		getstorevalue: gsv,
		keyformat: kf,
		includearchive,
		recordstart: intSetting(os, 'recordstart'),
		recordend: intSetting(os, 'recordend'),
		recordsperpage: intSetting(os, 'recordsperpage'),
		pagenum: intSetting(os, 'pagenum'),
	};
}

/**
 * The guide's paging priority. Returns 1-based inclusive positions {from, to} before the
 * 10,000 cap and the end of the data are applied.
 *  1. recordend > 0: recordstart..recordend (recordsperpage ignored)
 *  2. pagenum > 0 and recordsperpage > 0: page pagenum (recordstart/recordend ignored)
 *  3. recordsperpage > 0: recordstart..recordstart+recordsperpage-1
 *  4. recordstart > 0: recordstart..(up to 10,000 records)
 *  otherwise: 1..10,000
 */
function pageWindow(s) {
	if (s.recordend > 0) return { from: Math.max(1, s.recordstart), to: s.recordend };
	if (s.pagenum > 0 && s.recordsperpage > 0) {
		const from = (s.pagenum - 1) * s.recordsperpage + 1;
		return { from, to: from + s.recordsperpage - 1 };
	}
	if (s.recordsperpage > 0) {
		const from = Math.max(1, s.recordstart);
		return { from, to: from + s.recordsperpage - 1 };
	}
	if (s.recordstart > 0) return { from: s.recordstart, to: s.recordstart + MAX_RECORDS - 1 };
	return { from: 1, to: MAX_RECORDS };
}

/**
 * Runs a list query. rows: the candidate rows in default order. resolve(ref) -> getter(row).
 * Returns { rows: page rows, message: {recordfrom, recordto, recordcount, allcount}, settings }.
 */
function runList({ rows, resolve, criteria, sortby, othersettings, isArchived }) {
	const settings = readSettings(othersettings);
	const pred = compileCriteria(parseJsonParam(criteria, LIST_ERROR), resolve);
	const sortKeys = compileSort(parseJsonParam(sortby, LIST_ERROR), resolve);
	let matched = rows;
	if (!settings.includearchive && isArchived) matched = matched.filter((r) => !isArchived(r));
	if (pred) {
		// Term by term, as a database narrows by its first condition: the later terms of a
		// conjunction see only the rows the earlier ones kept, not every row.
		for (const term of pred.terms ?? [pred]) matched = matched.filter(term);
	} else if (matched === rows) {
		matched = rows.slice();
	}
	if (sortKeys) {
		const sortKey = (v) => {
			const s = v === null || v === undefined ? '' : String(v);
			return { n: isNumeric(s) ? Number(s) : null, s: s.toLowerCase() };
		};
		const decorated = matched.map((r, i) => ({ r, i, k: sortKeys.map((k) => sortKey(k.getter(r))) }));
		decorated.sort((a, b) => {
			for (let j = 0; j < sortKeys.length; j++) {
				const x = a.k[j];
				const y = b.k[j];
				let c;
				if (x.n !== null && y.n !== null) c = x.n - y.n;
				else c = x.s < y.s ? -1 : x.s > y.s ? 1 : 0;
				if (c !== 0) return c * sortKeys[j].sign;
			}
			return a.i - b.i; // ties keep the default order (record ID ascending)
		});
		matched = decorated.map((d) => d.r);
	}
	const allcount = matched.length;
	const w = pageWindow(settings);
	const from = w.from;
	const to = Math.min(w.to, from + MAX_RECORDS - 1, allcount);
	let page = [];
	if (from <= to) page = matched.slice(from - 1, to);
	const message = page.length
		? { recordfrom: from, recordto: from + page.length - 1, recordcount: page.length, allcount }
		: { recordfrom: 0, recordto: 0, recordcount: 0, allcount };
	return { rows: page, message, settings };
}

module.exports = {
	MAX_RECORDS, LIST_ERROR, SETTINGS_ERROR, QueryError, parseJsonParam, likeRegex,
	compileCriteria, compileSort, readSettings, pageWindow, runList, OPERATORS,
};
