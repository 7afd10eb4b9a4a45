'use strict';
// The sandbox clock. Instance-local time with no zone: the clock keeps a millisecond count and
// formats it with UTC getters, so the host's time zone never matters. Frozen by default (tests
// move it with set/advance); `running: true` lets it tick with real time from its start point.

const pad = (n) => (n < 10 ? '0' + n : String(n));

function formatTimestamp(ms) {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Parses 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS', ISO strings, a Date or a number into ms. */
function toMs(value) {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value;
	const s = String(value).trim();
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
	if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
	const t = Date.parse(s);
	if (Number.isNaN(t)) throw new Error(`clock: cannot read time "${value}"`);
	return t;
}

const DEFAULT_START = '2025-06-02 09:00:00';

function createClock({ start = DEFAULT_START, running = false } = {}) {
	let base = toMs(start);
	let realAt = Date.now();
	const current = () => (running ? base + (Date.now() - realAt) : base);
	return {
		now: () => new Date(current()),
		ms: current,
		timestamp: () => formatTimestamp(current()),
		set(value) {
			base = toMs(value);
			realAt = Date.now();
			return this.now();
		},
		advance(ms) {
			base = current() + Number(ms);
			realAt = Date.now();
			return this.now();
		},
		get running() {
			return running;
		},
	};
}

module.exports = { createClock, formatTimestamp, toMs, DEFAULT_START };
