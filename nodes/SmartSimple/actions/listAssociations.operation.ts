import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { listOfRecord, listProperties } from './related';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'List Associations',
	action: (resource) => `List associations of a ${resource.singular}`,
	description: (resource) =>
		`List the contacts and companies associated with a ${resource.singular}, one item per association`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'A List Associations function of this record type (field list e.g. contacts.*;;companies.*).',
	),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record whose associations to list' },
	...listProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('listAssociations'), operation: ['listAssociations'] } },
	properties,
);

/**
 * Output: one item per association as SmartSimple lists it: `associationid`, `objectid`,
 * `type` (`contact` or `company`), `contactid` or `companyid`, `name`, `rolename`, `roleid`.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await listOfRecord.call(this, items, resource);
}
