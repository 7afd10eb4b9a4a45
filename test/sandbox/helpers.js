'use strict';
// Test helpers: real loopback HTTP calls to a sandbox (axios, no response parsing).

const axios = require('axios');

/**
 * Posts a SmartConnect call. params: form fields (objects/arrays are sent as JSON text).
 * opts: { version = 1, method = 'POST', auth = true (add the sandbox credentials), creds, raw }
 */
async function call(sb, endpoint, params = {}, opts = {}) {
	const { version = 1, method = 'POST', auth = true } = opts;
	const path = `/API/${version}/${endpoint}/`;
	const form = {};
	if (auth) {
		const c = { ...sb.credentials, ...(opts.creds || {}) };
		Object.assign(form, { username: c.username, password: c.password, companyid: c.companyId, alias: c.alias });
	}
	if (opts.url !== false) form.url = `${sb.url}${path}`;
	for (const [k, v] of Object.entries(params)) {
		if (v === undefined) delete form[k];
		else form[k] = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
	}
	const body = new URLSearchParams(form).toString();
	const res = await axios({
		method,
		url: method === 'GET' ? `${sb.url}${path}?${body}` : `${sb.url}${path}`,
		data: method === 'GET' ? undefined : body,
		headers: method === 'GET' ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' },
		responseType: 'arraybuffer',
		transformResponse: (x) => x,
		validateStatus: () => true,
	});
	const buf = Buffer.from(res.data);
	const text = buf.toString('utf8');
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json, buf };
}

/** A list call returning { ids, records, message } (throws on a non-list answer). */
async function list(sb, endpoint, token, params = {}) {
	const r = await call(sb, endpoint, { apitoken: token, ...params });
	if (r.status !== 200 || !r.json || !Array.isArray(r.json.records)) throw new Error(`not a list answer: ${r.status} ${r.text.slice(0, 300)}`);
	return { ids: r.json.records.map((x) => x.recordid), records: r.json.records, message: r.json.message, res: r };
}

/** Record IDs 'from'..'to' (1-based, inclusive) of the rows in default order. */
function idsAt(rows, from, to) {
	return rows.slice(from - 1, to).map((r) => String(r.recordid));
}

module.exports = { call, list, idsAt };
