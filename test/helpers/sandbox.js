'use strict';
/**
 * Sandbox set-up shared by the integration tests, so each test file states only its options:
 * the jest lifecycle of one sandbox, the node run against it, and views of its call log.
 *
 *   const { useSandbox, maskedCalls, ownFields } = require('../helpers/sandbox');
 *   const ctx = useSandbox({ seed: 42, records: 'small' });   // ctx.sb, ctx.run
 */
const { startSandbox } = require('../sandbox');
const { runNode } = require('./n8n');

/**
 * Registers the jest hooks of a sandbox and returns a context whose `sb` is the live sandbox.
 * Default: one sandbox for the whole file (beforeAll/afterAll), its call log and faults cleared
 * before each test, and its hourly call counter too with `resetHourly`.
 * `perTest`: a fresh sandbox for every test instead (for tests that change its data or config).
 * `ctx.run(parameters, extra)` runs the node with the sandbox's credentials.
 */
function useSandbox(options, { perTest = false, resetHourly = false } = {}) {
	const ctx = {};
	if (perTest) {
		beforeEach(async () => {
			ctx.sb = await startSandbox(options);
		});
		afterEach(async () => {
			await ctx.sb.close();
		});
	} else {
		beforeAll(async () => {
			ctx.sb = await startSandbox(options);
		});
		afterAll(async () => {
			await ctx.sb.close();
		});
		beforeEach(() => {
			ctx.sb.resetCalls();
			ctx.sb.faults.clear();
			if (resetHourly) ctx.sb.hourly.reset();
		});
	}
	ctx.run = (parameters, extra = {}) => runNode({ parameters, credentials: ctx.sb.credentials, ...extra });
	return ctx;
}

/**
 * The sandbox call log with the password masked: assertions print what they receive when they
 * fail, and the log must never show the password.
 */
function maskedCalls(sb) {
	return sb.calls.map((call) => ({
		...call,
		form: {
			...call.form,
			...(call.form.password === undefined
				? {}
				: { password: call.form.password === sb.credentials.password ? '<the password>' : '<another password>' }),
		},
	}));
}

/** The form fields a call carried beyond login, token and url. */
function ownFields(call) {
	const { apitoken, url, username, password, companyid, alias, ...rest } = call.form;
	return rest;
}

module.exports = { useSandbox, maskedCalls, ownFields };
