'use strict';
/**
 * The benchmark's chart as a standalone SVG (no dependencies): per scenario, each contender's CPU
 * time and wall time relative to the in-n8n floor (b), which is the dashed line at 1.
 */
const COLOURS = { a: '#ea4b71', b: '#7a7a7a', c: '#3b82c4', d: '#e0a526' };
const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function chart(results, { CONTENDERS, subtitle }) {
	const bar = 13;
	const gap = 14;
	const labelWidth = 250;
	const panelWidth = 330;
	const panelGap = 40;
	const top = 92;
	const metrics = [
		['cpuMs', 'CPU time ÷ floor (b)'],
		['wallMs', 'Wall time ÷ floor (b)'],
	];
	const rows = results.map(({ scenario, figures }) => ({
		label: scenario.label,
		bars: Object.keys(figures).map((contender) => ({
			contender,
			values: metrics.map(([key]) => (figures.b ? figures[contender][key] / figures.b[key] : undefined)),
		})),
	}));
	const max = Math.max(2, ...rows.flatMap((row) => row.bars.flatMap((b) => b.values.filter(Number.isFinite))));
	const scaleMax = Math.ceil(max * 2) / 2;
	const height = top + rows.reduce((h, row) => h + row.bars.length * bar + gap, 0) + 40;
	const width = labelWidth + metrics.length * (panelWidth + panelGap);
	const x = (panel, value) => labelWidth + panel * (panelWidth + panelGap) + (value / scaleMax) * panelWidth;

	const out = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
		`<rect width="${width}" height="${height}" fill="#fff"/>`,
		`<text x="10" y="22" font-size="16" font-weight="bold">SmartSimple node vs what n8n itself costs (lower is better)</text>`,
		`<text x="10" y="40" font-size="10" fill="#555">${escape(subtitle)}</text>`,
	];
	let legendX = 10;
	for (const [contender, name] of Object.entries(CONTENDERS)) {
		out.push(`<rect x="${legendX}" y="52" width="12" height="12" fill="${COLOURS[contender]}"/>`);
		out.push(`<text x="${legendX + 16}" y="62">(${contender}) ${escape(name)}</text>`);
		legendX += 30 + name.length * 6.5;
	}
	metrics.forEach(([, title], panel) => {
		const left = x(panel, 0);
		out.push(`<text x="${left}" y="${top - 8}" font-weight="bold">${escape(title)}</text>`);
		for (let tick = 0; tick <= scaleMax; tick += 0.5) {
			const tx = x(panel, tick);
			out.push(`<line x1="${tx}" y1="${top}" x2="${tx}" y2="${height - 30}" stroke="#eee"/>`);
			out.push(`<text x="${tx}" y="${height - 16}" text-anchor="middle" fill="#555">${tick}×</text>`);
		}
		const one = x(panel, 1);
		out.push(`<line x1="${one}" y1="${top}" x2="${one}" y2="${height - 30}" stroke="#333" stroke-dasharray="4 3"/>`);
	});
	let y = top;
	for (const row of rows) {
		out.push(`<text x="${labelWidth - 8}" y="${y + (row.bars.length * bar) / 2 + 4}" text-anchor="end">${escape(row.label)}</text>`);
		for (const { contender, values } of row.bars) {
			values.forEach((value, panel) => {
				if (!Number.isFinite(value)) return;
				const width = Math.max(1, x(panel, value) - x(panel, 0));
				out.push(`<rect x="${x(panel, 0)}" y="${y}" width="${width.toFixed(1)}" height="${bar - 2}" fill="${COLOURS[contender]}"/>`);
				out.push(`<text x="${(x(panel, 0) + width + 4).toFixed(1)}" y="${y + bar - 3}" font-size="10">${value.toFixed(2)}</text>`);
			});
			y += bar;
		}
		y += gap;
	}
	out.push('</svg>');
	return `${out.join('\n')}\n`;
}

module.exports = { chart };
