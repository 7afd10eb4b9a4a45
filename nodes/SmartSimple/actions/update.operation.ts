import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	apiTokenProperty,
	fieldListProperty,
	recordIdProperty,
	stripPrefixesOption,
} from '../descriptions/common';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { requestTimeoutOption } from '../transport/timeout';
import { readLevelledFieldList, readTransactionLevel, transactionLevelOption, withTransactionLevel } from './transactionLevel';
import type { OperationOption } from './types';
import type { WriteJob, WriteOutputOptions } from './write/batches';
import { executeWrites, savedOutput } from './write/batches';
import {
	batchSizeOption,
	columnsProperty,
	fieldsNotSetProperty,
	getMetaTokenOption,
	orderRow,
	readBatchSize,
	readColumns,
	readCurrentOptions,
	readColumnsSetup,
	readRecordId,
	settleUnsetFields,
	updateRuleNotice,
} from './write/fields';
import { perItemReader } from './write/perItem';
import type { ReadAction, UpdateRecord } from './write/readCurrent';
import { fillUnchangedFields } from './write/readCurrent';

export const option: OperationOption = {
	name: 'Update',
	action: (resource) => `Update a ${resource.singular}`,
	description: (resource) => `Change one ${resource.singular} per input item`,
};

const properties: INodeProperties[] = [
	apiTokenProperty('An Update function of this record type.'),
	{ ...recordIdProperty, description: "The SmartSimple ID of the record to change, e.g. {{ $json.recordid }}" },
	fieldListProperty(
		"The Update function's field list (optional). Where given, Columns offers exactly its fields, and each record is checked to carry every one of them and nothing else before any call.",
	),
	updateRuleNotice,
	fieldsNotSetProperty('update'),
	columnsProperty('map'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...readCurrentOptions, batchSizeOption, getMetaTokenOption, requestTimeoutOption, stripPrefixesOption, transactionLevelOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('update'), operation: ['update'] } },
	properties,
);

interface UpdateOptions extends WriteOutputOptions {
	readCurrentToken?: string;
	readCurrentAction?: ReadAction;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	const perItem = perItemReader.call(this);
	const setup = readColumnsSetup.call(this, perItem);
	const levelOf = perItem(['options'], (itemIndex) => readTransactionLevel.call(this, itemIndex, resource));
	const fieldListOf = perItem(['fieldList', 'options'], (itemIndex) =>
		readLevelledFieldList.call(this, itemIndex, levelOf(itemIndex)),
	);
	const optionsOf = perItem(
		['options'],
		(itemIndex) => this.getNodeParameter('options', itemIndex, {}) as UpdateOptions,
	);
	const job: WriteJob<UpdateRecord> = {
		endpoint: resource.endpoint,
		batchSize: readBatchSize.call(this),
		prepare: (itemIndex) => {
			const recordid = readRecordId.call(this, itemIndex);
			const level = levelOf(itemIndex);
			const fieldList = fieldListOf(itemIndex);
			const options = optionsOf(itemIndex);
			const keep = setup.fieldsNotSet === 'keep';
			const readToken = keep ? String(options.readCurrentToken ?? '').trim() : '';
			const readAction: ReadAction = options.readCurrentAction === 'get' ? 'get' : 'list';
			const fields = readColumns.call(this, items[itemIndex], itemIndex, fieldList, setup);
			settleUnsetFields.call(this, fields, fieldList, itemIndex, setup.fieldsNotSet, readToken !== '');
			if (!readToken && !Object.keys(fields).length) {
				throw new NodeOperationError(this.getNode(), 'Columns sets no field', {
					itemIndex,
					description:
						'Set the fields to change in Columns. SmartSimple needs every field of the function on each update: set them all, or choose Fields Not Set → Keep Current Values with Options → Read Current Values From.',
				});
			}
			return {
				groupKey: JSON.stringify([readToken, readAction]),
				...withTransactionLevel(orderRow(recordid, fields, fieldList), level),
				fieldList,
				rules: setup.rules,
				read: readToken ? { apiToken: readToken, action: readAction } : undefined,
				fillFields: fieldList.length ? fieldList : setup.mapperFields.length ? setup.mapperFields : undefined,
			};
		},
		beforeSend: async (batch) => await fillUnchangedFields.call(this, resource.endpoint, batch),
		output: (entry, statuses, batch) => savedOutput.call(this, entry, statuses, batch, optionsOf(entry.itemIndex)),
	};
	return await executeWrites.call(this, items, job);
}
