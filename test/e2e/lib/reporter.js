'use strict';
/** A tiny reporter: named checks, one line each, and the closing `<label>: N passed, N failed` line. */
class Reporter {
	/** @param {string} [label] the suite's one-word name, at the start of each line and of the closing line */
	constructor(label = 'e2e') {
		this.label = label;
		this.results = [];
		this.t0 = Date.now();
	}

	elapsed() {
		return `${((Date.now() - this.t0) / 1000).toFixed(1)}s`;
	}

	log(prefix, msg) {
		process.stdout.write(`[${this.label} ${this.elapsed()}]${prefix ? ` [${prefix}]` : ''} ${msg}\n`);
	}

	/** Runs one check; a thrown error fails it. Never throws itself. Returns the check's value. */
	async check(prefix, name, fn) {
		const started = Date.now();
		try {
			const value = await fn();
			const ms = Date.now() - started;
			this.results.push({ prefix, name, ok: true, ms });
			// a check may return what it measured or saw, as text or as { detail }
			const detail = typeof value === 'string' ? value : value && typeof value.detail === 'string' ? value.detail : '';
			this.log(prefix, `PASS ${name} (${(ms / 1000).toFixed(1)}s)${detail ? `: ${detail}` : ''}`);
			return value;
		} catch (e) {
			const ms = Date.now() - started;
			this.results.push({ prefix, name, ok: false, ms, error: e });
			this.log(prefix, `FAIL ${name} (${(ms / 1000).toFixed(1)}s)\n${indent(e && e.stack ? e.stack : String(e))}`);
			return undefined;
		}
	}

	fail(prefix, name, error) {
		this.results.push({ prefix, name, ok: false, ms: 0, error });
		this.log(prefix, `FAIL ${name}\n${indent(error && error.stack ? error.stack : String(error))}`);
	}

	get passed() {
		return this.results.filter((r) => r.ok).length;
	}

	get failed() {
		return this.results.filter((r) => !r.ok).length;
	}

	summary() {
		const byPrefix = new Map();
		for (const r of this.results) {
			const s = byPrefix.get(r.prefix) || { passed: 0, failed: 0 };
			r.ok ? s.passed++ : s.failed++;
			byPrefix.set(r.prefix, s);
		}
		const lines = ['', `${this.label} results after ${this.elapsed()}:`];
		for (const [p, s] of byPrefix) lines.push(`  ${p || 'general'}: ${s.passed} passed, ${s.failed} failed`);
		const failed = this.results.filter((r) => !r.ok);
		if (failed.length) {
			lines.push('  failures:');
			for (const r of failed) lines.push(`    [${r.prefix}] ${r.name}: ${firstLine(r.error)}`);
		}
		lines.push(`${this.label}: ${this.passed} passed, ${this.failed} failed`);
		return lines.join('\n') + '\n';
	}
}

function firstLine(e) {
	return String((e && e.message) || e).split('\n')[0].slice(0, 300);
}

function indent(text) {
	return String(text)
		.split('\n')
		.slice(0, 40)
		.map((l) => `      ${l}`)
		.join('\n');
}

module.exports = { Reporter };
