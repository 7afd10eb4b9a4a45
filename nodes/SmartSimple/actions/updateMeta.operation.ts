import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty } from '../descriptions/common';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { checkPartStatuses, executeWrites } from './write/batches';
import { batchWriteOptions, readBatchSize } from './write/fields';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'Update Meta',
	action: (resource) => `Update the configuration of ${resource.plural}`,
	description: () => 'Add or rename UTA types, statuses and custom fields',
};

const LEVELS = ['levelone', 'leveltwo', 'levelthree'];
const KINDS = ['type', 'status', 'field'];

const properties: INodeProperties[] = [
	apiTokenProperty(
		'An Update Meta function of this record type; its field list names the levels it may change, e.g. levelone.*.',
	),
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		default: 'define',
		options: [
			{ name: 'Define Below', value: 'define', description: 'Fill in each change' },
			{ name: 'JSON', value: 'json', description: 'Give the changes as a JSON array' },
		],
	},
	{
		displayName: 'Changes',
		name: 'changes',
		type: 'fixedCollection',
		placeholder: 'Add Change',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		displayOptions: { show: { inputMode: ['define'] } },
		options: [
			{
				displayName: 'Change',
				name: 'change',
				values: [
					{
						displayName: 'Applies To',
						name: 'kind',
						type: 'options',
						default: 'status',
						options: [
							{ name: 'Custom Field', value: 'field' },
							{ name: 'Status', value: 'status' },
							{ name: 'Type', value: 'type' },
						],
						description: 'Whether the change is to a type, a status or a custom field',
					},
					{
						displayName: 'Caption',
						name: 'caption',
						type: 'string',
						default: '',
						description: 'The label shown on screen (leave empty to keep it)',
						displayOptions: { show: { kind: ['field'] } },
					},
					{
						displayName: 'Field Type',
						name: 'fieldType',
						type: 'string',
						default: '',
						placeholder: 'text',
						description: 'New fields only (ID 0): the SmartSimple field type (leave empty for text)',
						displayOptions: { show: { kind: ['field'] } },
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '0',
						description: 'ID of the type, status or field to change; 0 creates a new one',
					},
					{
						displayName: 'Level',
						name: 'level',
						type: 'options',
						default: 'resource',
						options: [
							{ name: 'Level 1', value: 'levelone' },
							{ name: 'Level 2', value: 'leveltwo' },
							{ name: 'Level 3', value: 'levelthree' },
							{ name: 'Same as Resource', value: 'resource' },
						],
						description: 'Which UTA level to change; the function\'s field list must name it',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Name of the type, status or field (required when creating)',
					},
				],
			},
		],
	},
	{
		displayName: 'Changes (JSON)',
		name: 'changesJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { inputMode: ['json'] } },
		description:
			'Array of changes, e.g. [{"kind":"status","name":"On Hold"}]. Keys: kind (type, status or field), name, ID (to change an existing entry; leave it out or 0 to create), and optionally level, caption and type (a new field\'s type).',
	},
	batchWriteOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('updateMeta'), operation: ['updateMeta'] } },
	properties,
);

interface ChangeInput {
	level?: string;
	kind?: string;
	id?: string;
	name?: string;
	caption?: string;
	fieldType?: string;
}

/**
 * Output: one item per input item, `{ changes: [{ level, kind, id, name, status }] }`, where
 * `id` is the new ID of created entries. A change SmartSimple refuses fails the item (the
 * item's other changes are saved).
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
			const records = readChanges.call(this, itemIndex, resource.endpoint);
			// ID 0 adds a type, status or field: its call must never be sent twice.
			const creates = records.some((record) => record.id === '0');
			return { records, statusCount: records.length, creates };
		},
		output: ({ itemIndex, records }, statuses) => {
			const changes: IDataObject[] = records.map((record, index) => ({
				...record,
				id: String(statuses[index]?.id ?? statuses[index]?.recordid ?? record.id),
				status: statuses[index]?.status,
			}));
			checkPartStatuses.call(
				this,
				itemIndex,
				'change',
				changes,
				(change) => `${String(change.kind)} ${change.id === '0' ? `"${String(change.name)}"` : String(change.id)}`,
				"Check each change: the level must be in the function's field list, the ID must exist (0 creates), and a new entry needs a name.",
			);
			return { changes };
		},
	});
}

/** Reads the item's changes from either input mode and checks them before any call. */
function readChanges(this: IExecuteFunctions, itemIndex: number, resourceLevel: string): IDataObject[] {
	const mode = this.getNodeParameter('inputMode', itemIndex, 'define') as string;
	const invalid = (message: string, description: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });
	const parameter = mode === 'json' ? 'Changes (JSON)' : 'Changes';

	let inputs: ChangeInput[];
	if (mode === 'json') {
		const raw = this.getNodeParameter('changesJson', itemIndex, '[]');
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw || '[]');
			} catch {
				throw invalid(`${parameter} is not valid JSON`, 'Enter an array such as [{"kind":"status","id":"0","name":"On Hold"}].');
			}
		}
		if (!Array.isArray(parsed) || parsed.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
			throw invalid(`${parameter} must be an array of objects`, 'Enter an array such as [{"kind":"status","id":"0","name":"On Hold"}].');
		}
		inputs = (parsed as IDataObject[]).map((entry) => ({
			...entry,
			id: String(entry.id ?? entry.ID ?? '0'),
			fieldType: entry.type === undefined ? undefined : String(entry.type),
		})) as ChangeInput[];
	} else {
		inputs = this.getNodeParameter('changes.change', itemIndex, []) as ChangeInput[];
	}
	if (!inputs.length) {
		throw invalid(`${parameter} is empty`, 'Add at least one change: what to change (type, status or custom field), its ID (0 creates) and its name.');
	}

	return inputs.map((input, index) => {
		const position = `${parameter}, change ${index + 1}`;
		const level = !input.level || input.level === 'resource' ? resourceLevel : String(input.level).toLowerCase();
		if (!LEVELS.includes(level)) {
			throw invalid(`${position}: level "${input.level}" is unknown`, 'Use levelone, leveltwo or levelthree.');
		}
		const kind = String(input.kind ?? '').toLowerCase();
		if (!KINDS.includes(kind)) {
			throw invalid(`${position}: "${input.kind ?? ''}" is not something Update Meta changes`, 'Set kind to "type", "status" or "field".');
		}
		const id = String(input.id ?? '').trim();
		if (!/^\d+$/.test(id)) {
			throw invalid(`${position}: ID "${id}" is not a SmartSimple ID`, 'Enter the numeric ID of the entry to change, or 0 to create one.');
		}
		const name = String(input.name ?? '').trim();
		if (id === '0' && !name) {
			throw invalid(`${position}: a new ${kind} needs a name`, 'Enter the name of the new entry.');
		}
		const change: IDataObject = { ...withoutInputKeys(input), level, kind, id };
		if (name) change.name = name;
		const caption = String(input.caption ?? '').trim();
		if (caption && kind === 'field') change.caption = caption;
		const fieldType = String(input.fieldType ?? '').trim();
		if (fieldType && kind === 'field' && id === '0') change.type = fieldType;
		return change;
	});
}

/** JSON mode may carry further keys SmartSimple understands (e.g. options); ours are rewritten. */
function withoutInputKeys(input: ChangeInput): IDataObject {
	const rest: IDataObject = { ...(input as IDataObject) };
	for (const key of ['level', 'kind', 'id', 'ID', 'name', 'caption', 'fieldType', 'type']) delete rest[key];
	return rest;
}
