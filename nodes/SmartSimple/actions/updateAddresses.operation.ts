import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { checkPartStatuses, executeWrites } from './write/batches';
import { batchWriteOptions, readBatchSize } from './write/fields';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'Create or Update Address',
	action: (resource) => `Create or update an address of a ${resource.singular}`,
	description: (resource) => `Add an address to a ${resource.singular}, or change one of its addresses`,
};

/** Parameter name → SmartConnect key, in the order SmartSimple lists them. */
const ADDRESS_FIELDS: Record<string, string> = {
	addressType: 'addresstype',
	address: 'address',
	address2: 'address2',
	city: 'city',
	state: 'state',
	country: 'country',
	postalCode: 'postalcode',
};

const properties: INodeProperties[] = [
	apiTokenProperty('An Update Multiple Addresses function of this record type.'),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record the address belongs to' },
	{
		displayName: 'Address ID',
		name: 'addressId',
		type: 'string',
		default: '0',
		description:
			'0 adds a new address; to change an address, its ID (map "addressid" from List Addresses)',
	},
	{
		displayName: 'Address Fields',
		name: 'addressFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to set. Fields left out keep their value (a new address leaves them empty).',
		options: [
			{ displayName: 'Address', name: 'address', type: 'string', default: '', placeholder: '100 Main St' },
			{ displayName: 'Address Line 2', name: 'address2', type: 'string', default: '', placeholder: 'Suite 200' },
			{ displayName: 'Address Type', name: 'addressType', type: 'string', default: '', placeholder: 'Mailing' },
			{ displayName: 'City', name: 'city', type: 'string', default: '' },
			{ displayName: 'Country', name: 'country', type: 'string', default: '' },
			{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
			{ displayName: 'State / Province', name: 'state', type: 'string', default: '' },
		],
	},
	batchWriteOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('updateAddresses'), operation: ['updateAddresses'] } },
	properties,
);

/**
 * Input items are sent together (one call per Batch Size items with the same token). Output: one item
 * per input item, `{ recordId, addressId, status, ...fields sent }` where `addressId` is the new
 * ID of a created address.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await executeWrites.call(this, items, {
		endpoint: resource.endpoint,
		batchSize: readBatchSize.call(this),
		prepare: (itemIndex) => {
			const objectid = requiredText.call(this, 'recordId', 'Record ID', itemIndex);
			const addressid = String(this.getNodeParameter('addressId', itemIndex, '0') ?? '').trim() || '0';
			if (!/^\d+$/.test(addressid)) {
				throw new NodeOperationError(this.getNode(), `Address ID "${addressid}" is not a SmartSimple ID`, {
					itemIndex,
					description: 'Enter 0 to add a new address, or the numeric ID of the address to change.',
				});
			}
			const given = this.getNodeParameter('addressFields', itemIndex, {}) as IDataObject;
			const record: IDataObject = { addressid, objectid };
			for (const [name, key] of Object.entries(ADDRESS_FIELDS)) {
				if (given[name] !== undefined) record[key] = String(given[name] ?? '');
			}
			if (Object.keys(record).length === 2) {
				throw new NodeOperationError(this.getNode(), 'Address Fields is empty', {
					itemIndex,
					description: 'Add at least one address field to set (e.g. Address, City).',
				});
			}
			return { records: [record], statusCount: 1 };
		},
		output: ({ itemIndex, records }, [status]) => {
			const { addressid, objectid, ...fields } = records[0];
			const address: IDataObject = {
				addressid,
				addressId: String(status?.addressid ?? status?.recordid ?? addressid),
				status: status?.status,
			};
			checkPartStatuses.call(
				this,
				itemIndex,
				'address',
				[address],
				() => `${addressid === '0' ? 'new address' : `address ${addressid}`} of record ${objectid}`,
				'Check the Record ID and, when changing an address, that the Address ID belongs to this record (List Addresses shows them).',
			);
			return { recordId: objectid, addressId: address.addressId, status: address.status, ...fields };
		},
	});
}
