import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { listOfRecord, listProperties } from './related';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'List Provider/Consumer Links',
	action: (resource) => `List provider/consumer links of a ${resource.singular}`,
	description: (resource) =>
		`List the provider/consumer links of a ${resource.singular} (a relationship configured between two UTAs), one item per link`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'A Provider/Consumer - List function of this record type: the function names the relationship, e.g. "Meeting Manager - L1 to Submission Manager - L1".',
	),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record whose links to list (as provider or consumer)' },
	...listProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('listProviderConsumer'), operation: ['listProviderConsumer'] } },
	properties,
);

/**
 * Output: one item per link, with the standard and custom fields of the relationship as
 * SmartSimple lists them (the sandbox: `associationid`, `providerid`, `providername`,
 * `consumerid`, `consumername`, `roleid`, `rolename`): map `associationid` into Update
 * Provider/Consumer Link to change a link's role.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await listOfRecord.call(this, items, resource);
}
