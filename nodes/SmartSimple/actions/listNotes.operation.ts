import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { listOfRecord, listProperties } from './related';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'List Notes',
	action: (resource) => `List notes of a ${resource.singular}`,
	description: (resource) => `List the notes of a ${resource.singular}, one item per note`,
};

const properties: INodeProperties[] = [
	apiTokenProperty('A Notes - List function of this record type.'),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record whose notes to list' },
	...listProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('listNotes'), operation: ['listNotes'] } },
	properties,
);

/**
 * Output: one item per note, with the keys SmartSimple answers. The vendor does not publish
 * this answer: any list-shaped one is taken (`records`, a bare array, or `notes`); the sandbox
 * answers `noteid`, `objectid`, `notetype`, `note`, `createdby`, `createddate`.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await listOfRecord.call(this, items, resource);
}
