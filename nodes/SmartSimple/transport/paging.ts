import type { IDataObject } from 'n8n-workflow';

import type { SmartConnectCall, SmartConnectContext } from './request';
import { smartConnectRequest, toFormFields } from './request';

/** SmartConnect never returns more than this many records from one call. */
export const MAX_RECORDS_PER_CALL = 10_000;

export interface ListCall extends SmartConnectCall {
	criteria?: IDataObject[];
	sortby?: IDataObject[];
	/** getstorevalue, keyformat, includearchive; the paging keys are set here. */
	othersettings?: IDataObject;
}

export interface ListPage {
	records: IDataObject[];
	/** Records matching in all, from `message.allcount`; undefined where the server omits it. */
	allcount?: number;
}

export interface PagingOptions {
	returnAll: boolean;
	limit?: number;
	pageSize?: number;
}

/**
 * The call that reads records `start` to `start + count - 1` (1-based, inclusive), its
 * structured parameters already encoded as form fields.
 */
export function pageCall(call: ListCall, start: number, count: number): SmartConnectCall {
	const { criteria, sortby, othersettings, params, ...request } = call;
	return {
		...request,
		params: toFormFields({
			...params,
			criteria: criteria?.length ? criteria : undefined,
			sortby: sortby?.length ? sortby : undefined,
			// recordstart + recordend is the guide's first-priority paging rule: an exact window.
			othersettings: { ...othersettings, recordstart: start, recordend: start + count - 1 },
		}),
	};
}

/** One list call for records `start` to `start + count - 1` (1-based, inclusive). */
export async function fetchPage(
	this: SmartConnectContext,
	call: ListCall,
	start: number,
	count: number,
): Promise<ListPage> {
	return await readPage.call(this, pageCall(call, start, count));
}

/** Sends a call built by `pageCall` and reads its records and count. */
export async function readPage(this: SmartConnectContext, call: SmartConnectCall): Promise<ListPage> {
	// One failed page is retried by the transport on its own: the pages already read are kept.
	const response = await smartConnectRequest.call(this, call);
	const records = listRecords(response);
	const message = response.message as IDataObject | undefined;
	const allcount = Number(message?.allcount);
	return { records, allcount: Number.isFinite(allcount) ? allcount : undefined };
}

/**
 * The records of a list answer: `records`, or for lists whose answer the vendor does not publish
 * (Notes - List) also a bare array or `notes`.
 */
function listRecords(response: IDataObject | IDataObject[]): IDataObject[] {
	if (Array.isArray(response)) return response;
	const records = response.records ?? response.notes;
	return Array.isArray(records) ? (records as IDataObject[]) : [];
}

/**
 * Reads a list with the fewest calls: the first answer tells `allcount`, so the remaining pages
 * are planned and no empty call closes the loop. N records at page size P cost ceil(N / P)
 * calls; a limit of at most 10,000 costs one call.
 */
export async function fetchAll(
	this: SmartConnectContext,
	call: ListCall,
	{ returnAll, limit = 50, pageSize = 1000 }: PagingOptions,
): Promise<IDataObject[]> {
	const wanted = returnAll ? Infinity : Math.max(0, limit);
	const perCall = Math.min(returnAll ? pageSize : Math.min(wanted, MAX_RECORDS_PER_CALL), MAX_RECORDS_PER_CALL);
	if (wanted === 0) return [];

	let records: IDataObject[] = [];
	let total = wanted;
	while (records.length < total) {
		const count = Math.min(perCall, total - records.length);
		const page = await fetchPage.call(this, call, records.length + 1, count);
		// The first page's array is kept as it is; later pages are appended without spreading
		// thousands of arguments.
		if (!records.length) records = page.records;
		else for (const record of page.records) records.push(record);
		if (page.allcount !== undefined) total = Math.min(wanted, page.allcount);
		// A short page means the end, also where the server gives no allcount.
		if (page.records.length < count) break;
	}
	// A server that ignores the window may send more than asked for.
	if (records.length > wanted) records.length = wanted;
	return records;
}
