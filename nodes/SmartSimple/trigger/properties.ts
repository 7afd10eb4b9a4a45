import type { INodeProperties } from 'n8n-workflow';

import { apiTokenProperty, stripPrefixesOption } from '../descriptions/common';
import { filtersProperty } from '../descriptions/filters';
import type { ResourceDefinition } from '../resources';
import { RESOURCES } from '../resources';

export type TriggerEvent = 'modified' | 'created';

/** Record types the trigger can watch: those whose table row names timestamp fields. */
export const WATCHABLE = RESOURCES.filter(
	(resource): resource is ResourceDefinition & Required<Pick<ResourceDefinition, 'timestamps'>> =>
		resource.timestamps !== undefined,
);

export const DEFAULT_PAGE_SIZE = 500;

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
		displayName: 'Timestamp Field',
		name: 'timestampField',
		type: 'string',
		default: field,
		required: true,
		displayOptions: { show: { event: [event], resource: resources } },
		description:
			"Date-time field that orders records, as named in the List function's field list. The field list must include it.",
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
		displayName: 'ID Field',
		name: 'idField',
		type: 'string',
		default: 'recordid',
		required: true,
		description: 'Field holding the record ID; orders records that share a timestamp',
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
				type: 'string',
				default: '',
				placeholder: 'America/Toronto',
				description:
					'IANA time zone of the SmartSimple instance. Where set, each record also carries its timestamp in ISO 8601 with the offset, e.g. "sf_Modified Date (ISO)": "2025-03-01T10:00:00-05:00".',
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
					'On first activation, emit every record stamped at or after this instance-local date and time instead of starting from now',
			},
			stripPrefixesOption,
		],
	},
];
