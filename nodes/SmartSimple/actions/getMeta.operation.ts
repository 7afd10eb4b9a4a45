import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty } from '../descriptions/common';
import { forEachItem } from '../helpers/items';
import { readMetaLevels } from '../helpers/meta';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { answerError, smartConnectRequest } from '../transport/request';
import { timeoutOnlyOptions } from '../transport/timeout';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'Get Meta',
	action: (resource) => `Get the configuration of ${resource.plural}`,
	description: () => 'Get the UTA configuration: types, statuses and fields of each level',
};

type MetaOutput = 'levels' | 'fields' | 'types' | 'statuses';

const properties: INodeProperties[] = [
	apiTokenProperty(
		'A Get Meta function of this record type; its field list names the levels, e.g. levelone.*;;leveltwo.*;;levelthree.*.',
	),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'levels',
		options: [
			{
				name: 'One Item per Field',
				value: 'fields',
				description: 'Each field with its level, ID, name, caption and type: to document or map fields',
			},
			{
				name: 'One Item per Level',
				value: 'levels',
				description: 'Each UTA level with its types, statuses and fields as lists',
			},
			{
				name: 'One Item per Status',
				value: 'statuses',
				description: 'Each status with its level, ID and name: to look up the stored value of a status',
			},
			{
				name: 'One Item per Type',
				value: 'types',
				description: 'Each type with its level, ID and name: to look up the stored value of a type',
			},
		],
		description:
			'How to split the configuration into items. Every item names its level ("levelone", "leveltwo", "levelthree").',
	},
	timeoutOnlyOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('getMeta'), operation: ['getMeta'] } },
	properties,
);

/**
 * Every level the function's field list names comes back, whatever the chosen resource.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const apiToken = requiredText.call(this, 'apiToken', 'API Token', itemIndex);
		const output = this.getNodeParameter('output', itemIndex, 'levels') as MetaOutput;
		const response = await smartConnectRequest.call(this, {
			endpoint: resource.endpoint,
			apiToken,
			itemIndex,
		});
		const levels = readMetaLevels(response);
		if (!levels.length) {
			throw answerError.call(
				this,
				{
					message: 'SmartSimple answered without any configuration',
					description:
						'Check the API Token is a Get Meta function of this record type and that its field list names the levels, e.g. levelone.*',
				},
				itemIndex,
			);
		}
		if (output === 'levels') return levels;
		return levels.flatMap((level) => {
			const entries = Array.isArray(level[output]) ? (level[output] as IDataObject[]) : [];
			return entries.map((entry) => ({ level: level.level, ...entry }));
		});
	});
}
