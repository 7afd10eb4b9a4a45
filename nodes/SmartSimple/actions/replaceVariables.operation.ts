import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import { forEachItem } from '../helpers/items';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { answerError, smartConnectRequest } from '../transport/request';
import { timeoutOnlyOptions } from '../transport/timeout';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'Replace Variables',
	action: (resource) => `Fill in variables from a ${resource.singular}`,
	description: (resource) =>
		`Fill the @variables@ in a text with the values of one ${resource.singular}`,
};

const properties: INodeProperties[] = [
	apiTokenProperty('A Variables Replace function of this record type.'),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record whose values fill the text' },
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'Dear @firstname@, your application @name@ is @status@.',
		description:
			'Text with SmartSimple variables between @ signs (e.g. @firstname@, @Start Date@); SmartSimple returns it filled in with the record\'s values',
	},
	timeoutOnlyOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('replaceVariables'), operation: ['replaceVariables'] } },
	properties,
);

/** Output: one item per input item, `{ content }` with the filled-in text. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const apiToken = requiredText.call(this, 'apiToken', 'API Token', itemIndex);
		const recordid = requiredText.call(this, 'recordId', 'Record ID', itemIndex);
		requiredText.call(this, 'content', 'Content', itemIndex);
		// Sent as typed: leading and trailing white space can matter in a template.
		const content = String(this.getNodeParameter('content', itemIndex));
		const response = await smartConnectRequest.call(this, {
			endpoint: resource.endpoint,
			apiToken,
			itemIndex,
			params: { recordid, content },
		});
		const records = Array.isArray(response.records) ? (response.records as IDataObject[]) : [];
		const filled = records[0]?.content ?? response.content;
		if (typeof filled !== 'string') {
			throw answerError.call(
				this,
				{
					message: 'SmartSimple answered without the filled-in content',
					description: 'Check the API Token is a Variables Replace function of this record type.',
				},
				itemIndex,
			);
		}
		return { content: filled };
	});
}
