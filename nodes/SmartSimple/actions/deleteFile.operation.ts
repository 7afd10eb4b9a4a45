import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { fieldIdProperty, fileNameProperty } from './related';
import type { OperationOption } from './types';
import { checkPartStatuses, executeWrites } from './write/batches';
import { batchWriteOptions, readBatchSize } from './write/fields';

export const option: OperationOption = {
	name: 'Delete File',
	action: (resource) => `Delete a file of a ${resource.singular}`,
	description: (resource) => `Delete one file from an upload field of a ${resource.singular} per input item`,
};

const properties: INodeProperties[] = [
	apiTokenProperty('A Files - Delete function of this record type whose field list includes the upload fields.'),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record the file is attached to' },
	{ ...fieldIdProperty, required: true },
	fileNameProperty,
	batchWriteOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('deleteFile'), operation: ['deleteFile'] } },
	properties,
);

/**
 * Input items go together, one jsonrset entry `{ objectid, fieldid, filename }` each (files of
 * several records and fields in one call, as the vendor's sample shows). Output: one item per
 * input item, `{ recordId, fieldId, fileName, deleted: true, status }`; a file SmartSimple does
 * not find fails only its own item.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await executeWrites.call(this, items, {
		endpoint: resource.endpoint,
		batchSize: readBatchSize.call(this),
		prepare: (itemIndex) => ({
			records: [
				{
					objectid: requiredText.call(this, 'recordId', 'Record ID', itemIndex),
					fieldid: requiredText.call(this, 'fieldId', 'Field ID', itemIndex),
					filename: requiredText.call(this, 'fileName', 'File Name', itemIndex),
				},
			],
		}),
		output: ({ itemIndex, records }, [answer]) => {
			const { objectid, fieldid, filename } = records[0];
			checkPartStatuses.call(
				this,
				itemIndex,
				'file',
				[answer ?? {}],
				() => `"${filename}" in field ${fieldid} of record ${objectid}`,
				'Check the File Name (exactly as List Files shows it, with its extension), the Field ID and the Record ID. The API Token must be a Files - Delete function whose field list includes the field.',
			);
			return { recordId: objectid, fieldId: fieldid, fileName: filename, deleted: true, status: answer.status };
		},
	});
}
