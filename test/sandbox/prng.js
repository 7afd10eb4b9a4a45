'use strict';
// Small deterministic PRNG (mulberry32) with helpers. Same seed, same sequence, on any machine.

function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Mixes several integers into one 32-bit seed (for per-record lazy generation). */
function hashInts(...ints) {
	let h = 2166136261 >>> 0;
	for (const n of ints) {
		let x = Number(n) >>> 0;
		for (let i = 0; i < 4; i++) {
			h ^= x & 0xff;
			h = Math.imul(h, 16777619) >>> 0;
			x >>>= 8;
		}
	}
	return h >>> 0;
}

/** Precomputes cumulative weights for rnd.weighted(). */
function weightTable(weights) {
	const keys = Object.keys(weights);
	const cum = [];
	let total = 0;
	for (const k of keys) {
		total += weights[k];
		cum.push(total);
	}
	return { keys, cum, total };
}

function createRandom(seed) {
	const next = mulberry32(seed);
	const r = {
		next,
		int: (n) => Math.floor(next() * n),
		range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
		pick: (arr) => arr[Math.floor(next() * arr.length)],
		chance: (p) => next() < p,
		/** Picks a key from a table made by weightTable({key: weight}) (or a plain {key: weight}). */
		weighted(table) {
			const t = table.cum ? table : weightTable(table);
			const x = next() * t.total;
			for (let i = 0; i < t.cum.length; i++) if (x < t.cum[i]) return t.keys[i];
			return t.keys[t.keys.length - 1];
		},
	};
	return r;
}

module.exports = { mulberry32, hashInts, createRandom, weightTable };
