'use strict';
// Fault injection. A fault is scoped by endpoint / action / token / version (all optional) and
// counts the calls in its scope: it lets `after` matching calls through, then fires `times`
// times (default: for ever). So { after: 2, times: 1 } fails the 3rd matching call only.
//
// A fault may add latency (delayMs) and/or replace the answer:
//   status      HTTP status (default 200)
//   body        'blank' (empty body), 'html' (an HTML error page), 'text' (the message as plain
//               text), 'reset' (the connection is dropped), or any other string sent verbatim
//   envelope    how the message is wrapped when body is not given: 'json' (default:
//               {"records":[],"message":"<msg>"}), 'text' (plain text), 'string' (a JSON string
//               "\"<msg>\""), 'object' ({"message":{"error":"<msg>"}})
//   message     the error message (default: the documented "Encountered error while
//               processing list" for list-like actions, "... record" otherwise)
//   headers     extra response headers
//   retryAfter  sets the Retry-After header (seconds, or an HTTP date string)
//   when        'before' (default): the fault replaces the call, which the server never acts
//               on (not counted against the hourly limit); 'after': the server handles the call
//               (a write is applied, the call is counted), then the fault delays, drops
//               (body 'reset') or replaces its answer: an answer lost after the server acted.
//               call.answered holds the status the server would have sent.
// A fault with only delayMs delays the call and lets it through (before the server acts with
// 'before', before the answer leaves with 'after').
// Examples: { status: 503, body: 'html', retryAfter: 0 } a gateway asking to retry at once;
// { body: 'reset' } a connection dropped before the server acts; { when: 'after', body: 'reset' }
// or { when: 'after', status: 500, body: 'html' } a write applied whose answer is lost;
// { delayMs: 2000 } with a 1 s client timeout, a slow answer past the timeout.

let nextId = 1;

function createFaults() {
	const faults = [];
	const api = {
		list: faults,
		add(spec = {}) {
			const f = { id: nextId++, ...spec, seen: 0, fired: 0 };
			f.after = Number(spec.after || 0);
			if (spec.times !== undefined && spec.times !== null) f.times = Number(spec.times);
			faults.push(f);
			return f;
		},
		remove(id) {
			const i = faults.findIndex((f) => f.id === id || f === id);
			if (i >= 0) faults.splice(i, 1);
		},
		clear() {
			faults.length = 0;
		},
		/** Counts the call against every fault in scope; returns the first one that fires. */
		match(call) {
			let hit = null;
			for (const f of faults) {
				if (f.endpoint && f.endpoint !== call.endpoint) continue;
				if (f.action && f.action !== call.action) continue;
				if (f.token && f.token !== call.token) continue;
				if (f.version && String(f.version) !== String(call.version)) continue;
				f.seen++;
				if (hit) continue;
				if (f.seen <= f.after) continue;
				if (f.times !== undefined && f.fired >= f.times) continue;
				f.fired++;
				hit = f;
			}
			return hit;
		},
	};
	return api;
}

const HTML_PAGE = (status) =>
	`<!DOCTYPE html>\n<html><head><title>${status} Error</title></head><body><h1>Service Unavailable</h1>` +
	'<p>The server is temporarily unable to service your request. Please try again later.</p></body></html>\n';

/** The answer a fault gives, or null when it only adds latency. */
function faultResponse(f, call) {
	const replaces =
		f.status !== undefined || f.body !== undefined || f.envelope !== undefined || f.message !== undefined || f.retryAfter !== undefined;
	if (!replaces) return null;
	const status = Number(f.status || 200);
	const listLike = ['list', 'listfiles', 'searchfiles', 'listassociations', 'listaddresses'].includes(call.action);
	const message = f.message || (listLike ? 'Encountered error while processing list' : 'Encountered error while processing record');
	const headers = { ...(f.headers || {}) };
	if (f.retryAfter !== undefined && f.retryAfter !== null) headers['Retry-After'] = String(f.retryAfter);
	let body;
	let type = 'text/html;charset=UTF-8';
	if (f.body === 'blank') body = '';
	else if (f.body === 'reset') return { reset: true };
	else if (f.body === 'html') body = HTML_PAGE(status);
	else if (f.body === 'text') {
		body = message;
		type = 'text/plain;charset=UTF-8';
	} else if (typeof f.body === 'string') body = f.body;
	else if (f.body !== undefined) body = JSON.stringify(f.body);
	else {
		switch (f.envelope || 'json') {
			case 'text':
				body = message;
				type = 'text/plain;charset=UTF-8';
				break;
			case 'string':
				body = JSON.stringify(message);
				break;
			case 'object':
				body = JSON.stringify({ message: { error: message } });
				break;
			default:
				body = JSON.stringify({ records: [], message });
		}
	}
	return { status, body, headers: { 'Content-Type': type, ...headers }, message };
}

module.exports = { createFaults, faultResponse };
