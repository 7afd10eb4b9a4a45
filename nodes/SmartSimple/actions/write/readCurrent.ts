import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isWritableField } from '../../resources';
import { errorCode } from '../../transport/errors';
import { fetchPage } from '../../transport/paging';
import { smartConnectRequest } from '../../transport/request';
import type { WriteEntry } from './batches';
import type { ValueRules } from './fields';
import { checkAgainstFieldList, orderRow, toWireValue, withoutRecordId } from './fields';

export type ReadAction = 'list' | 'get';

export interface UpdateRecord extends WriteEntry {
	fieldList: string[];
	rules: ValueRules;
	/** How to read the current record, where the user asked for it. */
	read?: { apiToken: string; action: ReadAction };
	/** Fields to fill when not set; undefined: every field the read returns but the read-only ones. */
	fillFields?: string[];
}

function needsRead(record: UpdateRecord): boolean {
	if (!record.read) return false;
	const [row] = record.records;
	return record.fillFields === undefined || record.fillFields.some((field) => row[field] === undefined);
}

/**
 * Reads the current records of a batch with stored values and fills every field the user did
 * not set, so changing one field keeps the others. A List token reads the whole batch in one
 * call (criteria `recordid = a or recordid = b ...`); a Get token costs one call per record.
 * Returns the records that could not be filled.
 */
export async function fillUnchangedFields(
	this: IExecuteFunctions,
	endpoint: string,
	batch: UpdateRecord[],
): Promise<Map<UpdateRecord, Error>> {
	const failures = new Map<UpdateRecord, Error>();
	const pending = batch.filter(needsRead);
	if (!pending.length) return failures;

	// Records of one batch share their read options (they are grouped by them).
	const { apiToken, action } = pending[0].read as { apiToken: string; action: ReadAction };
	// The first item that asked for each record: a read error is reported on it.
	const askedBy = new Map<string, number>();
	for (const record of pending) {
		const id = String(record.records[0].recordid);
		if (!askedBy.has(id)) askedBy.set(id, record.itemIndex);
	}
	const ids = [...askedBy.keys()];
	const current = new Map<string, IDataObject>();
	const readErrors = new Map<string, Error>();

	if (action === 'list') {
		const page = await fetchPage.call(
			this,
			{
				endpoint,
				apiToken,
				itemIndex: pending[0].itemIndex,
				criteria: ids.map((id, index) => ({
					andor: index === 0 ? 'and' : 'or',
					field: 'recordid',
					operator: '=',
					value: id,
				})),
				othersettings: { getstorevalue: 1 },
			},
			1,
			ids.length,
		);
		for (const found of page.records) current.set(String(found.recordid), found);
	} else {
		for (const [id, itemIndex] of askedBy) {
			try {
				const response = await smartConnectRequest.call(this, {
					endpoint,
					apiToken,
					itemIndex,
					params: { recordid: id, othersettings: { getstorevalue: 1 } },
				});
				const found = (response.records as IDataObject[] | undefined)?.[0];
				if (found) current.set(id, found);
			} catch (error) {
				// A blank answer is how a Get function says the record does not exist.
				if (errorCode(error) !== 'BLANK_RESPONSE') readErrors.set(id, error as Error);
			}
		}
	}

	for (const record of pending) {
		const [row] = record.records;
		const id = String(row.recordid);
		const found = current.get(id);
		if (!found) {
			failures.set(record, readErrors.get(id) ?? notFound.call(this, record, action));
			continue;
		}
		const fill = record.fillFields ?? Object.keys(found).filter(isWritableField);
		try {
			// Current values go back as read; only date fields take SmartSimple's YYYY-MM-DD.
			for (const field of fill) {
				if (row[field] === undefined && field in found) {
					row[field] = toWireValue.call(this, field, found[field], record.rules, record.itemIndex, true);
				}
			}
			record.records = [orderRow(row.recordid, row, record.fieldList)];
			checkAgainstFieldList.call(
				this,
				withoutRecordId(record.records[0]),
				record.fieldList,
				record.itemIndex,
				"The Read Current Values From function did not return these fields: add them to its field list in SmartSimple (named as in the Update function's field list), or set them in Columns.",
			);
		} catch (error) {
			failures.set(record, error as Error);
		}
	}
	return failures;
}

function notFound(this: IExecuteFunctions, record: UpdateRecord, action: ReadAction): NodeOperationError {
	const id = String(record.records[0].recordid);
	return new NodeOperationError(this.getNode(), `Read Current Values From found no record ${id}`, {
		itemIndex: record.itemIndex,
		description: `The ${action === 'list' ? 'List' : 'Get'} function did not return record ${id}, so its current values are unknown and nothing was saved. Check the Record ID, and that the function is of the same record type.`,
	});
}
