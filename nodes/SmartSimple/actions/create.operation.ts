import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, fieldListProperty, stripPrefixesOption } from '../descriptions/common';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { requestTimeoutOption } from '../transport/timeout';
import { readLevelledFieldList, readTransactionLevel, transactionLevelOption, withTransactionLevel } from './transactionLevel';
import type { OperationOption } from './types';
import type { WriteOutputOptions } from './write/batches';
import { executeWrites, savedOutput } from './write/batches';
import {
	batchSizeOption,
	columnsProperty,
	fieldsNotSetProperty,
	getMetaTokenOption,
	orderRow,
	readBatchSize,
	readColumns,
	readColumnsSetup,
	settleUnsetFields,
	updateRuleNotice,
} from './write/fields';
import { perItemReader } from './write/perItem';

export const option: OperationOption = {
	name: 'Create',
	action: (resource) => `Create a ${resource.singular}`,
	description: (resource) => `Create one ${resource.singular} per input item`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'An Update function of this record type: SmartSimple creates records with Update functions (record ID 0).',
	),
	fieldListProperty(
		"The Update function's field list (optional). Where given, Columns offers exactly its fields, and each record is checked to carry every one of them and nothing else before any call.",
	),
	updateRuleNotice,
	fieldsNotSetProperty('create'),
	columnsProperty('add'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			batchSizeOption,
			{
				displayName: 'Discover Fields From (List Token)',
				name: 'discoveryToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Editor only: token of a List function of this record type. Without a Field List, Columns then offers the fields of one record it reads.',
			},
			getMetaTokenOption,
			requestTimeoutOption,
			stripPrefixesOption,
			transactionLevelOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('create'), operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	const batchSize = readBatchSize.call(this);
	const perItem = perItemReader.call(this);
	const setup = readColumnsSetup.call(this, perItem);
	const levelOf = perItem(['options'], (itemIndex) => readTransactionLevel.call(this, itemIndex, resource));
	const fieldListOf = perItem(['fieldList', 'options'], (itemIndex) =>
		readLevelledFieldList.call(this, itemIndex, levelOf(itemIndex)),
	);
	const outputOptionsOf = perItem(
		['options'],
		(itemIndex) => this.getNodeParameter('options', itemIndex, {}) as WriteOutputOptions,
	);
	return await executeWrites.call(this, items, {
		endpoint: resource.endpoint,
		batchSize,
		prepare: (itemIndex) => {
			const level = levelOf(itemIndex);
			const fieldList = fieldListOf(itemIndex);
			const fields = readColumns.call(this, items[itemIndex], itemIndex, fieldList, setup);
			settleUnsetFields.call(this, fields, fieldList, itemIndex, setup.fieldsNotSet, false);
			if (!Object.keys(fields).length) {
				throw new NodeOperationError(this.getNode(), 'Columns sets no field', {
					itemIndex,
					description:
						'Set the values of the new record in Columns, or with "Map Automatically" give the input item keys named like the fields (sf_First Name, cf_My Field).',
				});
			}
			return withTransactionLevel(orderRow('0', fields, fieldList), level);
		},
		output: (entry, statuses, batch) =>
			savedOutput.call(this, entry, statuses, batch, outputOptionsOf(entry.itemIndex)),
	});
}
