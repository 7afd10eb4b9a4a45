'use strict';
// Files attached to records' upload fields: names, sizes and small text / PDF-like contents,
// all derived from (seed, record, field) so they are the same on every run.

const { createRandom, hashInts } = require('./prng');

const NAMES = {
	generic: ['Proposal.pdf', 'Budget.pdf', 'Board of Directors.txt', 'Financial Statements 2023.pdf', 'Letter of Support.pdf',
		'Logic Model.txt', 'Annual Report.pdf', 'Work Plan.txt', 'Photo Release.pdf', 'Audit Letter.pdf'],
	cf_Resume: ['Resume.pdf', 'CV.txt', 'Cover Letter.txt'],
	'cf_Budget File': ['Budget.pdf', 'Budget Detail.csv', 'Budget Narrative.txt'],
	'cf_Review Attachments': ['Review Notes.txt', 'Scoring Sheet.csv', 'Site Visit Report.pdf', 'Invoice.pdf', 'Receipt.pdf'],
	cf_Evidence: ['Evidence.txt', 'Milestone Photo Log.pdf', 'Deliverable Report.pdf'],
};
const KEYWORDS = ['sustainability', 'outreach', 'mentorship', 'watershed', 'literacy', 'capacity', 'equity', 'evaluation',
	'volunteers', 'partnership', 'infrastructure', 'nutrition'];

const CONTENT_TYPES = {
	pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8',
	doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
function contentType(filename) {
	const ext = String(filename).split('.').pop().toLowerCase();
	return CONTENT_TYPES[ext] || 'application/octet-stream';
}

function titleOf(row) {
	return row.sf_Name || row.sf_Subject || `${row['sf_First Name'] || ''} ${row['sf_Last Name'] || ''}`.trim() || String(row.recordid);
}

function buildContent(seed, file) {
	const rnd = createRandom(hashInts(seed, 13, Number(file.fileid)));
	const words = [rnd.pick(KEYWORDS), rnd.pick(KEYWORDS)];
	const lines = [
		`${file.filename.replace(/\.[^.]+$/, '')} for ${file.title}`,
		`Record ${file.objectid}, field ${file.fieldid}.`,
		`Keywords: ${words.join(', ')}.`,
		`Reference ${rnd.range(100000, 999999)}.`,
	];
	const ext = file.filename.split('.').pop().toLowerCase();
	if (ext === 'csv') return Buffer.from(`item,amount\nStaff,${rnd.range(1000, 90000)}\nMaterials,${rnd.range(100, 9000)}\n# ${lines.join(' ')}\n`, 'utf8');
	if (ext === 'pdf') {
		const text = lines.map((l) => `(${l.replace(/[()\\]/g, '\\$&')}) Tj T*`).join('\n');
		const stream = `BT /F1 12 Tf 72 720 Td 14 TL\n${text}\nET`;
		return Buffer.from(
			`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
			`3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n` +
			`4 0 obj << /Length ${Buffer.byteLength(stream)} >> stream\n${stream}\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
			'latin1',
		);
	}
	return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** The files of one seeded record: about a third of upload fields hold 1 to 3 files. */
function generateFiles({ seed, ep, row, fields }) {
	const out = [];
	for (const f of fields) {
		const rnd = createRandom(hashInts(seed, 5, row.recordid, Number(f.id)));
		if (!rnd.chance(0.35)) continue;
		const pool = (NAMES[f.key] || NAMES.generic).slice();
		const n = rnd.range(1, Math.min(3, pool.length));
		for (let k = 0; k < n; k++) {
			const filename = pool.splice(rnd.int(pool.length), 1)[0];
			const file = {
				fileid: String(row.recordid * 100 + (Number(f.id) % 10) * 10 + k),
				filename,
				filesize: '0',
				fieldid: f.id,
				objectid: String(row.recordid),
				uploaddate: row['sf_Created Date'] || '2019-01-07 03:00:00',
				title: titleOf(row),
				endpoint: ep,
			};
			file.filesize = String(buildContent(seed, file).length);
			out.push(file);
		}
	}
	return out;
}

function contentOf(seed, file) {
	if (file.content) return file.content;
	return buildContent(seed, file);
}

/** Public view of a file (what listfiles answers). */
function fileView(file) {
	return { fileid: file.fileid, filename: file.filename, filesize: file.filesize, fieldid: file.fieldid, objectid: file.objectid, uploaddate: file.uploaddate };
}

module.exports = { generateFiles, contentOf, contentType, fileView };
