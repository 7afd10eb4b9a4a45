import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import type { OperationOption } from './types';
import { acceptedAnswer, executeWrites } from './write/batches';
import { batchWriteOptions, readBatchSize, readRecordId } from './write/fields';

export const option: OperationOption = {
	name: 'Delete',
	action: (resource) => `Delete a ${resource.singular}`,
	description: (resource) => `Delete one ${resource.singular} per input item`,
};

const properties: INodeProperties[] = [
	apiTokenProperty('A Delete function of this record type (its field list may stay empty).'),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record to delete, e.g. {{ $json.recordid }}' },
	batchWriteOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('delete'), operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	const batchSize = readBatchSize.call(this);
	return await executeWrites.call(this, items, {
		endpoint: resource.endpoint,
		batchSize,
		prepare: (itemIndex) => {
			const recordid = readRecordId.call(this, itemIndex);
			return { records: [{ recordid }] };
		},
		output: (entry, statuses, batch) => {
			const answer = acceptedAnswer.call(this, 'delete', entry, statuses, batch);
			return { recordid: String(answer.recordid ?? entry.records[0].recordid), deleted: true, status: answer.status };
		},
	});
}
