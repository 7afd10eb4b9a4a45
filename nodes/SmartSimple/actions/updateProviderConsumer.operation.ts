import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty } from '../descriptions/common';
import { requiredText, roleOf } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import type { OperationOption } from './types';
import { checkPartStatuses, executeWrites } from './write/batches';
import { batchWriteOptions, readBatchSize } from './write/fields';

export const option: OperationOption = {
	name: 'Create or Update Provider/Consumer Link',
	action: (resource) => `Create or update a provider/consumer link of a ${resource.singular}`,
	description: (resource) =>
		`Link two ${resource.plural} as provider and consumer, or change the role of a link`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'A Provider/Consumer - Update function of this record type: the function names the relationship.',
	),
	{
		displayName: 'Association ID',
		name: 'associationId',
		type: 'string',
		default: '0',
		description:
			'0 creates a link; to change the role of a link, its ID (map "associationid" from List Provider/Consumer Links). SmartSimple changes only the role of an existing link: to link another provider or consumer, create a new link.',
	},
	{
		displayName: 'Provider ID',
		name: 'providerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '11191051',
		description:
			"The provider record's SmartSimple ID. When changing a link's role, the link's own provider: another provider means a new link (Association ID 0).",
	},
	{
		displayName: 'Consumer ID',
		name: 'consumerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '10697883',
		description:
			"The consumer record's SmartSimple ID. When changing a link's role, the link's own consumer: another consumer means a new link (Association ID 0).",
	},
	{
		displayName: 'Role ID',
		name: 'roleId',
		type: 'string',
		default: '',
		placeholder: '82840',
		description: "The role's SmartSimple ID. Give this or Role Name.",
	},
	{
		displayName: 'Role Name',
		name: 'roleName',
		type: 'string',
		default: '',
		placeholder: 'Cycle',
		description: 'The role as named in SmartSimple. Give this or Role ID.',
	},
	batchWriteOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('updateProviderConsumer'), operation: ['updateProviderConsumer'] } },
	properties,
);

/**
 * Input items go together, one jsonrset entry each, in the vendor's samples' form: create
 * `{ associationid: "0", roleid | rolename, consumerid, providerid }`, role change
 * `{ associationid, isupdate: "1", rolename | roleid, consumerid, providerid }`. Output: one item
 * per input item, `{ associationId, providerId, consumerId, roleId | roleName, status }` with the
 * new link's ID after a create.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await executeWrites.call(this, items, {
		endpoint: resource.endpoint,
		batchSize: readBatchSize.call(this),
		prepare: (itemIndex) => ({ records: [readLink.call(this, itemIndex)] }),
		output: ({ itemIndex, records }, [answer]) => {
			const sent = records[0];
			checkPartStatuses.call(
				this,
				itemIndex,
				'link',
				[answer ?? {}],
				() =>
					`${sent.associationid === '0' ? 'new link' : `link ${sent.associationid}`} from ${sent.providerid} to ${sent.consumerid}`,
				"Check the Provider ID and Consumer ID are records of this relationship, the role exists, and an Association ID belongs to a link between exactly this provider and consumer (SmartSimple changes only a link's role).",
			);
			const output: IDataObject = {
				associationId: String(answer.associationid ?? sent.associationid),
				providerId: sent.providerid,
				consumerId: sent.consumerid,
			};
			if (sent.roleid !== undefined) output.roleId = sent.roleid;
			else output.roleName = sent.rolename;
			output.status = answer.status;
			return output;
		},
	});
}

/** Reads and checks one item's link before any call; the keys in the vendor's samples' order. */
function readLink(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const invalid = (message: string, description: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });
	const id = (name: string, label: string) => {
		const value = requiredText.call(this, name, label, itemIndex);
		if (!/^\d+$/.test(value)) throw invalid(`${label} "${value}" is not a SmartSimple ID`, `Enter the ${label}, digits only.`);
		return value;
	};
	const associationid = String(this.getNodeParameter('associationId', itemIndex, '0') ?? '').trim() || '0';
	if (!/^\d+$/.test(associationid)) {
		throw invalid(
			`Association ID "${associationid}" is not a SmartSimple ID`,
			'Enter 0 to create a link, or the ID of the link whose role to change (List Provider/Consumer Links shows it).',
		);
	}
	const providerid = id('providerId', 'Provider ID');
	const consumerid = id('consumerId', 'Consumer ID');
	const roleId = String(this.getNodeParameter('roleId', itemIndex, '') ?? '').trim();
	const roleName = String(this.getNodeParameter('roleName', itemIndex, '') ?? '').trim();
	const role = roleOf(roleName, roleId, (problem, fix) => invalid(problem[0].toUpperCase() + problem.slice(1), fix));
	const update = /^0+$/.test(associationid) ? {} : { isupdate: '1' };
	return { associationid: /^0+$/.test(associationid) ? '0' : associationid, ...update, ...role, consumerid, providerid };
}
