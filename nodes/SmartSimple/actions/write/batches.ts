import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorItem, shapeRecord, withItemIndex } from '../../helpers/items';
import { findDocumentedError } from '../../transport/errors';
import type { SmartConnectProblem } from '../../transport/errors';
import { withoutRecordId } from './fields';
import { smartConnectRequest } from '../../transport/request';

/** One record to send, prepared from one input item. */
export interface WriteRecord {
	itemIndex: number;
	apiToken: string;
	/** Records with the same key share calls (same token, same read options). */
	groupKey: string;
	/** The jsonrset entry: `recordid` ("0" creates), then the fields. */
	row: IDataObject;
}

export interface WriteJob<R extends WriteRecord> {
	endpoint: string;
	batchSize: number;
	/** What SmartSimple does on success, for error messages: "save" or "delete". */
	verb: 'save' | 'delete';
	/** Reads and checks one item's parameters; throws before any call is spent. */
	prepare(itemIndex: number): R;
	/** Runs before a batch is sent (update: fills unchanged fields); returns the records that failed. */
	beforeSend?(batch: R[]): Promise<Map<R, Error>>;
	/** The output item of a record SmartSimple accepted. */
	output(record: R, answer: IDataObject): IDataObject;
}

const SUCCESS = /success/i;

/**
 * Sends records in batched jsonrset calls: N records at batch size B cost ceil(N / B) calls.
 * Every input item is checked first, so bad input fails before any call. Each answer is matched
 * to its record by `recordindex` (1-based within the call; by order where it is absent). Under
 * "Continue On Fail" a refused record, or every record of a failed call, becomes an error item
 * and the rest go on; without it the node stops at the first failing item.
 */
export async function executeWrites<R extends WriteRecord>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	job: WriteJob<R>,
): Promise<INodeExecutionData[]> {
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const fail = (error: Error, itemIndex: number) => {
		if (!this.continueOnFail()) throw withItemIndex(this, error, itemIndex);
		results[itemIndex] = errorItem(error, itemIndex);
	};

	const groups = new Map<string, R[]>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const record = job.prepare(itemIndex);
			const group = groups.get(record.groupKey) ?? [];
			group.push(record);
			groups.set(record.groupKey, group);
		} catch (error) {
			fail(error as Error, itemIndex);
		}
	}

	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += job.batchSize) {
			let batch = group.slice(start, start + job.batchSize);
			let answers: IDataObject[];
			try {
				if (job.beforeSend) {
					const failures = await job.beforeSend(batch);
					for (const [record, error] of failures) fail(error, record.itemIndex);
					batch = batch.filter((record) => !failures.has(record));
					if (!batch.length) continue;
				}
				const response = await smartConnectRequest.call(this, {
					endpoint: job.endpoint,
					apiToken: batch[0].apiToken,
					itemIndex: batch[0].itemIndex,
					params: { jsonrset: batch.map((record) => record.row) },
				});
				answers = Array.isArray(response.records) ? (response.records as IDataObject[]) : [];
			} catch (error) {
				// The whole call failed: every record of the batch shares its error.
				for (const record of batch) {
					if (results[record.itemIndex]) continue;
					fail(error as Error, record.itemIndex);
				}
				continue;
			}

			const answerOf = matchAnswers(answers, batch.length);
			batch.forEach((record, position) => {
				const answer = answerOf.get(position);
				const status = String(answer?.status ?? '');
				if (answer && SUCCESS.test(status)) {
					results[record.itemIndex] = {
						json: job.output(record, answer),
						pairedItem: { item: record.itemIndex },
					};
				} else {
					fail(recordError.call(this, job.verb, record, status, batch.length), record.itemIndex);
				}
			});
		}
	}

	return results.filter((result): result is INodeExecutionData => result !== undefined);
}

/** Answer per batch position: by `recordindex` (1-based), else by the answer's own position. */
function matchAnswers(answers: IDataObject[], batchLength: number): Map<number, IDataObject> {
	const byPosition = new Map<number, IDataObject>();
	answers.forEach((answer, order) => {
		const index = Number(answer.recordindex);
		const position =
			answer.recordindex !== undefined && Number.isInteger(index) && index >= 1 && index <= batchLength
				? index - 1
				: order;
		if (!byPosition.has(position)) byPosition.set(position, answer);
	});
	return byPosition;
}

const NOT_SAVED: Record<WriteJob<WriteRecord>['verb'], SmartConnectProblem> = {
	save: {
		message: 'SmartSimple could not save the record',
		description:
			"Check the values: send every field of the function's field list and only those, dates as YYYY-MM-DD, and option fields by their stored value (\"1\", not \"Yes\").",
	},
	delete: {
		message: 'SmartSimple could not delete the record',
		description:
			'Check the Record ID: the record may already be deleted, or belong to another record type. The API Token must be a Delete function of this record type.',
	},
};

/** A record SmartSimple refused within a call that otherwise went through. */
function recordError(
	this: IExecuteFunctions,
	verb: WriteJob<WriteRecord>['verb'],
	record: WriteRecord,
	status: string,
	batchLength: number,
): NodeApiError {
	const recordid = String(record.row.recordid);
	const others =
		batchLength > 1 ? ' The other records sent in the same call are not affected by this error.' : '';
	if (!status) {
		return new NodeApiError(this.getNode(), { message: 'no status for this record', recordid } as JsonObject, {
			message: `SmartSimple did not report on the record ${recordid === '0' ? 'to create' : recordid}`,
			description: `Its answer had no status for this record, so it may or may not be saved. Check the record in SmartSimple.${others}`,
			itemIndex: record.itemIndex,
		});
	}
	const documented = findDocumentedError(status);
	const problem =
		!documented || documented.message === 'SmartSimple could not save the record' ? NOT_SAVED[verb] : documented;
	const reason = status.replace(/^Encountered error while processing record\s*:?\s*/i, '').trim();
	return new NodeApiError(this.getNode(), { message: status, recordid } as JsonObject, {
		message: reason && reason !== status ? `${problem.message}: ${reason}` : `${problem.message} (${status})`,
		description: `${problem.description}${others}`,
		itemIndex: record.itemIndex,
	});
}

/** `{ recordid, status, ...the fields sent }`: after a create, the new record's ID maps onward. */
export function savedOutput(this: IExecuteFunctions, record: WriteRecord, answer: IDataObject): IDataObject {
	const options = this.getNodeParameter('options', record.itemIndex, {}) as { stripPrefixes?: boolean };
	return {
		recordid: String(answer.recordid ?? record.row.recordid),
		status: answer.status,
		...shapeRecord(withoutRecordId(record.row), options),
	};
}
