/**
 * The trigger's cursor: pure keyset and dedupe logic, no n8n and no HTTP, so it is unit-tested
 * on its own. See docs/trigger.md for why it is shaped this way.
 *
 * A record is a *change* when its (timestamp, ID) pair has not been emitted before. The cursor
 * is built only from values the server returned, never from the n8n host's clock:
 * - `ts`: the largest timestamp emitted (null: nothing seen yet, every record is new);
 * - `ids`: the IDs already emitted at `ts`, because more records can still be written in that
 *   same second, with lower IDs, after a poll has read it (an edit keeps the record's old ID);
 * - `floorId`: when `ids` would outgrow its cap, every ID up to this one at `ts` counts as
 *   emitted and `ids` starts again, so memory stays bounded whatever the tie size.
 */

/** A SmartConnect criteria entry (`andor`, `field`, `operator`, `value`). */
// A type alias, not an interface, so that it fits IDataObject where fetchPage takes criteria.
export type Condition = { andor: string; field: string; operator: string; value: string };

export interface Cursor {
	ts: string | null;
	floorId: string | null;
	ids: string[];
}

/** Where a record sits in the trigger's order: timestamp, then ID. */
export interface Position {
	ts: string;
	id: string;
}

export interface KeyFields {
	timestamp: string;
	id: string;
}

/**
 * Most IDs remembered at one timestamp. Each is sent back as one criteria group while the
 * cursor sits at that timestamp, so this also bounds the size of a request.
 */
export const MAX_TIE_IDS = 500;

/** Thrown where the server's answer or the user's filters break the cursor's assumptions. */
export class CursorError extends Error {}

const NUMERIC = /^\d+$/;

export function compareIds(a: string, b: string): number {
	if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) - Number(b);
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Timestamps are `YYYY-MM-DD HH:MM:SS` from one server, so text order is time order. */
export function comparePositions(a: Position, b: Position): number {
	if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
	return compareIds(a.id, b.id);
}

export const EMPTY_CURSOR: Cursor = { ts: null, floorId: null, ids: [] };

/** A cursor that emits every record stamped at or after `ts` (the Start From option). */
export function cursorFrom(ts: string): Cursor {
	return { ts, floorId: null, ids: [] };
}

/**
 * The cursor at first activation: everything that exists is history. `newestFirst` is one page
 * sorted by timestamp then ID, descending; `complete` says it holds every matching record.
 */
export function initialCursor(newestFirst: Position[], complete: boolean, cap = MAX_TIE_IDS): Cursor {
	if (!newestFirst.length) return { ...EMPTY_CURSOR };
	const newest = newestFirst[0];
	const tie = newestFirst.filter((row) => row.ts === newest.ts);
	const wholeTieRead = complete || tie.length < newestFirst.length;
	if (wholeTieRead && tie.length <= cap) {
		return { ts: newest.ts, floorId: null, ids: tie.map((row) => row.id).sort(compareIds) };
	}
	// Part of the tie is unread: its IDs are all at most the newest one's.
	return { ts: newest.ts, floorId: newest.id, ids: [] };
}

function condition(andor: string, field: string, operator: string, value: string): Condition {
	return { andor, field, operator, value };
}

/**
 * The trigger's own condition for one page, as groups to AND together; no group relies on
 * operator precedence. A page asks for records after `from`, the last row read or else the
 * cursor's floor: `( ts >= T ) and ( ts > T or id > L )`. While the read is still at the cursor's
 * timestamp, each ID already emitted there adds `( ts > T or id != k )`: a late write in that
 * second with a lower ID is still found, and nothing emitted comes back, so an idle poll is one
 * call that returns no record.
 */
export function keysetGroups(cursor: Cursor, after: Position | undefined, fields: KeyFields): Condition[][] {
	const { timestamp, id } = fields;
	const T = cursor.ts;
	const from = after ?? (T !== null && cursor.floorId !== null ? { ts: T, id: cursor.floorId } : undefined);
	if (from) {
		const groups = [
			[condition('and', timestamp, '>=', from.ts)],
			[condition('and', timestamp, '>', from.ts), condition('or', id, '>', from.id)],
		];
		if (from.ts !== T) return groups;
		const pending = cursor.ids.filter((known) => compareIds(known, from.id) > 0);
		return [...groups, ...pending.map((known) => excluding(fields, from.ts, known))];
	}
	if (T === null) return [[condition('and', timestamp, 'isempty', 'false')]];
	return [[condition('and', timestamp, '>=', T)], ...cursor.ids.map((known) => excluding(fields, T, known))];
}

function excluding(fields: KeyFields, ts: string, id: string): Condition[] {
	return [condition('and', fields.timestamp, '>', ts), condition('or', fields.id, '!=', id)];
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

/** IDs emitted at one timestamp, capped: on overflow every ID up to the largest counts as seen. */
class TieMemory {
	constructor(
		readonly ts: string,
		private floorId: string | null,
		private ids: string[],
		private readonly cap: number,
	) {}

	add(id: string): void {
		this.ids.push(id);
		if (this.ids.length <= this.cap) return;
		this.floorId = this.ids.reduce((max, next) => (compareIds(next, max) > 0 ? next : max), this.floorId ?? id);
		this.ids = [];
	}

	toCursor(): Cursor {
		return { ts: this.ts, floorId: this.floorId, ids: [...this.ids].sort(compareIds) };
	}
}

/**
 * Reads one poll's pages in order, tells which rows are changes, and computes the next cursor
 * without touching the stored one: a poll that fails part way leaves the cursor as it was.
 */
export class PollReader {
	private lastRead: Position | undefined;
	private memory: TieMemory | undefined;
	private readonly known: Set<string>;

	constructor(
		private readonly start: Cursor,
		private readonly cap = MAX_TIE_IDS,
	) {
		this.known = new Set(start.ids);
	}

	/** The position later pages continue after; undefined before the first row. */
	get after(): Position | undefined {
		return this.lastRead;
	}

	/** Takes the next row in server order; true where it is a change to emit. */
	accept(row: Position): boolean {
		const previous = this.lastRead;
		const outOfOrder = previous
			? comparePositions(row, previous) <= 0
			: this.start.ts !== null && row.ts < this.start.ts;
		if (outOfOrder) {
			throw new CursorError(
				`SmartSimple returned the record ${row.id} (${row.ts}) out of the requested order, after ${previous ? `${previous.id} (${previous.ts})` : `the cursor ${this.start.ts}`}`,
			);
		}
		this.lastRead = row;
		if (this.isEmitted(row)) return false;
		if (this.memory?.ts !== row.ts) {
			this.memory =
				row.ts === this.start.ts
					? new TieMemory(row.ts, this.start.floorId, [...this.start.ids], this.cap)
					: new TieMemory(row.ts, null, [], this.cap);
		}
		this.memory.add(row.id);
		return true;
	}

	private isEmitted(row: Position): boolean {
		if (row.ts !== this.start.ts) return false;
		if (this.known.has(row.id)) return true;
		return this.start.floorId !== null && compareIds(row.id, this.start.floorId) <= 0;
	}

	/** The cursor to store once this poll's items are returned. */
	nextCursor(): Cursor {
		return this.memory ? this.memory.toCursor() : this.start;
	}
}

/**
 * Whether a page ends the poll. `allcount` counts every record matching the page's criteria, so
 * when it fits in the page nothing is left and no trailing empty call is made.
 */
export function isLastPage(received: number, allcount: number | undefined, pageSize: number): boolean {
	if (received === 0) return true;
	return allcount !== undefined ? allcount <= received : received < pageSize;
}
