import type { IDataObject, INodeExecutionData, IPollFunctions, NodeParameterValueType } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FilterCondition } from '../helpers/criteria';
import { buildCriteria } from '../helpers/criteria';
import { shapeRecord } from '../helpers/items';
import { checkPageSize, holdsExpression } from '../helpers/parameters';
import { getResource } from '../resources';
import type { ListCall } from '../transport/paging';
import { fetchPage, pageCall, readPage } from '../transport/paging';
import type { SmartConnectCall } from '../transport/request';
import type { Condition, Cursor, KeyFields, Position } from './cursor';
import {
	CursorError,
	PollReader,
	andGroups,
	cursorFrom,
	initialCursor,
	MAX_EMITTED,
	isLastPage,
	keysetGroups,
} from './cursor';
import type { TriggerEvent } from './properties';
import { DEFAULT_ID_FIELD, DEFAULT_PAGE_SIZE } from './properties';
import { isLocalDateTime, isTimeZone, localToIso, toInstanceTime } from './time';

/** What the node keeps in its static data between polls. */
interface TriggerState {
	cursor?: Cursor | LegacyCursor;
	/** What the cursor was built for; a change of it starts again (see `watchKey`). */
	watching?: string;
}

/** The cursor as version 0.1.0 stored it: the newest timestamp, IDs emitted there, an ID floor. */
interface LegacyCursor {
	ts: string | null;
	floorId: string | null;
	ids: string[];
}

interface TriggerOptions {
	lookBack?: number;
	pageSize?: number;
	startFrom?: string;
	timezone?: string;
	stripPrefixes?: boolean;
}

interface Settings {
	call: ListCall;
	fields: KeyFields;
	filters: Condition[];
	pageSize: number;
	lookBack: number;
	startFrom?: string;
	timezone?: string;
	stripPrefixes: boolean;
	watching: string;
}

/** A host that gives no budget gets this one; the drain stops at 80% of whichever applies. */
const FALLBACK_BUDGET_MS = 5 * 60_000;
const BUDGET_SHARE = 0.8;

export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const state = this.getWorkflowStaticData('node') as TriggerState;
	const settings = settingsOf.call(this, state);
	if (this.getMode() === 'manual') return await sample.call(this, settings);

	let start = state.watching === settings.watching ? storedCursor(state.cursor) : undefined;
	if (!start) {
		if (!settings.startFrom) {
			state.cursor = await newestCursor.call(this, settings);
			state.watching = settings.watching;
			return null;
		}
		start = cursorFrom(settings.startFrom);
	}

	const { records, cursor } = await readChanges.call(this, settings, start);
	if (!records.length) return null;
	// Stored only with the items it covers: a poll that read nothing new leaves it as it was.
	state.cursor = cursor;
	state.watching = settings.watching;
	return [records.map((record) => ({ json: output(record, settings) }))];
}

/**
 * Reads every change after `start`, page by page by key, within the host's poll budget. A page
 * that fails (the hourly limit, a fault the transport's retries could not overcome) ends the
 * poll: with changes already read, they are returned and the cursor moves to the last of them,
 * so a backlog larger than the hour's calls drains over several hours instead of being re-read
 * each time; with none, the poll fails and the cursor stays.
 */
async function readChanges(
	this: IPollFunctions,
	settings: Settings,
	start: Cursor,
): Promise<{ records: IDataObject[]; cursor: Cursor }> {
	const deadline = Date.now() + pollBudgetMs(this) * BUDGET_SHARE;
	const reader = new PollReader(start, settings.lookBack);
	const records: IDataObject[] = [];
	try {
		for (;;) {
			const page = await readPage.call(this, pageAfter.call(this, settings, start, reader.after));
			for (const record of page.records) {
				if (accept.call(this, reader, positionOf.call(this, record, settings.fields))) records.push(record);
			}
			if (isLastPage(page.records.length, page.allcount, settings.pageSize)) break;
			// The rest is left for the next poll, which continues from the cursor computed so far.
			if (Date.now() > deadline) break;
		}
	} catch (error) {
		if (!records.length) throw asNodeError(this, error);
		this.logger.warn(
			`SmartSimple Trigger: a page failed after ${records.length} changes were read; they are emitted and the next poll continues after them (${(error as Error).message})`,
		);
	}
	return { records, cursor: reader.nextCursor() };
}

/**
 * The first page's call, kept per stored cursor: an idle trigger finds the same cursor object
 * poll after poll and sends the same call. Building it (keyset criteria, sort, form encoding)
 * was about a fifth of an idle poll's own time (docs/benchmarks.md, fifth pass).
 */
const firstPageCalls = new WeakMap<Cursor, { settings: Settings; call: SmartConnectCall }>();

/** The call for the page after `after`, the last row read; without one, after the cursor. */
function pageAfter(
	this: IPollFunctions,
	settings: Settings,
	start: Cursor,
	after: Position | undefined,
): SmartConnectCall {
	const kept = after ? undefined : firstPageCalls.get(start);
	if (kept?.settings === settings) return kept.call;
	const groups = keysetGroups(start, after, settings.fields);
	const criteria = combine.call(this, settings, groups);
	const call = pageCall({ ...settings.call, criteria, sortby: sortBy(settings, 'asc') }, 1, settings.pageSize);
	if (!after) firstPageCalls.set(start, { settings, call });
	return call;
}

/** First activation: the newest page, read newest first, is history; only later changes count. */
async function newestCursor(this: IPollFunctions, settings: Settings): Promise<Cursor> {
	// One more than the pair memory holds: enough to tell whether the newest window fits in it.
	const limit = Math.min(settings.pageSize, MAX_EMITTED + 1);
	const page = await fetchPage.call(
		this,
		{ ...settings.call, criteria: settings.filters, sortby: sortBy(settings, 'desc') },
		1,
		limit,
	);
	const positions = page.records.map((record) => positionOf.call(this, record, settings.fields));
	return initialCursor(positions, isLastPage(positions.length, page.allcount, limit), settings.lookBack);
}

/** "Fetch Test Event": the newest matching record, cursor untouched. */
async function sample(this: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][] | null> {
	const page = await fetchPage.call(
		this,
		{ ...settings.call, criteria: settings.filters, sortby: sortBy(settings, 'desc') },
		1,
		1,
	);
	const [record] = page.records;
	if (!record) return null;
	positionOf.call(this, record, settings.fields);
	return [[{ json: output(record, settings) }]];
}

/**
 * Settings kept for the activation they were read in, keyed by its static data: n8n gives each
 * activation its own (saving an active workflow activates it anew), and parameters cannot change
 * within one. Reading and checking them took about 50 of the 350 µs an idle poll spent outside
 * its call (docs/benchmarks.md, fourth pass).
 */
const settingsOfActivation = new WeakMap<TriggerState, Settings>();

/** The trigger's settings; read again on every poll where an expression may give a new value. */
function settingsOf(this: IPollFunctions, state: TriggerState): Settings {
	const kept = settingsOfActivation.get(state);
	if (kept) return kept;
	const { settings, resolved } = readSettings.call(this);
	if (!resolved) settingsOfActivation.set(state, settings);
	return settings;
}

function readSettings(this: IPollFunctions): { settings: Settings; resolved: boolean } {
	// n8n resolves and checks a parameter on every getNodeParameter call, and getNode() copies the
	// node. A parameter written without an expression is its own value, read as written (not
	// copied, so never changed here).
	let resolved = false;
	const written = <T>(name: string, fallback: T): T =>
		this.getNodeParameter(name, fallback, { rawExpressions: true }) as T;
	const parameter = <T>(name: string, fallback: T): T => {
		const value = written(name, fallback);
		if (!holdsExpression(value as NodeParameterValueType)) return value;
		resolved = true;
		return this.getNodeParameter(name, fallback) as T;
	};
	const resourceName = parameter('resource', '');
	const resource = getResource(resourceName);
	if (!resource?.timestamps) {
		throw new NodeOperationError(this.getNode(), `The trigger cannot watch "${resourceName}" records`);
	}
	const apiToken = String(parameter('apiToken', '') ?? '').trim();
	if (!apiToken) {
		throw new NodeOperationError(this.getNode(), 'API Token is empty', {
			description:
				"Paste the token of a List function of this record type (SmartSimple: Global Settings → Integrations → SmartConnect API).",
		});
	}
	const event = parameter<TriggerEvent>('event', 'modified');
	const timestampFallback = resource.timestamps[event];
	const fields: KeyFields = {
		timestamp: requiredField.call(this, parameter('timestampField', timestampFallback), 'Timestamp Field', timestampFallback),
		id: requiredField.call(this, parameter('idField', DEFAULT_ID_FIELD), 'ID Field', DEFAULT_ID_FIELD),
	};
	const options = parameter<TriggerOptions>('options', {});
	const timezone = options.timezone?.trim() || undefined;
	if (timezone && !isTimeZone(timezone)) {
		throw new NodeOperationError(this.getNode(), `Unknown time zone "${timezone}"`, {
			description: 'Set Options → Instance Time Zone to an IANA zone name such as America/Toronto, or remove it.',
		});
	}
	const pageSize = checkPageSize(this, options.pageSize) ?? DEFAULT_PAGE_SIZE;
	const lookBack = options.lookBack ?? 0;
	if (typeof lookBack !== 'number' || !Number.isFinite(lookBack) || lookBack < 0) {
		throw new NodeOperationError(this.getNode(), `Look Back "${String(lookBack)}" is not a number of seconds`, {
			description: 'Set Options → Look Back to 0 or more seconds, e.g. 60, or remove it.',
		});
	}
	const startFrom = readStartFrom.call(this, options.startFrom, timezone);
	const conditions = parameter<{ conditions?: FilterCondition[] }>('filters', {}).conditions ?? [];
	const settings: Settings = {
		// Stored values on every call: display values follow the instance's locale (dates such
		// as "06/02/2025 09:00:07 AM"), which the cursor can neither order nor send back.
		call: { endpoint: resource.endpoint, apiToken, othersettings: { getstorevalue: 1 } },
		fields,
		// getNode() copies the node: only where there are filters to check.
		filters: conditions.length === 0 ? [] : buildCriteria(conditions, { node: this.getNode() }),
		pageSize,
		lookBack: Math.floor(lookBack),
		startFrom,
		timezone,
		stripPrefixes: options.stripPrefixes === true,
		// Another record type, field or start date makes the stored cursor meaningless.
		watching: JSON.stringify([
			resource.value,
			fields.timestamp,
			fields.id,
			startFromKey(written<TriggerOptions>('options', {}).startFrom, startFrom),
		]),
	};
	return { settings, resolved };
}

/**
 * Start From as the cursor knows it: an expression (`{{ $now.minus({ days: 7 }) }}`) by its
 * text, since its value moves on every poll and the backfill must run once; a date by its value.
 */
function startFromKey(written: unknown, resolved: string | undefined): string | null {
	if (typeof written === 'string' && written.startsWith('=')) return written;
	return resolved ?? null;
}

/** The stored cursor; one stored by 0.1.0 is read as the same position. */
function storedCursor(stored: TriggerState['cursor']): Cursor | undefined {
	if (!stored || 'emitted' in stored) return stored;
	if (stored.ts === null) return { done: null, emitted: [] };
	const { ts } = stored;
	return { done: { ts, id: stored.floorId }, emitted: stored.ids.map((id) => ({ ts, id })) };
}

function requiredField(this: IPollFunctions, parameter: unknown, label: string, fallback: string): string {
	const value = String(parameter ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			description: `Enter the field name as the List function's field list writes it, e.g. "${fallback}".`,
		});
	}
	return value;
}

function readStartFrom(this: IPollFunctions, value: unknown, timezone?: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = value instanceof Date ? value.toISOString() : String(value);
	const local = toInstanceTime(text, timezone);
	if (!local) {
		throw new NodeOperationError(this.getNode(), `Start From "${text}" is not a date and time`, {
			description: 'Pick a date and time, e.g. 2025-03-01 00:00:00, or remove the option.',
		});
	}
	return local;
}

function combine(this: IPollFunctions, settings: Settings, groups: Condition[][]): Condition[] {
	try {
		return andGroups(settings.filters, groups);
	} catch (error) {
		throw asNodeError(this, error);
	}
}

function sortBy(settings: Settings, direction: 'asc' | 'desc'): IDataObject[] {
	return [
		{ field: settings.fields.timestamp, direction },
		{ field: settings.fields.id, direction },
	];
}

function accept(this: IPollFunctions, reader: PollReader, position: Position): boolean {
	try {
		return reader.accept(position);
	} catch (error) {
		throw asNodeError(this, error);
	}
}

/** The record's place in the trigger's order; refuses records the keyset cannot order. */
function positionOf(this: IPollFunctions, record: IDataObject, fields: KeyFields): Position {
	for (const [name, label] of [
		[fields.timestamp, 'Timestamp Field'],
		[fields.id, 'ID Field'],
	]) {
		if (!(name in record)) {
			throw new NodeOperationError(this.getNode(), `The records have no "${name}" field`, {
				description: `${label} must name a field the List function returns. Add "${name}" to the function's field list in SmartSimple (Global Settings → Integrations → SmartConnect API), or change ${label}. The records carry: ${Object.keys(record).join(', ')}.`,
			});
		}
	}
	const ts = record[fields.timestamp];
	if (!isLocalDateTime(ts)) {
		throw new NodeOperationError(
			this.getNode(),
			`Record ${String(record[fields.id])} has "${String(ts)}" in "${fields.timestamp}", not a date and time`,
			{
				description:
					'Timestamp Field must be a date-time field that every record has, such as sf_Modified Date or sf_Created Date.',
			},
		);
	}
	return { ts, id: String(record[fields.id]) };
}

function output(record: IDataObject, settings: Settings): IDataObject {
	const json = { ...record };
	const ts = record[settings.fields.timestamp];
	if (settings.timezone && typeof ts === 'string') {
		const iso = localToIso(ts, settings.timezone);
		if (iso) json[`${settings.fields.timestamp} (ISO)`] = iso;
	}
	return shapeRecord(json, { stripPrefixes: settings.stripPrefixes });
}

/** n8n 2.38 added the poll budget; older hosts lack it. */
function pollBudgetMs(context: IPollFunctions): number {
	const host = context as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>;
	const budget = typeof host.getPollBudgetMs === 'function' ? host.getPollBudgetMs() : FALLBACK_BUDGET_MS;
	return Number.isFinite(budget) && budget > 0 ? budget : FALLBACK_BUDGET_MS;
}

function asNodeError(context: IPollFunctions, error: Error): Error {
	return error instanceof CursorError ? new NodeOperationError(context.getNode(), error.message) : error;
}
