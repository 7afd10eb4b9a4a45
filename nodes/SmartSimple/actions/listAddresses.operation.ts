import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { listOfRecord, listProperties } from './related';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'List Addresses',
	action: (resource) => `List addresses of a ${resource.singular}`,
	description: (resource) =>
		`List the multiple addresses of a ${resource.singular}, one item per address`,
};

const properties: INodeProperties[] = [
	apiTokenProperty('A List Multiple Addresses function of this record type.'),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record whose addresses to list' },
	...listProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('listAddresses'), operation: ['listAddresses'] } },
	properties,
);

/**
 * Output: one item per address as SmartSimple lists it: `addressid`, `objectid`, `addresstype`,
 * `address`, `address2`, `city`, `state`, `country`, `postalcode`. Map `addressid` into Update
 * Addresses to change one.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await listOfRecord.call(this, items, resource);
}
