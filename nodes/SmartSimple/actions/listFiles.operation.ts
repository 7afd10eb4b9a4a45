import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { fieldIdProperty, listProperties, listRelated } from './related';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'List Files',
	action: (resource) => `List files of a ${resource.singular}`,
	description: (resource) =>
		`List the files in one upload field of a ${resource.singular}, one item per file`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'A List Files function of this record type whose field list names the upload fields to read.',
	),
	{ ...recordIdProperty, description: "The SmartSimple ID of the record whose files to list" },
	{ ...fieldIdProperty, required: true },
	...listProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('listFiles'), operation: ['listFiles'] } },
	properties,
);

/**
 * Output: one item per file, as SmartSimple lists it (`fileid`, `filename`, `filesize`,
 * `fieldid`, `objectid`, `uploaddate`): map `objectid`, `fieldid` and `filename` straight into
 * Download File.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await listRelated.call(this, items, resource, (itemIndex) => ({
		objectid: requiredText.call(this, 'recordId', 'Record ID', itemIndex),
		fieldid: requiredText.call(this, 'fieldId', 'Field ID', itemIndex),
	}));
}
