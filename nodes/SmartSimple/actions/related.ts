/**
 * Shared by the operations on what hangs off a record rather than the record itself: files,
 * associations and addresses. SmartConnect names the record `objectid` there.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { limitProperty, pageSizeOption, returnAllProperty } from '../descriptions/common';
import { forEachItem } from '../helpers/items';
import { readPaging, requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { errorCode, quotingAnswer } from '../transport/errors';
import { fetchAll } from '../transport/paging';
import { requestTimeoutOption } from '../transport/timeout';

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
		options: [pageSizeOption, requestTimeoutOption],
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
		const paging = readPaging.call(this, itemIndex);
		try {
			return await fetchAll.call(this, { endpoint: resource.endpoint, apiToken, itemIndex, params }, paging);
		} catch (error) {
			throw 'fieldid' in params ? explainFileFieldError(error) : error;
		}
	});
}

/**
 * SmartConnect answers "Encountered error while processing list" when an upload field is not
 * in the function's field list; the generic advice (filters, sort) does not fit file actions.
 */
export function explainFileFieldError(error: unknown): unknown {
	if (error instanceof NodeApiError && errorCode(error) === 'LIST_ERROR') {
		error.description = quotingAnswer(
			'Encountered error while processing list',
			"Check the Field ID: it must be the custom field ID of an upload field, and that field must be in the function's field list. Also check the API Token is a function of this action and record type.",
		);
	}
	return error;
}
