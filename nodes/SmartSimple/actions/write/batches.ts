import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItem, shapeRecord, withItemIndex } from '../../helpers/items';
import type { OutputOptions } from '../../helpers/items';
import { requiredText } from '../../helpers/parameters';
import { errorCode, findDocumentedError, withCode } from '../../transport/errors';
import type { SmartConnectProblem } from '../../transport/errors';
import { smartConnectRequest } from '../../transport/request';
import { withoutRecordId } from './fields';
import { perItemReader } from './perItem';

/** One input item's share of a jsonrset write. */
export interface WriteEntry {
	itemIndex: number;
	/** The item's API Token, read and checked by executeWrites. */
	apiToken: string;
	/** Entries share calls where they have the same token and the same key (update: read options). */
	groupKey?: string;
	/** The jsonrset records this item sends. */
	records: IDataObject[];
	/** Status answers SmartSimple gives for them (one per association, ...); by default one per record. */
	statusCount?: number;
	/**
	 * Whether the records create anything, so their call must never be sent twice. By default:
	 * a record whose `recordid`, `associationid` or `addressid` is "0".
	 */
	creates?: boolean;
	/** SmartConnect API version of the call (transactions with a level: 2); entries share calls only with the same. */
	apiVersion?: 1 | 2;
}

export interface WriteJob<E extends WriteEntry> {
	endpoint: string;
	/** Input items per call. */
	batchSize: number;
	/** Reads and checks one item's parameters (but the token); throws before any call is spent. */
	prepare(itemIndex: number): Omit<E, 'itemIndex' | 'apiToken'>;
	/** Runs before a batch is sent (update: fills unchanged fields); returns the entries that failed. */
	beforeSend?(batch: E[]): Promise<Map<E, Error>>;
	/** The item's output from its status answers; throws where SmartSimple refused an entry. */
	output(entry: E, statuses: IDataObject[], batch: E[]): IDataObject;
}

const CREATE_KEYS = ['recordid', 'associationid', 'addressid'];

function createsRecords(entry: WriteEntry): boolean {
	return (
		entry.creates ??
		entry.records.some((record) => CREATE_KEYS.some((key) => record[key] !== undefined && String(record[key]) === '0'))
	);
}

/**
 * Sends the items' jsonrset records in batched calls: N items at batch size B cost ceil(N / B)
 * calls per token. Every input item is checked first, so bad input fails before any call. Each
 * item gets its own status answers back. A call that creates anything is marked not repeatable
 * (the transport never resends it); where it failed after it may have reached SmartSimple, its
 * items fail saying so. Under "Continue On Fail" a refused entry, or every item of a failed
 * call, becomes an error item and the rest go on; without it the node stops at the first
 * failing item. One output item per input item, in input order.
 */
export async function executeWrites<E extends WriteEntry>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	job: WriteJob<E>,
): Promise<INodeExecutionData[]> {
	const { prepare, output, beforeSend, batchSize, endpoint } = job;
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const fail = (error: Error, itemIndex: number) => {
		if (!this.continueOnFail()) throw withItemIndex(this, error, itemIndex);
		results[itemIndex] = errorItem(error, itemIndex);
	};

	const apiTokenOf = perItemReader.call(this)(['apiToken'], (itemIndex) =>
		requiredText.call(this, 'apiToken', 'API Token', itemIndex),
	);
	const groups = new Map<string, E[]>();
	let last: E | undefined;
	let lastGroup: E[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const apiToken = apiTokenOf(itemIndex);
			// prepare returns a new object per item: completed in place, not copied.
			const entry = prepare(itemIndex) as E;
			entry.itemIndex = itemIndex;
			entry.apiToken = apiToken;
			// Items usually share the previous item's group: its key is then not built again.
			if (last && apiToken === last.apiToken && entry.groupKey === last.groupKey && entry.apiVersion === last.apiVersion) {
				lastGroup.push(entry);
			} else {
				const key = JSON.stringify([apiToken, entry.groupKey ?? '', entry.apiVersion ?? 1]);
				lastGroup = groups.get(key) ?? [];
				if (!lastGroup.length) groups.set(key, lastGroup);
				lastGroup.push(entry);
			}
			last = entry;
		} catch (error) {
			fail(error as Error, itemIndex);
		}
	}

	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += batchSize) {
			let batch = group.slice(start, start + batchSize);
			let answers: IDataObject[];
			if (beforeSend) {
				let failures: Map<E, Error>;
				try {
					failures = await beforeSend(batch);
				} catch (error) {
					// The read before the write failed: nothing was written.
					for (const entry of batch) fail(error as Error, entry.itemIndex);
					continue;
				}
				for (const [entry, error] of failures) fail(error, entry.itemIndex);
				if (failures.size) batch = batch.filter((entry) => !failures.has(entry));
				if (!batch.length) continue;
			}
			const repeatable = !batch.some(createsRecords);
			try {
				const response = await smartConnectRequest.call(this, {
					endpoint,
					apiToken: batch[0].apiToken,
					itemIndex: batch[0].itemIndex,
					apiVersion: batch[0].apiVersion,
					params: { jsonrset: recordsOf(batch) },
					repeatable,
				});
				answers = Array.isArray(response.records) ? (response.records as IDataObject[]) : [];
			} catch (error) {
				// The whole call failed: every item of the batch shares its error.
				const shared =
					errorCode(error) === 'MAY_HAVE_SAVED' ? mayHaveSaved.call(this, error as Error, batch) : undefined;
				for (const entry of batch) fail(shared?.(entry) ?? (error as Error), entry.itemIndex);
				continue;
			}

			const shares = statusesPerEntry(batch, answers);
			const unmatched = shares ? undefined : unmatchedAnswer.call(this, answers.length, batch);
			for (const [position, entry] of batch.entries()) {
				try {
					if (!shares) throw (unmatched as (entry: WriteEntry) => Error)(entry);
					results[entry.itemIndex] = {
						json: output(entry, shares[position], batch),
						pairedItem: { item: entry.itemIndex },
					};
				} catch (error) {
					fail(error as Error, entry.itemIndex);
				}
			}
		}
	}

	return results.filter((result): result is INodeExecutionData => result !== undefined);
}

/** The batch's jsonrset records, in order. */
function recordsOf(batch: WriteEntry[]): IDataObject[] {
	const records: IDataObject[] = [];
	for (const entry of batch) for (const record of entry.records) records.push(record);
	return records;
}

const statusCountOf = (entry: WriteEntry) => entry.statusCount ?? entry.records.length;

function answerPosition(answer: IDataObject, batchLength: number): number | undefined {
	const index = Number(answer.recordindex);
	const valid = answer.recordindex !== undefined && Number.isInteger(index) && index >= 1 && index <= batchLength;
	return valid ? index - 1 : undefined;
}

/**
 * Splits a call's status answers among its items. One record per item: matched by `recordindex`
 * (1-based within the call) where every answer has one, else by position where there is one
 * answer per record. Otherwise in order, `statusCount` each; where the server answers one status
 * per jsonrset record instead, each record's status serves its entries. Undefined where the
 * answer cannot be matched: guessing would give one item's status to another.
 */
function statusesPerEntry(batch: WriteEntry[], answers: IDataObject[]): IDataObject[][] | undefined {
	if (batch.every((entry) => entry.records.length === 1 && statusCountOf(entry) === 1)) {
		const positions = answers.map((answer) => answerPosition(answer, batch.length));
		const indexed = positions.every((position) => position !== undefined);
		if (!indexed && answers.length !== batch.length) return undefined;
		const byPosition: IDataObject[][] = batch.map(() => []);
		answers.forEach((answer, order) => {
			const own = byPosition[indexed ? (positions[order] as number) : order];
			if (!own.length) own.push(answer);
		});
		return byPosition;
	}
	let expected = 0;
	let records = 0;
	for (const entry of batch) {
		expected += statusCountOf(entry);
		records += entry.records.length;
	}
	let offset = 0;
	if (answers.length === expected) {
		return batch.map((entry) => answers.slice(offset, (offset += statusCountOf(entry))));
	}
	if (answers.length === records) {
		return batch.map((entry) => {
			const own = answers.slice(offset, (offset += entry.records.length));
			return statusCountOf(entry) === own.length ? own : Array.from({ length: statusCountOf(entry) }, () => own[0]);
		});
	}
	return undefined;
}

/** For each entry of a call whose answer cannot be matched to its records: it may have been saved. */
function unmatchedAnswer(
	this: IExecuteFunctions,
	answerCount: number,
	batch: WriteEntry[],
): (entry: WriteEntry) => Error {
	const expected = batch.reduce((sum, other) => sum + statusCountOf(other), 0);
	return (entry) =>
		withCode(
			new NodeOperationError(this.getNode(), `SmartSimple answered ${answerCount} statuses for ${expected} entries`, {
				itemIndex: entry.itemIndex,
				description:
					"The answer does not say which status belongs to which entry, so this item's records may have been saved (new records may have been created). Check them in SmartSimple before running this item again, and that the API Token is this action's function.",
			}),
			'MAY_HAVE_SAVED',
		);
}

/**
 * For each entry of a call that holds a create and failed after it may have reached SmartSimple
 * (the transport never resends it): says so, how to check (the transport's description), what
 * happened, and that every item of the call is in the same position.
 */
function mayHaveSaved(
	this: IExecuteFunctions,
	error: Error & { description?: string | null },
	batch: WriteEntry[],
): (entry: WriteEntry) => Error {
	const howToCheck =
		error.description ||
		'Before running these items again, look for the records in SmartSimple (e.g. Get Many with a filter on a value you sent) and run again only the ones that are missing.';
	const carried = batch.length > 1 ? ` The same call carried ${batch.length} input items: each of them may have been saved.` : '';
	const description = `${howToCheck}${carried} What happened: ${error.message}`;
	return (entry) =>
		withCode(
			new NodeOperationError(this.getNode(), 'SmartSimple may have saved these records', {
				itemIndex: entry.itemIndex,
				description,
			}),
			'MAY_HAVE_SAVED',
		);
}

/** SmartConnect answers each written entry with a status: "updated successfully", "created successfully", ... */
export function isSuccess(status: unknown): boolean {
	return /success/i.test(String(status ?? ''));
}

/** The reason part of "Encountered error while processing record: <reason>". */
export function failureReason(status: unknown): string {
	const text = String(status ?? '').trim();
	return text.replace(/^Encountered error while processing record\s*:?\s*/i, '').trim() || text || 'no status given';
}

const NOT_SAVED: Record<'save' | 'delete', SmartConnectProblem> = {
	save: {
		code: 'RECORD_ERROR',
		message: 'SmartSimple could not save the record',
		description:
			"Check the values: send every field of the function's field list and only those, dates as YYYY-MM-DD, and option fields by their stored value (\"1\", not \"Yes\").",
	},
	delete: {
		code: 'RECORD_ERROR',
		message: 'SmartSimple could not delete the record',
		description:
			'Check the Record ID: the record may already be deleted, or belong to another record type. The API Token must be a Delete function of this record type.',
	},
};

/** A record's one status answer where SmartSimple accepted it; else the error that item shows. */
export function acceptedAnswer(
	this: IExecuteFunctions,
	verb: 'save' | 'delete',
	entry: WriteEntry,
	statuses: IDataObject[],
	batch: WriteEntry[],
): IDataObject {
	const [answer] = statuses;
	const status = String(answer?.status ?? '');
	if (answer && isSuccess(status)) return answer;

	const recordid = String(entry.records[0].recordid);
	const others =
		batch.length > 1 ? ' The other records sent in the same call are not affected by this error.' : '';
	if (!status) {
		const error = new NodeApiError(this.getNode(), { message: 'no status for this record', recordid } as JsonObject, {
			message: `SmartSimple did not report on the record ${recordid === '0' ? 'to create' : recordid}`,
			description: `Its answer had no status for this record, so it may have been saved. Check the record in SmartSimple before running this item again.${others}`,
			itemIndex: entry.itemIndex,
		});
		throw withCode(error, 'MAY_HAVE_SAVED');
	}
	const documented = findDocumentedError(status);
	const problem =
		!documented || documented.code === 'RECORD_ERROR' ? NOT_SAVED[verb] : documented;
	const reason = failureReason(status);
	throw new NodeApiError(this.getNode(), { message: status, recordid } as JsonObject, {
		message: reason !== status ? `${problem.message}: ${reason}` : `${problem.message} (${status})`,
		description: `${problem.description}${others}`,
		itemIndex: entry.itemIndex,
	});
}

/** The output option of Create and Update. */
export type WriteOutputOptions = Pick<OutputOptions, 'stripPrefixes'>;

/** `{ recordid, status, ...the fields sent }`: after a create, the new record's ID maps onward. */
export function savedOutput(
	this: IExecuteFunctions,
	entry: WriteEntry,
	statuses: IDataObject[],
	batch: WriteEntry[],
	options: WriteOutputOptions,
): IDataObject {
	const answer = acceptedAnswer.call(this, 'save', entry, statuses, batch);
	const [row] = entry.records;
	return {
		recordid: String(answer.recordid ?? row.recordid),
		status: answer.status,
		...shapeRecord(withoutRecordId(row), options),
	};
}

/**
 * The status check of writes whose item sends several parts (associations, addresses, meta
 * changes): each part carries its `status`; one error names every part SmartSimple refused and
 * says the others were saved.
 */
export function checkPartStatuses(
	this: IExecuteFunctions,
	itemIndex: number,
	what: string,
	parts: IDataObject[],
	name: (part: IDataObject) => string,
	fix: string,
): void {
	const failures = parts
		.filter((part) => !isSuccess(part.status))
		.map((part) => `${name(part)} (${failureReason(part.status)})`);
	if (!failures.length) return;
	const savedCount = parts.length - failures.length;
	const message = `SmartSimple refused ${failures.length === 1 ? `the ${what}` : `${failures.length} ${what}s`}: ${failures.join('; ')}`;
	const saved = savedCount ? ` The other ${savedCount} ${what}${savedCount === 1 ? ' was' : 's were'} saved.` : '';
	throw new NodeApiError(this.getNode(), { message, failures } as JsonObject, {
		message,
		description: `${fix}${saved}`,
		itemIndex,
	});
}
