'use strict';
// The rolling hourly call limit, measured on the sandbox clock. A call is refused when `limit`
// calls were counted within the past hour; refused calls are not counted.

const HOUR = 3600000;
const LIMIT_MESSAGE = 'Number of API Calls within the hour have reached the maximum limit, please try again later';

function createHourlyLimit({ limit = 1000, clock }) {
	let stamps = [];
	const prune = () => {
		const cutoff = clock.ms() - HOUR;
		let i = 0;
		while (i < stamps.length && stamps[i] <= cutoff) i++;
		if (i) stamps = stamps.slice(i);
	};
	return {
		get limit() {
			return limit;
		},
		set limit(n) {
			limit = Number(n);
		},
		/** Calls counted within the past hour. */
		count() {
			prune();
			return stamps.length;
		},
		allows() {
			prune();
			return stamps.length < limit;
		},
		record() {
			stamps.push(clock.ms());
			stamps.sort((a, b) => a - b); // the clock may have been set back
		},
		reset() {
			stamps = [];
		},
	};
}

module.exports = { createHourlyLimit, LIMIT_MESSAGE, HOUR };
