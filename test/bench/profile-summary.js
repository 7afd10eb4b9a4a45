'use strict';
/**
 * Where a contender's CPU went, from a `node --cpu-prof` profile, counting only the samples of
 * the measured window (the contender prints it; the warm-up and module loading are left out).
 *
 *   node test/bench/profile-summary.js <file.cpuprofile> [fromUs toUs]
 *
 * Prints self time by area (our node, n8n-core, n8n-workflow, axios, Node internals, GC), the
 * functions with the most self time, and our node's functions by inclusive time (everything
 * below them on the stack).
 */
const fs = require('fs');

function areaOf(url) {
	if (!url) return 'V8 / native';
	if (/\/dist\/(nodes|credentials)\//.test(url)) return 'our node (dist/)';
	if (url.includes('/test/')) return 'harness / contender';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (pkg) return pkg[1];
	if (url.startsWith('node:')) return 'Node internals';
	return url;
}

/** `windows`: [[fromUs, toUs], ...] on the profile's clock (process.hrtime); all samples without. */
function summarise(file, windows) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

	const inWindow = (t) => !windows || windows.some(([from, to]) => t >= from && t <= to);
	const self = new Map();
	const inclusiveOurs = new Map();
	let time = profile.startTime;
	let total = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		time += profile.timeDeltas[i];
		const delta = profile.timeDeltas[i + 1] ?? 0;
		if (!inWindow(time)) continue;
		const node = byId.get(profile.samples[i]);
		if (node.callFrame.functionName === '(idle)') continue;
		total += delta;
		self.set(node.id, (self.get(node.id) ?? 0) + delta);
		const seen = new Set();
		for (let id = node.id; id !== undefined; id = parent.get(id)) {
			const { functionName, url, lineNumber } = byId.get(id).callFrame;
			if (areaOf(url) !== 'our node (dist/)') continue;
			const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/dist\//, '')}:${lineNumber + 1}`;
			if (seen.has(key)) continue;
			seen.add(key);
			inclusiveOurs.set(key, (inclusiveOurs.get(key) ?? 0) + delta);
		}
	}

	const areas = new Map();
	const functions = new Map();
	for (const [id, us] of self) {
		const { functionName, url, lineNumber } = byId.get(id).callFrame;
		const area = areaOf(url);
		areas.set(area, (areas.get(area) ?? 0) + us);
		const key = `${functionName || '(anonymous)'}  [${area}] ${url.replace(/^.*\/(node_modules|dist)\//, '')}:${lineNumber + 1}`;
		functions.set(key, (functions.get(key) ?? 0) + us);
	}
	const ms = (us) => (us / 1000).toFixed(1).padStart(8);
	const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
	const top = (map, n) => [...map].sort((x, y) => y[1] - x[1]).slice(0, n);
	const lines = [`sampled CPU in the measured window: ${(total / 1000).toFixed(0)} ms`, 'self time by area:'];
	for (const [area, us] of top(areas, 12)) lines.push(`${ms(us)} ms ${pct(us)}  ${area}`);
	lines.push('functions with the most self time:');
	for (const [key, us] of top(functions, 15)) lines.push(`${ms(us)} ms ${pct(us)}  ${key}`);
	lines.push("our node's functions by inclusive time:");
	for (const [key, us] of top(inclusiveOurs, 12)) lines.push(`${ms(us)} ms ${pct(us)}  ${key}`);
	return { total, areas: Object.fromEntries(areas), text: lines.join('\n') };
}

if (require.main === module) {
	const [file, from, to] = process.argv.slice(2);
	console.log(summarise(file, from ? [[Number(from), Number(to)]] : undefined).text);
}

module.exports = { summarise };
