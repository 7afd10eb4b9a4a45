'use strict';
// What the vendor added after the guide and hangs off records: notes (company, user, UTA
// records) and provider/consumer links between two UTA Level 1 or two Level 2 records. Both are
// generated lazily and deterministically from the seed, per store, like files and associations.

const { createRandom, hashInts } = require('./prng');

/** Provider/consumer roles (the vendor's sample uses role 82840 and the role name "Cycle"). */
const LINK_ROLES = { 82840: 'Cycle', 82841: 'Related Application', 82842: 'Agenda Item' };
const LINK_ENDPOINTS = ['levelone', 'leveltwo'];

const NOTE_TYPES = ['General', 'Phone Call', 'Meeting', 'Follow-up'];
const NOTE_TEXTS = [
	'Called the applicant about the budget narrative.',
	'Site visit booked for next month.',
	'Reviewer asked for the audited statements.',
	'Board approved the request in principle.',
	'Sent the reminder about the progress report.',
	'Résumé received; follow up on references.',
];

const state = new WeakMap(); // store -> { notes: Map, links: Map, nextNoteId, nextLinkId }

function stateOf(store) {
	let s = state.get(store);
	if (!s) {
		s = { notes: new Map(), links: new Map(), nextNoteId: 60000001, nextLinkId: 265000001 };
		state.set(store, s);
	}
	return s;
}

/** The notes of a record, oldest first: `{ noteid, objectid, notetype, note, createdby, createddate }`. */
function notesOf(store, ep, objectid) {
	const s = stateOf(store);
	const key = `${ep}:${Number(objectid)}`;
	if (!s.notes.has(key)) {
		const list = [];
		const row = store.row(ep, objectid);
		if (row) {
			const rnd = createRandom(hashInts(store.seed, 17, row.recordid));
			const count = rnd.range(0, 4);
			const stamp = row['sf_Created Date'] || row['sf_Modified Date'] || '2019-01-07 03:00:00';
			for (let k = 0; k < count; k++) {
				list.push({
					noteid: String(row.recordid * 10 + k),
					objectid: String(row.recordid),
					notetype: rnd.pick(NOTE_TYPES),
					note: rnd.pick(NOTE_TEXTS),
					createdby: store.userName(store.staffIds[rnd.int(store.staffIds.length)]) || 'Program Officer',
					createddate: stamp,
				});
			}
		}
		s.notes.set(key, list);
	}
	return s.notes.get(key);
}

/** Every provider/consumer link of a record type (about one per three seeded records). */
function linksOf(store, ep) {
	const s = stateOf(store);
	if (!s.links.has(ep)) {
		const rows = store.rows(ep);
		const list = [];
		for (const [i, row] of rows.entries()) {
			const rnd = createRandom(hashInts(store.seed, 19, row.recordid));
			if (rows.length < 2 || !rnd.chance(0.35)) continue;
			const other = rows[(i + 1 + rnd.int(rows.length - 1)) % rows.length];
			const roleid = rnd.pick(Object.keys(LINK_ROLES));
			list.push({ associationid: String(row.recordid * 10 + 7), providerid: String(row.recordid), consumerid: String(other.recordid), roleid });
		}
		s.links.set(ep, list);
	}
	return s.links.get(ep);
}

/** A link as listed: ids, role and both records' names. */
function linkView(store, ep, link) {
	return {
		associationid: link.associationid,
		providerid: link.providerid,
		providername: store.row(ep, link.providerid)?.sf_Name ?? '',
		consumerid: link.consumerid,
		consumername: store.row(ep, link.consumerid)?.sf_Name ?? '',
		roleid: link.roleid,
		rolename: LINK_ROLES[link.roleid] ?? '',
	};
}

const newLinkId = (store) => String(stateOf(store).nextLinkId++);

module.exports = { notesOf, linksOf, linkView, newLinkId, LINK_ROLES, LINK_ENDPOINTS };
