import type { INodeProperties } from 'n8n-workflow';

/** The token of the SmartSimple function an operation calls; `functionHint` says which function. */
export function apiTokenProperty(functionHint: string): INodeProperties {
	return {
		displayName: 'API Token',
		name: 'apiToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: `Token of the SmartConnect function to call. ${functionHint} Create it in SmartSimple under Global Settings → Integrations → SmartConnect API and copy its API Token.`,
	};
}

export const recordIdProperty: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1924628',
	description: "The record's SmartSimple ID",
};

export function fieldListProperty(purpose: string): INodeProperties {
	return {
		displayName: 'Field List',
		name: 'fieldList',
		type: 'string',
		default: '',
		placeholder: 'sf_First Name;;sf_Last Name;;cf_My Field',
		description: `${purpose} Copy it exactly as configured in SmartSimple, fields separated by ;;`,
	};
}

/** Field pickers offer the function's fields; an expression can name any other field. */
export const fieldPickerOptions = {
	loadOptionsMethod: 'getFields',
	loadOptionsDependsOn: ['fieldList', 'apiToken', 'resource'],
};

export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10000 },
	default: 1000,
	description:
		'Records per API call with Return All. Larger pages spend fewer of the 1,000 hourly calls; SmartSimple advises against very large pages on busy instances.',
};

export const stripPrefixesOption: INodeProperties = {
	displayName: 'Strip Field Prefixes',
	name: 'stripPrefixes',
	type: 'boolean',
	default: false,
	description: 'Whether to output "First Name" instead of "sf_First Name" (and likewise for cf_ fields)',
};

/** How SmartSimple gives values (Get, Get Many): `getstorevalue`. */
export const valueFormatOption: INodeProperties = {
	displayName: 'Value Format',
	name: 'valueFormat',
	type: 'options',
	default: 'display',
	options: [
		{ name: 'Display Value', value: 'display', description: 'As shown on screen, e.g. $25,000' },
		{
			name: 'Stored Value',
			value: 'stored',
			description: 'As stored, e.g. 25000: what Create and Update take back',
		},
	],
};

/** How SmartSimple names the keys of each record (Get, Get Many): `keyformat`. */
export const keyFormatOption: INodeProperties = {
	displayName: 'Key Format',
	name: 'keyFormat',
	type: 'options',
	default: '0',
	options: [
		{ name: 'As in the Field List', value: '0' },
		{ name: 'Field Names', value: '1' },
		{ name: 'Custom Field IDs', value: '2' },
	],
	description: 'How SmartSimple names the keys of each record',
};
