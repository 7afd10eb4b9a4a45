#!/usr/bin/env node
'use strict';
/**
 * n8n's own checks of a community package, offline (`npm run test:n8n-checks`, part of `npm test`):
 *   - @n8n/scan-community-package's analysis. Its CLI only scans what is on the npm registry (it
 *     fetches the package, its provenance and the attested source), so this calls its analyser
 *     the way the CLI does after those downloads: `analyzePackage(source, SOURCE_FILE_PATTERNS)`
 *     on this repository and `analyzePackage(tarball, ['**\/*.js', 'package.json'])` on the
 *     packed tarball; and, to show the analyser does flag problems, on a package made to fail;
 *   - `n8n-node lint` from @n8n/node-cli, with the CLI's own default ESLint configuration, on a
 *     copy of the project (the project keeps its own eslint.config.mjs: see the README).
 * The tools are pinned and installed once into the n8n cache (scripts/lib/n8n-install.js).
 * Prints `checks: N passed, N failed` last; exits 1 on any failure.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert/strict');
const { spawnSync } = require('child_process');
const { pathToFileURL } = require('url');

const { ensureCheckTools, CHECK_TOOLS } = require('../../scripts/lib/n8n-install');
const { REPO } = require('../../scripts/lib/n8n-instance');
const { Reporter } = require('../e2e/lib/reporter');
const { pack } = require('../e2e/lib/n8n-run');

const rep = new Reporter('checks');
const SKIP_IN_COPY = new Set(['node_modules', 'dist', '.git', 'coverage']);

function extract(tgz, dest) {
	fs.mkdirSync(dest, { recursive: true });
	const r = spawnSync('tar', ['-xzf', tgz, '-C', dest, '--strip-components=1'], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`tar -xzf ${tgz}: ${r.stderr}`);
	return dest;
}

/** A package the scanner must refuse: a console call and a child process in its code. */
function badPackage(dir) {
	fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'n8n-nodes-scanner-self-test', version: '1.0.0', keywords: ['n8n-community-node-package'], n8n: { n8nNodesApiVersion: 1, nodes: ['dist/Bad.node.js'] } }, null, 2),
	);
	fs.writeFileSync(path.join(dir, 'dist', 'Bad.node.js'), "const cp = require('child_process');\nconsole.log(cp.execSync('id').toString());\nmodule.exports = {};\n");
	return dir;
}

function describeResult(r) {
	return [r.message, r.details].filter(Boolean).join('\n');
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'smartsimple-checks-'));
	try {
		const tools = await rep.check('', `n8n's check tools are installed (cache): ${Object.entries(CHECK_TOOLS).map(([p, v]) => `${p}@${v}`).join(', ')}`, () => ensureCheckTools());
		const tgz = await rep.check('', 'npm pack makes the tarball to scan', () => pack(work));
		if (!tools || !tgz) return;
		const modules = path.join(tools, 'node_modules');
		// the scanner makes a temp folder when loaded; its `tmp` removes it at exit only when asked
		require(path.join(modules, 'tmp')).setGracefulCleanup();
		const scanner = await import(pathToFileURL(path.join(modules, '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs')).href);

		await rep.check('', '@n8n/scan-community-package: the packed tarball passes (compiled JS and package.json, as the scanner lints the published package)', async () => {
			const dir = extract(tgz, path.join(work, 'package'));
			const r = await scanner.analyzePackage(dir, ['**/*.js', 'package.json']);
			assert.ok(r.passed, describeResult(r));
			return `${fs.readdirSync(dir).join(', ')}`;
		});

		await rep.check('', '@n8n/scan-community-package: the source passes (as the scanner lints the source a provenance statement names)', async () => {
			const r = await scanner.analyzePackage(REPO, scanner.SOURCE_FILE_PATTERNS);
			assert.ok(r.passed, describeResult(r));
			return scanner.SOURCE_FILE_PATTERNS.join(' ');
		});

		await rep.check('', '@n8n/scan-community-package: a package with a console call and child_process fails the same analysis', async () => {
			const r = await scanner.analyzePackage(badPackage(path.join(work, 'bad')), ['**/*.js', 'package.json']);
			assert.equal(r.passed, false, 'the analyser passed a package it must refuse');
			const rules = [...new Set([...String(r.details).matchAll(/\s((?:@n8n\/community-nodes|n8n-nodes-base)\/[\w-]+|no-console)\s*$/gm)].map((m) => m[1]))];
			assert.ok(rules.length > 0, `no rule named in:\n${r.details}`);
			return `refused by ${rules.join(', ')}`;
		});

		await rep.check('', 'n8n-node lint (@n8n/node-cli, its default ESLint configuration) passes on the project', async () => {
			const copy = path.join(work, 'project');
			fs.cpSync(REPO, copy, { recursive: true, filter: (src) => !SKIP_IN_COPY.has(path.basename(src)) && !src.endsWith('.tgz') });
			const template = path.join(modules, '@n8n', 'node-cli', 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs');
			fs.copyFileSync(template, path.join(copy, 'eslint.config.mjs'));
			fs.symlinkSync(modules, path.join(copy, 'node_modules'), 'dir');
			const r = spawnSync(process.execPath, [path.join(modules, '@n8n', 'node-cli', 'bin', 'n8n-node.mjs'), 'lint'], {
				cwd: copy,
				encoding: 'utf8',
				env: { ...process.env, CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
				timeout: 300000,
			});
			const out = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
			assert.equal(r.status, 0, `n8n-node lint exited ${r.status}:\n${out.slice(-4000)}`);
			const summary = /✖ (\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(out);
			return summary ? `${summary[2]} errors, ${summary[3]} warnings` : '0 problems';
		});
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main()
	.catch((e) => rep.fail('', 'checks runner', e))
	.finally(() => {
		process.stdout.write(rep.summary());
		process.exitCode = rep.failed > 0 || rep.passed === 0 ? 1 : 0;
	});
