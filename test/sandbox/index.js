'use strict';
// startSandbox(): a local SmartConnect simulator on 127.0.0.1. See README.md and
// docs/ARCHITECTURE.md ("Sandbox API") for the contract.

const { createClock, DEFAULT_START } = require('./clock');
const { createStore } = require('./store');
const { createFaults } = require('./faults');
const { createHourlyLimit } = require('./hourly');
const { loadDefaultFunctions, buildFunctions, publicFunction } = require('./functions');
const { createServer } = require('./server');

const DEFAULT_CREDENTIALS = {
	alias: 'sandbox',
	companyId: '1000000',
	username: 'api.user@sandbox.example.org',
	password: 'Sandbox-API-Pa55!',
};
/** A valid, active user whose account type is not API Access (the 401 "not an API user" case). */
const NON_API_USER = { username: 'staff.user@sandbox.example.org', password: 'Sandbox-API-Pa55!' };

/**
 * @param {object} [options]
 * @param {number} [options.port=0]            0 picks a free port
 * @param {string} [options.host='127.0.0.1']
 * @param {number} [options.seed=42]           seed of the generated data
 * @param {'full'|'small'|object} [options.records='full']  data size (or counts per endpoint)
 * @param {number} [options.hourlyLimit=1000]  calls allowed per rolling hour (sandbox clock)
 * @param {string|Date} [options.now]          clock start (default 2025-06-02 09:00:00)
 * @param {boolean} [options.clockRunning=false] let the clock tick with real time
 * @param {object[]} [options.functions]       extra functions; same token replaces a default
 * @param {boolean} [options.defaultFunctions=true]
 * @param {object} [options.credentials]       override alias/companyId/username/password
 * @param {string} [options.contentType]       Content-Type of JSON answers (default text/html;charset=UTF-8)
 * @param {'iso'|'en-US'|'en-GB'} [options.dateLocale='iso'] how display values show dates (stored values stay YYYY-MM-DD HH:MM:SS)
 * @param {boolean} [options.quiet=true]
 */
async function startSandbox(options = {}) {
	const opts = {
		port: 0,
		host: '127.0.0.1',
		seed: 42,
		records: 'full',
		hourlyLimit: 1000,
		now: DEFAULT_START,
		clockRunning: false,
		functions: [],
		defaultFunctions: true,
		contentType: 'text/html;charset=UTF-8',
		quiet: true,
		dateLocale: 'iso',
		...options,
	};
	const clock = createClock({ start: opts.now, running: opts.clockRunning });
	const store = createStore({ seed: opts.seed, records: opts.records, clock });
	store.dateLocale = opts.dateLocale;
	const fnList = [...(opts.defaultFunctions ? loadDefaultFunctions() : [])];
	for (const f of opts.functions || []) {
		const i = fnList.findIndex((x) => x.token === f.token);
		if (i >= 0) fnList[i] = f;
		else fnList.push(f);
	}
	const functionMap = buildFunctions(fnList, store.schema);
	const creds = { ...DEFAULT_CREDENTIALS, ...(opts.credentials || {}) };

	const sb = {
		options: opts,
		url: '',
		credentials: null,
		nonApiUser: { ...NON_API_USER, password: creds.password },
		accounts: [
			{ username: creds.username, password: creds.password, api: true },
			{ username: NON_API_USER.username, password: creds.password, api: false },
		],
		functionMap,
		functions: [...functionMap.values()].map(publicFunction),
		calls: [],
		clock,
		store,
		faults: createFaults(),
		hourly: createHourlyLimit({ limit: opts.hourlyLimit, clock }),
		hooks: [],
		resetCalls() {
			sb.calls.length = 0;
		},
		/** Registers a hook run before each list call is answered; returns a function that removes it. */
		onRequest(fn) {
			if (fn === null || fn === undefined) {
				sb.hooks.length = 0;
				return () => {};
			}
			sb.hooks.push(fn);
			return () => {
				const i = sb.hooks.indexOf(fn);
				if (i >= 0) sb.hooks.splice(i, 1);
			};
		},
		/** The function of a token (with parsed field-list entries). */
		fn: (token) => functionMap.get(token),
		async close() {
			await new Promise((resolve) => {
				server.close(() => resolve());
				if (server.closeAllConnections) server.closeAllConnections();
			});
		},
	};
	const server = createServer(sb);
	sb.server = server;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, opts.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address();
	sb.port = port;
	sb.url = `http://${opts.host}:${port}`;
	sb.credentials = { instanceUrl: sb.url, ...creds };
	return sb;
}

module.exports = { startSandbox, DEFAULT_CREDENTIALS, NON_API_USER };
