'use strict';
// npm run sandbox: serves on 127.0.0.1, prints URL, credentials and the functions table, answers
// calls, and stops cleanly on SIGTERM / SIGINT.

const { spawn } = require('child_process');
const path = require('path');
const { call } = require('./helpers');

function startCli(args) {
	const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	const ready = new Promise((resolve, reject) => {
		child.stdout.on('data', (d) => {
			out += d;
			if (out.includes('Controls:')) resolve();
		});
		child.on('exit', (code) => reject(new Error(`cli exited ${code}: ${out}`)));
	});
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return { child, ready, exited, output: () => out };
}

test.each(['SIGTERM', 'SIGINT'])('prints URL, credentials and functions, serves calls, stops on %s', async (signal) => {
	const cli = startCli(['--port', '0', '--records', 'small', '--hourly-limit', '7', '--seed', '3']);
	await cli.ready;
	const out = cli.output();
	const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)[1];
	const field = (label) => new RegExp(`${label}\\s+(\\S+)`).exec(out)[1];
	const sb = { url, credentials: { instanceUrl: url, alias: field('Alias'), companyId: field('Company ID'), username: field('API User Email'), password: field('Password') } };
	expect(out).toContain('Hourly limit: 7 calls per rolling hour');
	expect(out).toMatch(/levelone-list\s+levelone\s+list\s+sf_Name;;sf_Type/);
	expect(out).toMatch(/report-list\s+report\s+list\s+report: applications/);
	expect(out).toMatch(/company-delete\s+company\s+delete\s+\(none\)/);
	const r = await call(sb, 'sysvar', { apitoken: 'sysvar-list' });
	expect(r.json.records).toHaveLength(20);
	cli.child.kill(signal);
	const { code } = await cli.exited;
	expect(code).toBe(0);
	expect(cli.output()).toContain(`${signal}: stopping the sandbox`);
});

test('refuses an unknown option', async () => {
	const cli = startCli(['--colour', 'red']);
	await expect(cli.ready).rejects.toThrow(/cli exited 2/);
});
