'use strict';
// Display versus stored values, and the shape of an output record (keyformat 0/1/2).

/**
 * How the instance displays dates (its locale settings). Stored values are always
 * `YYYY-MM-DD HH:MM:SS`; display values follow the locale: 'iso' (default) shows them as stored,
 * 'en-US' as `06/02/2025 09:00:07 AM`, 'en-GB' as `02/06/2025 09:00:07`. Date fields (no time)
 * show the date part only outside 'iso'.
 */
const DATE_LOCALES = ['iso', 'en-US', 'en-GB'];

function localDate(stored, locale, withTime) {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(String(stored));
	if (!m || locale === 'iso') return stored;
	const [, y, mo, d, h = '00', mi = '00', se = '00'] = m;
	const date = locale === 'en-US' ? `${mo}/${d}/${y}` : `${d}/${mo}/${y}`;
	if (!withTime) return date;
	if (locale === 'en-GB') return `${date} ${h}:${mi}:${se}`;
	const hour = Number(h) % 12 || 12;
	return `${date} ${String(hour).padStart(2, '0')}:${mi}:${se} ${Number(h) < 12 ? 'AM' : 'PM'}`;
}

function money(stored) {
	const s = String(stored).trim();
	if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
	const n = Number(s);
	const abs = Math.abs(n).toFixed(2);
	const [int, dec] = abs.split('.');
	return `${n < 0 ? '-' : ''}$${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

function optionCaption(field, stored) {
	const opts = field.options || {};
	const s = String(stored);
	if (s.startsWith(',') && s.endsWith(',') && s.length > 1) {
		// multi-select stored as ",1,2,"
		return s.split(',').filter(Boolean).map((k) => opts[k] ?? k).join(', ');
	}
	return opts[s] ?? s;
}

/** Stored value of a field on an internal row: string, '' for an empty standard field, null for an empty custom field. */
function storedValue(field, row, store, endpoint) {
	if (field.key === 'recordid') return String(row.recordid);
	if (field.type === 'upload') {
		const names = store.files(endpoint, row.recordid).filter((f) => f.fieldid === field.id).map((f) => f.filename);
		return names.length ? names.join(', ') : null;
	}
	const v = row[field.key];
	if (v === undefined || v === null) return field.kind === 'cf' ? null : '';
	return String(v);
}

function displayValue(field, stored, store) {
	if (stored === null || stored === '') return stored;
	switch (field.type) {
		case 'option':
			return optionCaption(field, stored);
		case 'money':
			return money(stored);
		case 'user':
			return store.userName(stored) ?? stored;
		case 'timestamp':
		case 'date':
			return localDate(stored, store.dateLocale ?? 'iso', field.type === 'timestamp');
		default:
			return stored;
	}
}

/** Output key of a field-list entry for keyformat 0 (as written), 1 (names) or 2 (custom field IDs). */
function outputKey(entry, keyformat) {
	const f = entry.field;
	if (!f || keyformat === 0) return entry.ref;
	if (keyformat === 2 && f.kind === 'cf') return `cf_${f.id}`;
	return f.key;
}

/** One output record: recordid first, then the function's field-list keys. */
function formatRecord({ endpoint, row, entries, settings, store }) {
	const out = { recordid: String(row.recordid) };
	for (const entry of entries) {
		const key = outputKey(entry, settings.keyformat);
		if (!entry.field) {
			out[key] = null;
			continue;
		}
		if (entry.field.key === 'recordid') continue;
		const stored = storedValue(entry.field, row, store, endpoint);
		out[key] = settings.getstorevalue === 1 ? stored : displayValue(entry.field, stored, store);
	}
	return out;
}

module.exports = { DATE_LOCALES, localDate, money, optionCaption, storedValue, displayValue, outputKey, formatRecord };
