/**
 * Shared by the operations on what hangs off a record rather than the record itself: files,
 * associations, addresses and UTA configuration. SmartConnect names the record `objectid` there.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { limitProperty, pageSizeOption, returnAllProperty } from '../descriptions/common';
import { errorItem, forEachItem, withItemIndex } from '../helpers/items';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { DOCUMENTED_ERRORS } from '../transport/errors';
import { fetchAll } from '../transport/paging';
import { smartConnectRequest } from '../transport/request';

export const fieldIdProperty: INodeProperties = {
	displayName: 'Field ID',
	name: 'fieldId',
	type: 'string',
	default: '',
	placeholder: '1234580',
	description:
		'Custom field ID of the upload field (in SmartSimple: the field\'s settings page shows it as "Field ID")',
};

/** Return All, Limit and the Page Size option: what every list of related entries shows. */
export const listProperties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [pageSizeOption],
	},
];

/**
 * Runs a list of related entries per input item through the one paging helper; `readParams`
 * reads and checks the item's own form fields (objectid, fieldid, keyword) before any call.
 */
export async function listRelated(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
	readParams: (itemIndex: number) => IDataObject,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const apiToken = requiredText.call(this, 'apiToken', 'API Token', itemIndex);
		const params = readParams(itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
		const options = this.getNodeParameter('options', itemIndex, {}) as { pageSize?: number };
		try {
			return await fetchAll.call(
				this,
				{ endpoint: resource.endpoint, apiToken, itemIndex, params },
				{ returnAll, limit, pageSize: options.pageSize },
			);
		} catch (error) {
			throw 'fieldid' in params ? explainFileFieldError(error) : error;
		}
	});
}

/** SmartConnect answers each written entry with a status: "updated successfully", "created successfully", ... */
export function isSuccess(status: unknown): boolean {
	return /success/i.test(String(status ?? ''));
}

/** The reason part of "Encountered error while processing record: <reason>". */
export function failureReason(status: unknown): string {
	const text = String(status ?? '').trim();
	return text.replace(/^Encountered error while processing record:?\s*/i, '') || text || 'no status given';
}

/** One input item's share of a jsonrset write. */
export interface WriteRequest {
	/** The jsonrset records this item sends. */
	records: IDataObject[];
	/** How many status records SmartSimple answers for them (one per association, address, ...). */
	statusCount: number;
}

export interface BatchWrite {
	/** Reads and checks one item's parameters; throws a clear error before any call is spent. */
	build(itemIndex: number): WriteRequest;
	/** Turns the item's status records into its output; throws where SmartSimple refused an entry. */
	output(itemIndex: number, statuses: IDataObject[], request: WriteRequest): IDataObject;
	/** Items per call (consecutive items with the same API token share one call). */
	batchSize?: number;
}

/**
 * Writes the items' jsonrset records in as few calls as the hourly limit asks for: consecutive
 * items with the same token go in one call, and each item gets its own status records back,
 * in order. Every item's input is checked before the first call. One output item per input item.
 */
export async function writeInBatches(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
	write: BatchWrite,
): Promise<INodeExecutionData[]> {
	const batchSize = write.batchSize ?? 100;
	const results: INodeExecutionData[][] = items.map(() => []);
	const fail = (error: Error, itemIndex: number) => {
		if (!this.continueOnFail()) throw withItemIndex(this, error, itemIndex);
		results[itemIndex] = [errorItem(error, itemIndex)];
	};

	const pending: Array<{ itemIndex: number; apiToken: string; request: WriteRequest }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const apiToken = requiredText.call(this, 'apiToken', 'API Token', itemIndex);
			pending.push({ itemIndex, apiToken, request: write.build(itemIndex) });
		} catch (error) {
			fail(error as Error, itemIndex);
		}
	}

	for (let start = 0; start < pending.length; ) {
		let end = start + 1;
		while (end < pending.length && end - start < batchSize && pending[end].apiToken === pending[start].apiToken) end++;
		const batch = pending.slice(start, end);
		start = end;

		let statuses: IDataObject[];
		try {
			const response = await smartConnectRequest.call(this, {
				endpoint: resource.endpoint,
				apiToken: batch[0].apiToken,
				itemIndex: batch[0].itemIndex,
				params: { jsonrset: batch.flatMap((entry) => entry.request.records) },
			});
			statuses = Array.isArray(response.records) ? (response.records as IDataObject[]) : [];
		} catch (error) {
			for (const entry of batch) fail(error as Error, entry.itemIndex);
			continue;
		}

		const shares = shareStatuses(batch.map((entry) => entry.request), statuses);
		batch.forEach((entry, position) => {
			try {
				if (!shares) {
					throw new NodeOperationError(
						this.getNode(),
						`SmartSimple answered ${statuses.length} statuses for ${batch.reduce((sum, e) => sum + e.request.statusCount, 0)} entries`,
						{
							itemIndex: entry.itemIndex,
							description:
								"The answer does not say which entries were saved: check the records in SmartSimple before running again, and that the API Token is this action's function.",
						},
					);
				}
				const json = write.output(entry.itemIndex, shares[position], entry.request);
				results[entry.itemIndex] = [{ json, pairedItem: { item: entry.itemIndex } }];
			} catch (error) {
				fail(error as Error, entry.itemIndex);
			}
		});
	}
	return results.flat();
}

/**
 * Splits a batch's status records among its items: in order, `statusCount` each; where the
 * server answers one status per jsonrset record instead, each record's status serves its entries.
 */
function shareStatuses(requests: WriteRequest[], statuses: IDataObject[]): IDataObject[][] | undefined {
	const expected = requests.reduce((sum, request) => sum + request.statusCount, 0);
	const records = requests.reduce((sum, request) => sum + request.records.length, 0);
	let offset = 0;
	if (statuses.length === expected) {
		return requests.map((request) => statuses.slice(offset, (offset += request.statusCount)));
	}
	if (statuses.length === records) {
		return requests.map((request) => {
			const own = statuses.slice(offset, (offset += request.records.length));
			return request.statusCount === own.length ? own : Array.from({ length: request.statusCount }, () => own[0]);
		});
	}
	return undefined;
}

/**
 * An error for entries SmartSimple refused, naming each one; the entries it saved stay saved.
 */
export function refusedError(
	this: IExecuteFunctions,
	itemIndex: number,
	what: string,
	failures: string[],
	savedCount: number,
	fix: string,
): NodeApiError {
	const message = `SmartSimple refused ${failures.length === 1 ? `the ${what}` : `${failures.length} ${what}s`}: ${failures.join('; ')}`;
	const saved = savedCount ? ` The other ${savedCount} ${what}${savedCount === 1 ? ' was' : 's were'} saved.` : '';
	return new NodeApiError(this.getNode(), { message, failures } as JsonObject, {
		message,
		description: `${fix}${saved}`,
		itemIndex,
	});
}

const LIST_PROBLEM = DOCUMENTED_ERRORS.find(({ text }) => text === 'Encountered error while processing list')?.problem;

/**
 * SmartConnect answers "Encountered error while processing list" when an upload field is not
 * in the function's field list; the generic advice (filters, sort) does not fit file actions.
 */
export function explainFileFieldError(error: unknown): unknown {
	if (error instanceof NodeApiError && error.message === LIST_PROBLEM?.message) {
		error.description =
			"Check the Field ID: it must be the custom field ID of an upload field, and that field must be in the function's field list. Also check the API Token is a function of this action and record type.";
	}
	return error;
}
