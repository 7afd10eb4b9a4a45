'use strict';
// What `npm publish` would upload: the packed file list (`npm pack --dry-run --json`, after
// `npm run build`) holds the built package and its papers, nothing of the repository's tests,
// sandbox, docs or screenshots, no source maps, declarations or build state, and no file names
// a path of the machine it was built on.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

function packList() {
	const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm pack --dry-run failed:\n${r.stderr}`);
	return JSON.parse(r.stdout)[0];
}

describe('the published tarball', () => {
	let packed;
	let files;
	beforeAll(() => {
		if (!fs.existsSync(path.join(REPO, 'dist', 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
		packed = packList();
		files = packed.files.map((f) => f.path).sort();
		process.stdout.write(
			`\npackage: ${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked\n`,
		);
	});

	test('holds only dist/ (compiled JavaScript, node codex JSON, icons), README.md, LICENSE, package.json and the main entry', () => {
		// npm always packs package.json's "main" (index.js, kept as the package's entry point)
		const papers = ['LICENSE', 'README.md', 'package.json', pkg.main].filter(Boolean);
		const stray = files.filter((f) => !papers.includes(f) && !/^dist\/.+\.(js|node\.json|svg|png)$/.test(f));
		expect(stray).toEqual([]);
		for (const f of ['LICENSE', 'README.md', 'package.json']) expect(files).toContain(f);
	});

	test('carries no tests, sandbox, docs, screenshots, examples, source maps, declarations or build state', () => {
		const forbidden = files.filter((f) => /(^|\/)(test|tests|sandbox|docs|examples|scripts|screenshots|node_modules)\//.test(f) || /\.(map|d\.ts|ts|tsbuildinfo|tgz|log)$/.test(f));
		expect(forbidden).toEqual([]);
	});

	test('carries every node, credential and icon that package.json and the nodes name', () => {
		for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(f);
		const icons = [];
		for (const f of files.filter((x) => /\.(node|credentials)\.js$/.test(x))) {
			for (const m of fs.readFileSync(path.join(REPO, f), 'utf8').matchAll(/file:([\w.-]+\.(?:svg|png))/g)) icons.push(path.posix.join(path.posix.dirname(f), m[1]));
		}
		expect(icons.length).toBeGreaterThan(0);
		for (const icon of icons) expect(files).toContain(icon);
	});

	test('no packed file names a path of the machine it was built on', () => {
		const leaks = files.filter((f) => {
			const text = fs.readFileSync(path.join(REPO, f), 'utf8');
			return text.includes(REPO) || /sourceMappingURL/.test(text) || /\/(root|home)\/[\w.-]+\//.test(text);
		});
		expect(leaks).toEqual([]);
	});
});
