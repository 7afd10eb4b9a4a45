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
import type { OperationOption } from './types';
import type { WriteJob } from './write/batches';
import { executeWrites, savedOutput } from './write/batches';
import {
	batchSizeOption,
	checkAgainstFieldList,
	columnsProperty,
	getMetaTokenOption,
	mapperFields,
	orderRow,
	readBatchSize,
	readColumns,
	readFieldList,
	readRecordId,
} from './write/fields';
import type { ReadAction, UpdateRecord } from './write/readCurrent';
import { fillUnchangedFields } from './write/readCurrent';
import { requestTimeoutOption } from '../transport/timeout';

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
	columnsProperty('map'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			batchSizeOption,
			getMetaTokenOption,
			{
				displayName: 'Fill Unchanged Fields From',
				name: 'readCurrentToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Token of a List (or Get) function of this record type whose field list names the same fields. SmartSimple needs every field on each update: the current record is read first (stored values) and every field not set in Columns keeps its value. Without this, set every field.',
			},
			{
				displayName: 'Fill Read With',
				name: 'readCurrentAction',
				type: 'options',
				default: 'list',
				options: [
					{
						name: 'List Function',
						value: 'list',
						description: 'One call per batch reads all its records',
					},
					{
						name: 'Get Function',
						value: 'get',
						description: 'One call per record',
					},
				],
				description: 'Which kind of function the Fill Unchanged Fields From token belongs to',
			},
			requestTimeoutOption,
			stripPrefixesOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('update'), operation: ['update'] } },
	properties,
);

interface UpdateOptions {
	readCurrentToken?: string;
	readCurrentAction?: ReadAction;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	const job: WriteJob<UpdateRecord> = {
		endpoint: resource.endpoint,
		batchSize: readBatchSize.call(this),
		prepare: (itemIndex) => {
			const recordid = readRecordId.call(this, itemIndex);
			const fieldList = readFieldList.call(this, itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as UpdateOptions;
			const readToken = String(options.readCurrentToken ?? '').trim();
			const readAction: ReadAction = options.readCurrentAction === 'get' ? 'get' : 'list';
			const fields = readColumns.call(this, items[itemIndex], itemIndex, fieldList);
			checkAgainstFieldList.call(
				this,
				fields,
				fieldList,
				itemIndex,
				// Missing fields are only a problem where nothing fills them.
				readToken
					? undefined
					: 'Set every field in Columns (unchanged ones to their current value), or add Options → Fill Unchanged Fields From with a List function token so unset fields keep their values.',
			);
			if (!readToken && !Object.keys(fields).length) {
				throw new NodeOperationError(this.getNode(), 'Columns sets no field', {
					itemIndex,
					description:
						'Set the fields to change in Columns. SmartSimple needs every field of the function on each update: set them all, or add Options → Fill Unchanged Fields From.',
				});
			}
			const mapped = mapperFields.call(this, itemIndex);
			return {
				groupKey: JSON.stringify([readToken, readAction]),
				records: [orderRow({ recordid, ...fields }, fieldList)],
				fieldList,
				read: readToken ? { apiToken: readToken, action: readAction } : undefined,
				fillFields: fieldList.length ? fieldList : mapped.length ? mapped : undefined,
			};
		},
		beforeSend: async (batch) => await fillUnchangedFields.call(this, resource.endpoint, batch),
		output: (entry, statuses, batch) => savedOutput.call(this, entry, statuses, batch),
	};
	return await executeWrites.call(this, items, job);
}
