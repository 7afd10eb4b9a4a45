import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	apiTokenProperty,
	keyFormatOption,
	recordIdProperty,
	stripPrefixesOption,
	valueFormatOption,
} from '../descriptions/common';
import type { OutputOptions } from '../helpers/items';
import { forEachItem, outputSettings, shapeRecords } from '../helpers/items';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { smartConnectRequest } from '../transport/request';
import { requestTimeoutOption } from '../transport/timeout';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'Get',
	action: (resource) => `Get a ${resource.singular}`,
	description: (resource) => `Retrieve one ${resource.singular} by its ID`,
};

const properties: INodeProperties[] = [
	apiTokenProperty('A Get function of this record type.'),
	recordIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [keyFormatOption, requestTimeoutOption, stripPrefixesOption, valueFormatOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('get'), operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as OutputOptions;
		const othersettings = outputSettings(options);
		const response = await smartConnectRequest.call(this, {
			endpoint: resource.endpoint,
			apiToken: requiredText.call(this, 'apiToken', 'API Token', itemIndex),
			itemIndex,
			params: {
				recordid: requiredText.call(this, 'recordId', 'Record ID', itemIndex),
				...(Object.keys(othersettings).length ? { othersettings } : {}),
			},
		});
		const records = (response.records ?? []) as IDataObject[];
		return shapeRecords(records, options);
	});
}
