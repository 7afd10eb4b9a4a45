import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import { requiredText, roleOf } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { checkPartStatuses, executeWrites } from './write/batches';
import { batchWriteOptions, readBatchSize } from './write/fields';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'Update Associations',
	action: (resource) => `Update associations of a ${resource.singular}`,
	description: (resource) =>
		`Associate contacts and companies with a ${resource.singular}, or change their roles`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'An Update Associations function of this record type (field list e.g. contacts.*;;companies.*).',
	),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record to associate contacts or companies with' },
	{
		displayName: 'Associations',
		name: 'associations',
		type: 'fixedCollection',
		placeholder: 'Add Association',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description: 'Each contact or company to associate, with its role',
		options: [
			{
				displayName: 'Association',
				name: 'association',
				values: [
					{
						displayName: 'Associate',
						name: 'type',
						type: 'options',
						default: 'contact',
						options: [
							{ name: 'Contact', value: 'contact' },
							{ name: 'Company', value: 'company' },
						],
						description: 'Whether to associate a contact or a company',
					},
					{
						displayName: 'Association ID',
						name: 'associationId',
						type: 'string',
						default: '',
						description: 'To change the role of an existing association: its ID (from List Associations). Leave empty to add a new association.',
					},
					{
						displayName: 'Contact or Company ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: '3108577',
						description: 'SmartSimple ID of the contact or company (may stay empty when changing the role of an existing association)',
					},
					{
						displayName: 'Role ID',
						name: 'roleId',
						type: 'string',
						default: '',
						description: 'The role\'s SmartSimple ID. Give this or Role Name.',
					},
					{
						displayName: 'Role Name',
						name: 'roleName',
						type: 'string',
						default: '',
						placeholder: 'Signee Internal',
						description: 'The role as named in SmartSimple. Give this or Role ID.',
					},
				],
			},
		],
	},
	batchWriteOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('updateAssociations'), operation: ['updateAssociations'] } },
	properties,
);

interface AssociationInput {
	type?: string;
	id?: string;
	roleName?: string;
	roleId?: string;
	associationId?: string;
}

/**
 * Input items are sent together (one call per Batch Size items with the same token). Output: one item
 * per input item, `{ recordId, associations: [{ type, contactid | companyid, rolename | roleid,
 * associationid, status }] }`; an association SmartSimple refuses fails its item.
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
			const entries = readAssociations.call(this, itemIndex);
			const record: IDataObject = { objectid };
			const contacts = entries.filter((entry) => entry.type === 'contact').map((entry) => entry.wire);
			const companies = entries.filter((entry) => entry.type === 'company').map((entry) => entry.wire);
			if (contacts.length) record.contacts = contacts;
			if (companies.length) record.companies = companies;
			// An association without an ID is a new one: its call must never be sent twice.
			const creates = entries.some((entry) => !entry.wire.associationid);
			return { records: [record], statusCount: contacts.length + companies.length, creates };
		},
		output: ({ itemIndex, records }, statuses) => {
			const [record] = records;
			// SmartSimple answers in the order sent: contacts first, then companies.
			const sent: IDataObject[] = [
				...((record.contacts as IDataObject[] | undefined) ?? []).map((wire) => ({ type: 'contact', ...wire })),
				...((record.companies as IDataObject[] | undefined) ?? []).map((wire) => ({ type: 'company', ...wire })),
			];
			const associations: IDataObject[] = sent.map((entry, index) => ({
				...entry,
				associationid: String(statuses[index]?.associationid ?? entry.associationid ?? ''),
				status: statuses[index]?.status,
			}));
			checkPartStatuses.call(
				this,
				itemIndex,
				'association',
				associations,
				(association) => `${String(association.type)} ${String(association.contactid ?? association.companyid ?? association.associationid)}`,
				'Check each association: the contact or company ID must exist, the role must exist for that type, and an Association ID must belong to this record.',
			);
			return { recordId: record.objectid, associations };
		},
	});
}

/** Reads and checks the item's associations before any call. */
function readAssociations(this: IExecuteFunctions, itemIndex: number) {
	const inputs = this.getNodeParameter('associations.association', itemIndex, []) as AssociationInput[];
	const invalid = (message: string, description: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });
	if (!inputs.length) {
		throw invalid('Associations is empty', 'Add at least one association: a contact or company ID and its role.');
	}
	return inputs.map((input, index) => {
		const position = `Associations, entry ${index + 1}`;
		const type = input.type === 'company' ? 'company' : 'contact';
		const idKey = type === 'contact' ? 'contactid' : 'companyid';
		const id = String(input.id ?? '').trim();
		const roleName = String(input.roleName ?? '').trim();
		const roleId = String(input.roleId ?? '').trim();
		const associationId = String(input.associationId ?? '').trim();
		if (!id && !associationId) {
			throw invalid(`${position}: Contact or Company ID is empty`, `Enter the ${type}'s SmartSimple ID, or an Association ID to change an existing association's role.`);
		}
		if (id && !/^\d+$/.test(id)) {
			throw invalid(`${position}: "${id}" is not a SmartSimple ID`, `Enter the ${type}'s numeric SmartSimple ID.`);
		}
		const role = roleOf(roleName, roleId, (problem, fix) => invalid(`${position}: ${problem}`, fix));
		const wire: IDataObject = {};
		if (id) wire[idKey] = id;
		Object.assign(wire, role);
		if (associationId) wire.associationid = associationId;
		return { type, wire };
	});
}
