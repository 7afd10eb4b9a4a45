import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty } from '../descriptions/common';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { fieldIdProperty, listProperties, listRelated } from './related';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'Search Files',
	action: (resource) => `Search files of ${resource.plural}`,
	description: (resource) =>
		`Find files attached to any ${resource.singular} by words in their contents, one item per file`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'A Search Files function of this record type; its field list names the upload fields searched.',
	),
	{
		displayName: 'Keyword',
		name: 'keyword',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'budget',
		description: 'Word or phrase to look for in the contents of the files',
	},
	{
		...fieldIdProperty,
		description:
			"Only search this upload field (its custom field ID). Leave empty to search every upload field of the function's field list.",
	},
	...listProperties,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('searchFiles'), operation: ['searchFiles'] } },
	properties,
);

/** Output: one item per matching file, shaped like List File's items (`objectid` names the record). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await listRelated.call(this, items, resource, (itemIndex) => {
		const params: IDataObject = { keyword: requiredText.call(this, 'keyword', 'Keyword', itemIndex) };
		const fieldId = String(this.getNodeParameter('fieldId', itemIndex, '') ?? '').trim();
		if (fieldId) params.fieldid = fieldId;
		return params;
	});
}
