import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	apiTokenProperty,
	fieldListProperty,
	keyFormatOption,
	limitProperty,
	pageSizeOption,
	returnAllProperty,
	stripPrefixesOption,
	valueFormatOption,
} from '../descriptions/common';
import { filtersProperty, sortProperty } from '../descriptions/filters';
import type { FilterCondition, SortField } from '../helpers/criteria';
import { buildCriteria, buildSort, checkFieldsListed, parseCriteriaJson } from '../helpers/criteria';
import type { OutputOptions } from '../helpers/items';
import { forEachItem, outputSettings, shapeRecords } from '../helpers/items';
import { readFieldList, readPaging, requiredText } from '../helpers/parameters';
import type { ResourceDefinition, ResourceName } from '../resources';
import { resourcesWith } from '../resources';
import { fetchAll } from '../transport/paging';
import type { OperationOption } from './types';
import { requestTimeoutOption } from '../transport/timeout';

export const option: OperationOption = {
	name: 'Get Many',
	action: (resource) => `Get many ${resource.plural}`,
	description: (resource) =>
		resource.value === 'report'
			? 'Run a report and output one item per row'
			: `List ${resource.plural} matching filters`,
};

const notForReports = { hide: { resource: ['report'] } };

/**
 * Options that mean nothing for a record type: report rows are keyed by column caption (no keys
 * to format, no prefixes) and neither reports nor system variables are archived. Hidden in the
 * editor and ignored on execution (a workflow may have saved them before they were hidden).
 */
const INAPPLICABLE_OPTIONS: Partial<Record<ResourceName, Array<keyof ListOptions>>> = {
	report: ['includeArchived', 'keyFormat', 'stripPrefixes'],
	systemVariable: ['includeArchived'],
};

function hiddenFor(option: keyof ListOptions) {
	const resources = Object.entries(INAPPLICABLE_OPTIONS)
		.filter(([, options]) => options.includes(option))
		.map(([resource]) => resource);
	return { hide: { '/resource': resources } };
}

const properties: INodeProperties[] = [
	apiTokenProperty('For records: a List function of this record type. For reports: a Report function.'),
	// Directly under the token: the field pickers below offer its fields.
	{
		...fieldListProperty(
			"The List function's field list (optional): where given, the field pickers below offer its fields (and recordid) without spending a call.",
		),
		displayOptions: notForReports,
	},
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Filter Mode',
		name: 'filterMode',
		type: 'options',
		default: 'builder',
		displayOptions: notForReports,
		options: [
			{ name: 'Criteria Builder', value: 'builder', description: 'Build conditions field by field' },
			{ name: 'JSON', value: 'json', description: 'Type SmartConnect criteria as a JSON array' },
		],
	},
	{ ...filtersProperty, displayOptions: { ...notForReports, show: { filterMode: ['builder'] } } },
	{
		displayName: 'Criteria (JSON)',
		name: 'criteriaJson',
		type: 'json',
		default: '[]',
		displayOptions: { ...notForReports, show: { filterMode: ['json'] } },
		description:
			'SmartConnect criteria, e.g. [{"andor":"and","field":"sf_Status","operator":"=","value":"Submitted"}]',
	},
	{ ...sortProperty, displayOptions: notForReports },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Archived',
				name: 'includeArchived',
				type: 'boolean',
				default: true,
				description: 'Whether to include archived records (SmartSimple includes them by default)',
				displayOptions: hiddenFor('includeArchived'),
			},
			{ ...keyFormatOption, displayOptions: hiddenFor('keyFormat') },
			pageSizeOption,
			requestTimeoutOption,
			{ ...stripPrefixesOption, displayOptions: hiddenFor('stripPrefixes') },
			valueFormatOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('getAll'), operation: ['getAll'] } },
	properties,
);

interface ListOptions extends OutputOptions {
	includeArchived?: boolean;
	pageSize?: number;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const options = { ...(this.getNodeParameter('options', itemIndex, {}) as ListOptions) };
		for (const option of INAPPLICABLE_OPTIONS[resource.value] ?? []) delete options[option];
		const paging = readPaging.call(this, itemIndex);
		const isReport = resource.value === 'report';
		const apiToken = requiredText.call(this, 'apiToken', 'API Token', itemIndex);
		const { criteria, sortby } = isReport ? {} : readQuery.call(this, itemIndex);

		const othersettings = outputSettings(options);
		if (options.includeArchived === false) othersettings.includearchive = 0;

		const records = await fetchAll.call(
			this,
			{
				endpoint: resource.endpoint,
				apiToken,
				itemIndex,
				criteria,
				sortby,
				othersettings,
			},
			paging,
		);
		return shapeRecords(records, options);
	});
}

/** Criteria and sort, checked (and against the Field List where given) before any call. */
function readQuery(this: IExecuteFunctions, itemIndex: number) {
	const source = { node: this.getNode(), itemIndex };
	const jsonMode = this.getNodeParameter('filterMode', itemIndex, 'builder') === 'json';
	let criteria;
	if (jsonMode) {
		const json = this.getNodeParameter('criteriaJson', itemIndex, '[]');
		criteria = parseCriteriaJson(typeof json === 'string' ? json : JSON.stringify(json), source);
	} else {
		const conditions = this.getNodeParameter('filters.conditions', itemIndex, []) as FilterCondition[];
		criteria = buildCriteria(conditions, source);
	}
	const sortby = buildSort(this.getNodeParameter('sort.sortFields', itemIndex, []) as SortField[], source);
	const fieldList = readFieldList.call(this, itemIndex);
	checkFieldsListed(criteria, sortby, fieldList, source, jsonMode ? 'Criteria (JSON)' : 'Filters');
	return { criteria, sortby };
}
