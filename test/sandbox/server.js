'use strict';
// HTTP routing, form parsing, authentication, the hourly limit, the error envelope, the call log
// and the /__sandbox/ control routes.

const http = require('http');
const { handlers, EMPTY_REQUEST, RECORD_ERROR } = require('./actions');
const { QueryError } = require('./query');
const { StoreError } = require('./store');
const { faultResponse } = require('./faults');
const { LIMIT_MESSAGE } = require('./hourly');
const { ENDPOINTS } = require('./schema');
const { publicFunction } = require('./functions');

const INVALID_TOKEN = 'Invalid API Token';
const JSON_PARAMS = ['criteria', 'sortby', 'othersettings', 'jsonrset'];
const UNAUTHORIZED_HTML =
	'<!DOCTYPE html>\n<html><head><title>401 Unauthorized</title></head><body><h1>HTTP Status 401 - Unauthorized</h1>' +
	'<p>This request requires HTTP authentication.</p></body></html>\n';

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * Form fields from the query string and the body (url-encoded, or the text parts of a
 * multipart/form-data body); the body wins. File parts of a multipart body come back as `files`.
 */
function readForm(url, body, contentType) {
	const form = {};
	const files = [];
	for (const [k, v] of url.searchParams) if (!(k in form)) form[k] = v;
	const ct = String(contentType || '').toLowerCase();
	const seen = new Set();
	const put = (k, v) => {
		if (seen.has(k)) return; // the first value of a repeated name counts
		seen.add(k);
		form[k] = v;
	};
	if (ct.startsWith('multipart/form-data')) {
		for (const part of parseMultipart(body, contentType)) {
			if (part.filename !== undefined) files.push(part);
			else if (part.name) put(part.name, part.data.toString('utf8'));
		}
		return { form, files };
	}
	const text = body.toString('utf8');
	if (text && (ct === '' || ct.includes('application/x-www-form-urlencoded') || ct.startsWith('text/plain'))) {
		for (const [k, v] of new URLSearchParams(text)) put(k, v);
	}
	return { form, files };
}

/**
 * The parts of a multipart/form-data body (RFC 7578): { name, filename?, contentType?, data }.
 * File names arrive as browsers send them: UTF-8 in quotes, with `"`, CR and LF as %22, %0D, %0A
 * (`filename*=UTF-8''...` is read too). A body that does not parse gives no parts.
 */
function parseMultipart(body, contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(String(contentType));
	if (!m) return [];
	const delimiter = Buffer.from(`--${m[1] || m[2]}`);
	const parts = [];
	let at = body.indexOf(delimiter);
	while (at !== -1) {
		const start = at + delimiter.length;
		if (body.subarray(start, start + 2).toString('latin1') === '--') break; // closing delimiter
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
		if (next === -1) break;
		const part = body.subarray(start + 2, next); // after the CRLF that ends the delimiter line
		const headEnd = part.indexOf('\r\n\r\n');
		if (headEnd === -1) break;
		const headers = {};
		for (const line of part.subarray(0, headEnd).toString('utf8').split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const disposition = headers['content-disposition'] || '';
		const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition);
		const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
		const quoted = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition);
		const filename = extended
			? decodeURIComponent(extended[1])
			: quoted
				? quoted[1].replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n')
				: undefined;
		parts.push({ name: name ? name[1] : undefined, filename, contentType: headers['content-type'], data: part.subarray(headEnd + 4) });
		at = next + 2;
	}
	return parts;
}

function parseJsonFields(form) {
	const parsed = {};
	for (const k of JSON_PARAMS) {
		if (form[k] === undefined) continue;
		try {
			parsed[k] = form[k].trim() === '' ? undefined : JSON.parse(form[k]);
		} catch (e) {
			parsed[k] = { invalidJson: form[k] };
		}
	}
	return parsed;
}

function createServer(sb) {
	const send = async (res, call, status, body, headers = {}) => {
		const fault = call.afterFault;
		if (fault) {
			// The call was handled (a write is applied): now its answer is delayed, lost or replaced.
			call.afterFault = undefined;
			call.answered = status;
			if (fault.delayMs) await new Promise((r) => setTimeout(r, Number(fault.delayMs)));
			const answer = faultResponse(fault, call);
			if (answer && answer.reset) {
				call.status = 0;
				res.socket.destroy();
				return;
			}
			if (answer) ({ status, body, headers } = answer);
		}
		call.status = status;
		const buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
		res.writeHead(status, { 'Content-Length': buf.length, ...headers });
		res.end(buf);
	};
	const sendJson = (res, call, value, status = 200) =>
		send(res, call, status, JSON.stringify(value), { 'Content-Type': sb.options.contentType });
	const sendError = (res, call, message) => {
		call.error = message;
		sendJson(res, call, { records: [], message });
	};

	/** 401 for a login the instance refuses; the cause goes to the call log only. */
	function checkLogin(form) {
		const c = sb.credentials;
		const user = String(form.username || '').trim().toLowerCase();
		const account = sb.accounts.find((a) => a.username.toLowerCase() === user);
		if (!account || form.password !== account.password) return 'invalid credentials';
		if (!account.api) return 'user account type is not API Access';
		if (String(form.companyid || '').trim() !== c.companyId) return 'companyid is not the root company';
		if (String(form.alias || '').trim() !== c.alias) return 'alias does not match the instance';
		return null;
	}

	async function handleApi(req, res, url, m) {
		const body = req.method === 'GET' || req.method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
		const { form, files } = readForm(url, body, req.headers['content-type']);
		const token = form.apitoken;
		const fn = token ? sb.functionMap.get(token) : undefined;
		const call = {
			seq: sb.calls.length + 1,
			time: sb.clock.timestamp(),
			method: req.method,
			path: url.pathname,
			version: m[1],
			endpoint: m[2],
			token: token ?? null,
			action: fn ? fn.action : null,
			url: form.url ?? null,
			// the query string alone (uploads carry every parameter there) and the file parts
			query: Object.fromEntries(url.searchParams),
			contentType: req.headers['content-type'] ?? null,
			form,
			files,
			parsed: parseJsonFields(form),
			status: null,
			counted: false,
		};
		sb.calls.push(call);
		// How long the sandbox took to answer (the benchmark tells it apart from the client's time).
		const started = process.hrtime.bigint();
		res.once('finish', () => (call.answerMs = Number(process.hrtime.bigint() - started) / 1e6));

		const fault = sb.faults.match(call);
		if (fault && fault.when === 'after') {
			call.fault = fault.id;
			call.afterFault = fault;
		} else if (fault) {
			call.fault = fault.id;
			if (fault.delayMs) await new Promise((r) => setTimeout(r, Number(fault.delayMs)));
			const answer = faultResponse(fault, call);
			if (answer) {
				if (answer.reset) {
					call.status = 0;
					req.socket.destroy();
					return;
				}
				if (answer.message && fault.body !== 'blank' && fault.body !== 'html') call.error = answer.message;
				return send(res, call, answer.status, answer.body, answer.headers);
			}
		}

		if (!['1', '2'].includes(m[1]) || !ENDPOINTS.includes(m[2])) {
			return send(res, call, 200, '', { 'Content-Type': sb.options.contentType }); // wrong endpoint: blank
		}
		const refused = checkLogin(form);
		if (refused) {
			call.error = `401: ${refused}`;
			return send(res, call, 401, UNAUTHORIZED_HTML, { 'Content-Type': 'text/html;charset=UTF-8' });
		}
		if (!sb.hourly.allows()) return sendError(res, call, LIMIT_MESSAGE);
		sb.hourly.record();
		call.counted = true;
		if (!token || !String(token).trim() || form.url === undefined || String(form.url).trim() === '') return sendError(res, call, EMPTY_REQUEST);
		if (!fn) return sendError(res, call, INVALID_TOKEN);
		if (fn.endpoint !== m[2]) return send(res, call, 200, '', { 'Content-Type': sb.options.contentType }); // token of another record type

		const ctx = { fn, endpoint: fn.endpoint, version: m[1], def: sb.store.schema[fn.endpoint], form, files, parsed: call.parsed, store: sb.store, clock: sb.clock, call, sandbox: sb };
		try {
			if (fn.action === 'list') {
				for (const hook of sb.hooks.slice()) await hook({ endpoint: fn.endpoint, action: fn.action, token, form, parsed: call.parsed, call, store: sb.store, clock: sb.clock, sandbox: sb });
			}
			const out = await handlers[fn.action](ctx);
			if (out.blank) return send(res, call, 200, '', { 'Content-Type': sb.options.contentType });
			if (out.error) return sendError(res, call, out.error);
			if (out.raw) return send(res, call, 200, out.raw, out.headers);
			return sendJson(res, call, out.json);
		} catch (e) {
			if (e instanceof QueryError) {
				call.detail = e.detail;
				return sendError(res, call, e.message);
			}
			if (e instanceof StoreError) {
				call.detail = e.message;
				return sendError(res, call, RECORD_ERROR);
			}
			throw e;
		}
	}

	// ---------------------------------------------------------------- /__sandbox/ control routes
	async function handleControl(req, res, url) {
		const body = await readBody(req);
		let data = {};
		if (body.length) {
			try {
				data = JSON.parse(body.toString('utf8'));
			} catch {
				return reply(res, 400, { error: 'body must be JSON' });
			}
		}
		const p = url.pathname.replace(/\/+$/, '');
		const method = req.method;
		if (p === '/__sandbox/health') return reply(res, 200, { ok: true });
		if (p === '/__sandbox/info' && method === 'GET') {
			return reply(res, 200, { url: sb.url, credentials: sb.credentials, functions: sb.functions, hourlyLimit: sb.hourly.limit, now: sb.clock.timestamp() });
		}
		if (p === '/__sandbox/functions' && method === 'GET') return reply(res, 200, sb.functions);
		if (p === '/__sandbox/calls' && method === 'GET') return reply(res, 200, sb.calls);
		if (p === '/__sandbox/reset-calls' && method === 'POST') {
			sb.resetCalls();
			return reply(res, 200, { ok: true });
		}
		if (p === '/__sandbox/clock') {
			if (method === 'POST') {
				if (data.set !== undefined) sb.clock.set(data.set);
				if (data.advance !== undefined) sb.clock.advance(Number(data.advance));
			}
			return reply(res, 200, { now: sb.clock.timestamp() });
		}
		if (p === '/__sandbox/faults') {
			if (method === 'POST') return reply(res, 200, sb.faults.add(data));
			if (method === 'DELETE') {
				sb.faults.clear();
				return reply(res, 200, { ok: true });
			}
			return reply(res, 200, sb.faults.list);
		}
		if (p === '/__sandbox/display') {
			if (method === 'POST' && data.dateLocale !== undefined) {
				try {
					sb.store.dateLocale = data.dateLocale;
				} catch (e) {
					return reply(res, 400, { error: e.message });
				}
			}
			return reply(res, 200, { dateLocale: sb.store.dateLocale });
		}
		if (p === '/__sandbox/limit') {
			if (method === 'POST') {
				if (data.hourlyLimit !== undefined) sb.hourly.limit = Number(data.hourlyLimit);
				if (data.reset) sb.hourly.reset();
			}
			return reply(res, 200, { hourlyLimit: sb.hourly.limit, count: sb.hourly.count() });
		}
		const rm = /^\/__sandbox\/records\/([a-z]+)(?:\/(\d+))?$/.exec(p);
		if (rm && sb.store.endpoints.includes(rm[1])) {
			const ep = rm[1];
			try {
				if (method === 'GET' && rm[2]) {
					const r = sb.store.get(ep, rm[2]);
					return r ? reply(res, 200, r) : reply(res, 404, { error: 'no such record' });
				}
				if (method === 'DELETE' && rm[2]) return reply(res, 200, { deleted: sb.store.remove(ep, rm[2]) });
				if (method === 'POST') {
					const id = rm[2] || (data.recordid != null && String(data.recordid) !== '0' ? String(data.recordid) : null);
					// `at`: a late commit, stamped at that (earlier) time but visible from now on.
					const stamp = { at: data.at };
					const rec = id ? sb.store.update(ep, id, data.fields || {}, stamp) : sb.store.create(ep, data.fields || {}, stamp);
					return reply(res, 200, rec);
				}
			} catch (e) {
				return reply(res, 400, { error: e.message });
			}
		}
		return reply(res, 404, { error: `no sandbox route ${method} ${url.pathname}` });
	}

	function reply(res, status, value) {
		const buf = Buffer.from(JSON.stringify(value), 'utf8');
		res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': buf.length });
		res.end(buf);
	}

	return http.createServer((req, res) => {
		const url = new URL(req.url, 'http://sandbox.local');
		const done = (e) => {
			// eslint-disable-next-line no-console
			if (!sb.options.quiet) console.error('[sandbox] internal error:', e);
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(`sandbox internal error: ${e.message}`);
			}
		};
		if (url.pathname.startsWith('/__sandbox/') || url.pathname === '/__sandbox') return handleControl(req, res, url).catch(done);
		const m = /^\/API\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
		if (m) return handleApi(req, res, url, m).catch(done);
		res.writeHead(404, { 'Content-Type': 'text/html;charset=UTF-8' });
		res.end('<html><body><h1>404 Not Found</h1></body></html>');
	});
}

module.exports = { createServer, parseMultipart, INVALID_TOKEN, UNAUTHORIZED_HTML };
