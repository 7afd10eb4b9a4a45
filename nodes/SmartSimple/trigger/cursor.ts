import { shiftLocal } from './time';

/**
 * The trigger's cursor: pure keyset and dedupe logic, no n8n and no HTTP, so it is unit-tested
 * on its own. See docs/trigger.md for why it is shaped this way.
 *
 * A record is a *change* when its (timestamp, ID) pair has not been emitted before. The cursor
 * is built only from values the server returned, never from the n8n host's clock:
 * - `done`: every record at or before this position counts as emitted and is never read again;
 * - `emitted`: the pairs emitted after `done`, within the look-back window. They are re-read
 *   territory: a save in the newest second, or (with a look-back) one that SmartSimple commits
 *   late, stamped earlier than records already read, can still appear there with any ID, so the
 *   trigger asks for everything after `done` except these pairs.
 * The newest emitted timestamp T moves `done` up to T - lookBack; at most `MAX_EMITTED` pairs are
 * kept, and past that `done` moves up to the newest one dropped, so memory stays bounded.
 */

/** A SmartConnect criteria entry (`andor`, `field`, `operator`, `value`). */
// A type alias, not an interface, so that it fits IDataObject where fetchPage takes criteria.
export type Condition = { andor: string; field: string; operator: string; value: string };

/** Where a record sits in the trigger's order: timestamp, then ID. */
export interface Position {
	ts: string;
	id: string;
}

/** A position between records; `id` null is before every record stamped `ts`. */
export interface Boundary {
	ts: string;
	id: string | null;
}

export interface Cursor {
	/** null: nothing seen yet, every record is new. */
	done: Boundary | null;
	/** Pairs emitted after `done`, ascending. */
	emitted: Position[];
}

export interface KeyFields {
	timestamp: string;
	id: string;
}

/**
 * Most (ID, timestamp) pairs remembered. Each is sent back as one criteria group on the first
 * page of a poll (runs of consecutive IDs as one), so this also bounds the size of a request.
 */
export const MAX_EMITTED = 500;

/** Thrown where the server's answer or the user's filters break the cursor's assumptions. */
export class CursorError extends Error {}

const NUMERIC = /^\d+$/;

export function compareIds(a: string, b: string): number {
	if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b);
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Timestamps are `YYYY-MM-DD HH:MM:SS` from one server, so text order is time order. */
export function comparePositions(a: Boundary, b: Boundary): number {
	if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
	if (a.id === null || b.id === null) return a.id === b.id ? 0 : a.id === null ? -1 : 1;
	return compareIds(a.id, b.id);
}

export const EMPTY_CURSOR: Cursor = { done: null, emitted: [] };

/** A cursor that emits every record stamped at or after `ts` (the Start From option). */
export function cursorFrom(ts: string): Cursor {
	return { done: { ts, id: null }, emitted: [] };
}

/** The newest timestamp the cursor has passed (`emitted` ascending); undefined for an empty cursor. */
function newestTs(cursor: Cursor): string | undefined {
	const last = cursor.emitted.at(-1)?.ts;
	const done = cursor.done?.ts;
	return last === undefined || (done !== undefined && done > last) ? done : last;
}

/**
 * Prunes a cursor to its window: `done` moves up to (T - lookBack), the pairs at or before it are
 * forgotten, and past `cap` pairs the oldest go too, `done` moving up to the newest of them.
 */
export function settle(cursor: Cursor, lookBackSeconds: number, cap = MAX_EMITTED): Cursor {
	const sorted = [...cursor.emitted].sort(comparePositions);
	const newest = newestTs({ done: cursor.done, emitted: sorted });
	if (newest === undefined) return { ...EMPTY_CURSOR };
	const edge: Boundary = { ts: shiftLocal(newest, -lookBackSeconds), id: null };
	let done = cursor.done && comparePositions(cursor.done, edge) >= 0 ? cursor.done : edge;
	let emitted = sorted.filter((pair) => comparePositions(pair, done) > 0);
	if (emitted.length > cap) {
		const dropped = emitted[emitted.length - cap - 1];
		done = { ts: dropped.ts, id: dropped.id };
		emitted = emitted.slice(emitted.length - cap);
	}
	return { done, emitted };
}

/**
 * The cursor at first activation: everything that exists is history. `newestFirst` is one page
 * sorted by timestamp then ID, descending; `complete` says it holds every matching record. The
 * window's records on the page are remembered; where the page ends inside the window, the
 * unread rest is passed over (`done` at the oldest row read).
 */
export function initialCursor(
	newestFirst: Position[],
	complete: boolean,
	lookBackSeconds: number,
	cap = MAX_EMITTED,
): Cursor {
	if (!newestFirst.length) return { ...EMPTY_CURSOR };
	const edge = shiftLocal(newestFirst[0].ts, -lookBackSeconds);
	const inWindow = newestFirst.filter((row) => row.ts >= edge);
	if (complete || inWindow.length < newestFirst.length) {
		return settle({ done: null, emitted: inWindow }, lookBackSeconds, cap);
	}
	const oldest = inWindow[inWindow.length - 1];
	return settle({ done: { ...oldest }, emitted: inWindow.slice(0, -1) }, lookBackSeconds, cap);
}

function condition(andor: string, field: string, operator: string, value: string): Condition {
	return { andor, field, operator, value };
}

/**
 * The trigger's own condition for one page, as groups to AND together; no group relies on
 * operator precedence. A page asks for records after `from`, the last row read or else the
 * cursor's `done`: `( ts >= B )`, plus `( ts > B or id > L )` where the boundary is a record.
 * The pairs already emitted beyond it are excluded: a late save in that window is found
 * whatever its ID, and nothing emitted comes back, so an idle poll is one call that returns no
 * record. A run of consecutive numeric IDs emitted at one timestamp (a bulk import or update)
 * is one group `( ts > t or id < first or id > last )`: no other record can have an ID inside
 * the run, so it excludes exactly those pairs, and the request stays small; a run that
 * continues the boundary record's ID just moves `L` to its end.
 */
export function keysetGroups(cursor: Cursor, after: Position | undefined, fields: KeyFields): Condition[][] {
	const { timestamp, id } = fields;
	const from: Boundary | null = after ?? cursor.done;
	if (!from) return [[condition('and', timestamp, 'isempty', 'false')]];
	const runs = idRuns(cursor.emitted.filter((pair) => comparePositions(pair, from) > 0));
	// A run that starts right after the boundary record moves the boundary to its end.
	let lastId = from.id;
	if (lastId !== null && runs[0]?.ts === from.ts && followsId(lastId, runs[0].first)) lastId = runs.shift()!.last;
	const groups = [[condition('and', timestamp, '>=', from.ts)]];
	if (lastId !== null) groups.push([condition('and', timestamp, '>', from.ts), condition('or', id, '>', lastId)]);
	return [...groups, ...runs.map((run) => excluding(fields, run))];
}

/** Consecutive IDs emitted at one timestamp, `first` to `last`. */
interface IdRun {
	ts: string;
	first: string;
	last: string;
}

/** Ascending pairs merged into runs. */
function idRuns(pairs: Position[]): IdRun[] {
	const runs: IdRun[] = [];
	for (const { ts, id } of pairs) {
		const run = runs.at(-1);
		if (run && run.ts === ts && followsId(run.last, id)) run.last = id;
		else runs.push({ ts, first: id, last: id });
	}
	return runs;
}

/** Whether `next` is the integer right after `id`, both written as plain numbers. */
function followsId(id: string, next: string): boolean {
	return CANONICAL_INTEGER.test(id) && CANONICAL_INTEGER.test(next) && BigInt(next) === BigInt(id) + 1n;
}

const CANONICAL_INTEGER = /^(0|[1-9]\d*)$/;

function excluding(fields: KeyFields, run: IdRun): Condition[] {
	const after = condition('and', fields.timestamp, '>', run.ts);
	if (run.first === run.last) return [after, condition('or', fields.id, '!=', run.first)];
	return [after, condition('or', fields.id, '<', run.first), condition('or', fields.id, '>', run.last)];
}

/**
 * ANDs the user's filters with the trigger's groups in SmartConnect's bracket syntax: `(` opens
 * the first group, `) and (` each next one. Groups cannot nest, so filters must be one plain
 * list, or groups joined only by `) and (`.
 */
export function andGroups(filters: Condition[], groups: Condition[][], parameterName = 'Filters'): Condition[] {
	const all = [...splitFilterGroups(filters, parameterName), ...groups].filter((group) => group.length);
	if (all.length === 1) return all[0].map((entry, index) => (index === 0 ? { ...entry, andor: 'and' } : entry));
	return all.flatMap((group, groupIndex) =>
		group.map((entry, index) =>
			index === 0 ? { ...entry, andor: groupIndex === 0 ? '(' : ') and (' } : entry,
		),
	);
}

function splitFilterGroups(filters: Condition[], parameterName: string): Condition[][] {
	if (!filters.length) return [];
	const grouped = filters.some((entry) => entry.andor.startsWith('(') || entry.andor.startsWith(')'));
	if (!grouped) return [filters];
	const groups: Condition[][] = [];
	filters.forEach((entry, index) => {
		const where = `${parameterName} → condition ${index + 1}`;
		if (entry.andor === ') or (') {
			throw new CursorError(
				`${where}: ") or (" cannot be combined with the trigger's own condition. The trigger ANDs its timestamp condition to your filters as one more bracket group, and SmartConnect cannot nest groups. Put alternatives inside one group with "or", or join groups with ") and (" only.`,
			);
		}
		if (index === 0 ? entry.andor !== '(' : entry.andor === '(') {
			throw new CursorError(
				`${where}: with groups, the first condition must open a group with "(" and the next groups must start with ") and ("`,
			);
		}
		if (index === 0 || entry.andor === ') and (') groups.push([]);
		groups[groups.length - 1].push(entry);
	});
	return groups;
}

/**
 * Reads one poll's pages in order, tells which rows are changes, and computes the next cursor
 * without touching the stored one: the poll decides when to store it.
 */
export class PollReader {
	private lastRead: Position | undefined;
	private readonly fresh: Position[] = [];
	/** The emitted pairs' keys, made when a row first needs them (an idle poll reads none). */
	private known: Set<string> | undefined;

	constructor(
		private readonly start: Cursor,
		private readonly lookBackSeconds = 0,
		private readonly cap = MAX_EMITTED,
	) {}

	/** The position later pages continue after; undefined before the first row. */
	get after(): Position | undefined {
		return this.lastRead;
	}

	/** Takes the next row in server order; true where it is a change to emit. */
	accept(row: Position): boolean {
		const previous = this.lastRead;
		const outOfOrder = previous
			? comparePositions(row, previous) <= 0
			: this.start.done !== null && row.ts < this.start.done.ts;
		if (outOfOrder) {
			throw new CursorError(
				`SmartSimple returned the record ${row.id} (${row.ts}) out of the requested order, after ${previous ? `${previous.id} (${previous.ts})` : `the cursor ${this.start.done?.ts}`}`,
			);
		}
		this.lastRead = row;
		if (this.isEmitted(row)) return false;
		this.fresh.push(row);
		return true;
	}

	private isEmitted(row: Position): boolean {
		if (this.start.done && comparePositions(row, this.start.done) <= 0) return true;
		this.known ??= new Set(this.start.emitted.map(pairKey));
		return this.known.has(pairKey(row));
	}

	/** The cursor to store once this poll's items are returned. */
	nextCursor(): Cursor {
		if (!this.fresh.length) return this.start;
		return settle(
			{ done: this.start.done, emitted: [...this.start.emitted, ...this.fresh] },
			this.lookBackSeconds,
			this.cap,
		);
	}
}

function pairKey(pair: Position): string {
	return `${pair.ts}\u0000${pair.id}`;
}

/**
 * Whether a page ends the poll. `allcount` counts every record matching the page's criteria, so
 * when it fits in the page nothing is left and no trailing empty call is made.
 */
export function isLastPage(received: number, allcount: number | undefined, pageSize: number): boolean {
	if (received === 0) return true;
	return allcount !== undefined ? allcount <= received : received < pageSize;
}
