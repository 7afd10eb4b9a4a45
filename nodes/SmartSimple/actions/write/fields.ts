import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toSmartSimpleValue } from '../../helpers/dates';
import { parseFieldList } from '../../helpers/fieldList';
import { requiredText } from '../../helpers/parameters';
import { isWritableField, resourcesWith } from '../../resources';


/** The `columns` resource mapper: one input per field of the Update function. */
export function columnsProperty(mode: 'add' | 'map'): INodeProperties {
	return {
		displayName: 'Columns',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description:
			'The values to save. Option fields (select one, select many) take their stored value ("1", not "Yes"); several values as an array or ",1,2,". Dates may be text, a JS Date or $now: they are sent as YYYY-MM-DD.',
		typeOptions: {
			loadOptionsDependsOn: [
				'resource',
				'fieldList',
				'options.readCurrentToken',
				'options.readCurrentAction',
				'options.discoveryToken',
				'options.getMetaToken',
			],
			resourceMapper: {
				resourceMapperMethod: 'getColumns',
				mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
	};
}

export const batchSizeOption: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 1000 },
	default: 100,
	description:
		'Records sent per API call. 1,000 input items at 100 per call cost 10 of the 1,000 hourly calls.',
};

export const getMetaTokenOption: INodeProperties = {
	displayName: 'Field Definitions From (Get Meta Token)',
	name: 'getMetaToken',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	displayOptions: { show: { '/resource': resourcesWith('getMeta') } },
	description:
		"Editor only: token of a Get Meta function (field list levelone.*;;leveltwo.*;;levelthree.*). Columns then types each field (date pickers, numbers, dropdowns of statuses, types and select fields showing captions, saving stored values) for one call per load; without a Field List it also offers the level's fields.",
};

/** Reads the Batch Size option, refusing what cannot be sent before any call. */
export function readBatchSize(this: IExecuteFunctions): number {
	const options = this.getNodeParameter('options', 0, {}) as { batchSize?: number };
	const batchSize = Number(options.batchSize ?? 100);
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
		throw new NodeOperationError(this.getNode(), `Batch Size must be a whole number from 1 to 1,000`, {
			itemIndex: 0,
			description: 'Set Options → Batch Size, e.g. 100.',
		});
	}
	return batchSize;
}

/**
 * The fields one item sets, converted to what SmartSimple takes: dates as YYYY-MM-DD, lists as
 * ",1,2,", everything else as text. A field left empty in "Define Below" is not set (an update
 * may then fill it from the current record); "Map Automatically" sends the item's keys that are
 * in the Field List, or without one its keys that look like SmartSimple fields (sf_/cf_) except
 * the read-only ones (an item read by a List step carries sf_Created Date and sf_Modified Date).
 */
export function readColumns(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	fieldList: string[],
): IDataObject {
	const mappingMode = this.getNodeParameter('columns.mappingMode', itemIndex, 'defineBelow') as string;
	const fields: IDataObject = {};
	if (mappingMode === 'autoMapInputData') {
		for (const [key, value] of Object.entries(item.json)) {
			const wanted = fieldList.length
				? fieldList.includes(key)
				: /^(sf|cf)_./.test(key) && isWritableField(key);
			if (wanted && value !== undefined) fields[key] = toSmartSimpleValue(value);
		}
		return fields;
	}
	const values = (this.getNodeParameter('columns.value', itemIndex, {}) ?? {}) as IDataObject;
	for (const [key, value] of Object.entries(values)) {
		if (key === 'recordid' || value === null || value === undefined) continue;
		fields[key] = toSmartSimpleValue(value);
	}
	return fields;
}

export function readFieldList(this: IExecuteFunctions, itemIndex: number): string[] {
	return parseFieldList(this.getNodeParameter('fieldList', itemIndex, '') as string);
}

/** The field names the Columns mapper was loaded with (what the user saw), if any. */
export function mapperFields(this: IExecuteFunctions, itemIndex: number): string[] {
	const schema = this.getNodeParameter('columns.schema', itemIndex, []) as Array<{
		id: string;
		removed?: boolean;
	}>;
	return Array.isArray(schema) ? schema.filter((field) => !field.removed).map((field) => field.id) : [];
}

const quoted = (fields: string[]) => fields.map((field) => `"${field}"`).join(', ');

/**
 * SmartConnect saves a record only with every field of the function's field list and only
 * those. Says which fields are missing or extra, and how to fix it, before any call.
 */
export function checkAgainstFieldList(
	this: IExecuteFunctions,
	fields: IDataObject,
	fieldList: string[],
	itemIndex: number,
	/** How to fix missing fields; undefined where missing fields are filled later. */
	missingFix: string | undefined,
): void {
	if (!fieldList.length) return;
	const missing = missingFix ? fieldList.filter((field) => fields[field] === undefined) : [];
	const extra = Object.keys(fields).filter((field) => !fieldList.includes(field));
	if (!missing.length && !extra.length) return;
	const problems: string[] = [];
	const fixes: string[] = [];
	if (missing.length) {
		problems.push(`missing ${quoted(missing)}`);
		fixes.push(missingFix as string);
	}
	if (extra.length) {
		problems.push(`not in the Field List: ${quoted(extra)}`);
		fixes.push(
			"Remove the extra fields from Columns, or add them to the function's field list in SmartSimple and to the node's Field List.",
		);
	}
	throw new NodeOperationError(
		this.getNode(),
		`Columns do not match the Field List: ${problems.join('; ')}`,
		{
			itemIndex,
			description: `SmartSimple saves a record only with every field of the Update function's field list and only those. ${fixes.join(' ')}`,
		},
	);
}

/** An existing record's ID: digits, not "0" (which would create a record). */
export function readRecordId(this: IExecuteFunctions, itemIndex: number): string {
	const recordId = requiredText.call(this, 'recordId', 'Record ID', itemIndex);
	if (!/^\d+$/.test(recordId) || /^0+$/.test(recordId)) {
		throw new NodeOperationError(this.getNode(), `Record ID "${recordId}" is not a SmartSimple record ID`, {
			itemIndex,
			description:
				"Enter the ID of an existing record, digits only (e.g. 1924628), or map it from an input field such as {{ $json.recordid }}. To add a record, use the Create operation.",
		});
	}
	return recordId;
}

export function withoutRecordId(row: IDataObject): IDataObject {
	const fields = { ...row };
	delete fields.recordid;
	return fields;
}

/** `recordid` first, then the fields in field-list order, then any others. */
export function orderRow(row: IDataObject, fieldList: string[]): IDataObject {
	const ordered: IDataObject = { recordid: row.recordid };
	for (const field of fieldList) if (row[field] !== undefined) ordered[field] = row[field];
	for (const [field, value] of Object.entries(row)) if (!(field in ordered)) ordered[field] = value;
	return ordered;
}
