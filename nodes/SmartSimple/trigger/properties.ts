import type { INodeProperties } from 'n8n-workflow';

import { apiTokenProperty, fieldPickerOptions, stripPrefixesOption } from '../descriptions/common';
import { filtersProperty } from '../descriptions/filters';
import type { ResourceDefinition } from '../resources';
import { RESOURCES } from '../resources';
import { timeZones } from './time';

export type TriggerEvent = 'modified' | 'created';

/** Record types the trigger can watch: those whose table row names timestamp fields. */
export const WATCHABLE = RESOURCES.filter(
	(resource): resource is ResourceDefinition & Required<Pick<ResourceDefinition, 'timestamps'>> =>
		resource.timestamps !== undefined,
);

export const DEFAULT_PAGE_SIZE = 500;
/** Saved workflows that never changed ID Field rely on this default: it cannot become empty. */
export const DEFAULT_ID_FIELD = 'recordid';

/**
 * One Timestamp Field per (event, default field) so that its default follows the resource
 * table; record types sharing a default share one property.
 */
function timestampFieldProperties(event: TriggerEvent): INodeProperties[] {
	const byDefault = new Map<string, string[]>();
	for (const resource of WATCHABLE) {
		const field = resource.timestamps[event];
		byDefault.set(field, [...(byDefault.get(field) ?? []), resource.value]);
	}
	return [...byDefault].map(([field, resources]) => ({
		displayName: 'Timestamp Field Name or ID',
		name: 'timestampField',
		type: 'options',
		typeOptions: fieldPickerOptions,
		default: field,
		required: true,
		displayOptions: { show: { event: [event], resource: resources } },
		description:
			'Date-time field that orders records; the List function\'s field list must include it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	}));
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'levelOne',
		options: WATCHABLE.map((resource) => ({ name: resource.name, value: resource.value })),
	},
	apiTokenProperty(
		"A List function of this record type. Its field list must include the timestamp field below.",
	),
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'modified',
		options: [
			{
				name: 'Record Created',
				value: 'created',
				description: 'Emit each new record once',
			},
			{
				name: 'Record Created or Modified',
				value: 'modified',
				description: 'Emit a record each time it is saved, including when it is created',
			},
		],
	},
	...timestampFieldProperties('modified'),
	...timestampFieldProperties('created'),
	{
		displayName: 'ID Field Name or ID',
		name: 'idField',
		type: 'options',
		typeOptions: fieldPickerOptions,
		default: DEFAULT_ID_FIELD,
		required: true,
		description:
			'Field holding the record ID; orders records that share a timestamp. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...filtersProperty,
		description:
			'Only emit records meeting these conditions; they are ANDed with the trigger\'s own condition. Group with "(" and ") and (" only.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Instance Time Zone',
				name: 'timezone',
				type: 'options',
				options: timeZones().map((zone) => ({ name: zone, value: zone })),
				default: 'UTC',
				description:
					'Time zone of the SmartSimple instance. Where set, each record also carries its timestamp in ISO 8601 with the offset, e.g. "sf_Modified Date (ISO)": "2025-03-01T10:00:00-05:00".',
			},
			{
				displayName: 'Look Back (Seconds)',
				name: 'lookBack',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Also re-read records stamped up to this many seconds before the newest one already emitted, so a save that SmartSimple commits late (stamped earlier than records already read) still fires, once. An idle poll still costs one call. At most 500 recent changes are remembered: past that the window shrinks to them.',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: DEFAULT_PAGE_SIZE,
				description:
					'Records per API call. A poll with K changes costs about K ÷ page size calls; an idle poll costs one.',
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				description:
					'On first activation, emit every record stamped at or after this instance-local date and time instead of starting from now. An expression is read once, when the trigger starts; changing the date (or the expression) starts the trigger again from the new date, emitting those records again.',
			},
			stripPrefixesOption,
		],
	},
];
