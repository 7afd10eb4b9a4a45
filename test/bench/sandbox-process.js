'use strict';
/**
 * The benchmark's sandbox, run in its own process so that its CPU is never counted against a
 * contender: `node test/bench/sandbox-process.js '{"levelone":10000,"seed":42}'`. Prints one JSON
 * line `{ url, credentials, control }` when it listens; SIGTERM stops it.
 *
 * It is the ordinary sandbox (test/sandbox, unchanged) with two benchmark-only additions kept in
 * this file: the `levelone-list-wide` List function (31 keys per record, see below) and a control
 * port: `POST /touch {count}` edits `count` level-one records, one sandbox-clock second apart,
 * so that a trigger poll finds exactly that many changes without `count` admin calls from the
 * contender's process; `GET /now` tells the sandbox clock's time.
 */
const http = require('http');
const { startSandbox } = require('../sandbox');
const FUNCTIONS = require('../sandbox/functions.json');

/**
 * The level-one List function's 15 fields, each also written lower-case: SmartSimple resolves
 * field names without regard to case and keys each record as the field list writes it, so a
 * record carries recordid + 30 fields (about 1.1 kB of JSON), like a real function that lists
 * most of a record type's fields. The level-one schema itself has only 17 fields.
 */
const listFields = FUNCTIONS.find((f) => f.token === 'levelone-list').fieldList.split(';;');
const WIDE_FUNCTION = {
	token: 'levelone-list-wide',
	name: 'Applications: List (31 keys, benchmark)',
	endpoint: 'levelone',
	action: 'list',
	fieldList: [...listFields, ...listFields.map((field) => field.toLowerCase())].join(';;'),
};

async function main() {
	const { levelone, seed = 42 } = JSON.parse(process.argv[2] || '{}');
	const sb = await startSandbox({
		seed,
		records: { levelone },
		hourlyLimit: 1e9,
		functions: [WIDE_FUNCTION],
	});
	const ids = sb.store.rows('levelone').map((row) => row.recordid);
	let touched = 0;
	const control = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			if (request.url === '/touch') {
				// One second apart, oldest first: the changes of a busy minute, not one bulk edit.
				const { count } = JSON.parse(body || '{}');
				for (let i = 0; i < count; i++) {
					sb.clock.advance(1000);
					sb.store.update('levelone', ids[touched++ % ids.length], { sf_Status: String(1 + (touched % 7)) });
				}
			}
			response.end(JSON.stringify({ now: sb.clock.timestamp() }));
		});
	});
	await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
	const info = { url: sb.url, credentials: sb.credentials, control: `http://127.0.0.1:${control.address().port}` };
	process.stdout.write(`${JSON.stringify(info)}\n`);
	process.on('SIGTERM', async () => {
		control.close();
		await sb.close();
		process.exit(0);
	});
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exit(1);
	});
}

module.exports = { WIDE_FUNCTION };
