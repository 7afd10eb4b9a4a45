import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { dateFieldText, instantToDate, isInstant } from '../../helpers/dates';
import { requiredText } from '../../helpers/parameters';
import { isWritableField, resourcesWith, standardFieldKind } from '../../resources';
import { requestTimeoutOption } from '../../transport/timeout';
import type { PerItemReader } from './perItem';

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
			'The values to save, as SmartSimple stores them. Option fields (select one, select many) take their stored value ("1", not "Yes"); several values as an array or ",1,2,". Date fields, JS Dates and $now are sent as YYYY-MM-DD; other text is sent as it is. With "Map Automatically" the input must hold stored values: read it with Get or Get Many → Options → Value Format: Stored Value (display values such as "Approved" or "$25,000.00" are refused).',
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

/** The Options collection of writes that have no other options: Batch Size and Request Timeout. */
export const batchWriteOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [batchSizeOption, requestTimeoutOption],
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

export type FieldsNotSet = 'keep' | 'empty' | 'refuse';

/** The update rule, where Create and Update show it. */
export const updateRuleNotice: INodeProperties = {
	displayName:
		"SmartSimple saves a record only with every field of the Update function's field list, on every update too: a record that leaves one out is refused, and a field sent empty is emptied. Fields Not Set says what the node sends for the fields of the Field List that Columns leaves unset.",
	name: 'updateRuleNotice',
	type: 'notice',
	default: '',
};

/** One choice for Create and Update; keeping current values needs a record, so only Update offers it. */
export function fieldsNotSetProperty(operation: 'create' | 'update'): INodeProperties {
	const choices = [
		{
			name: 'Keep Current Values',
			value: 'keep',
			description:
				'Read each record first (Options → Read Current Values From, one List call per batch) and send its current value',
		},
		{
			name: 'Send Empty',
			value: 'empty',
			description: 'Send "" for every field of the Field List left unset: SmartSimple empties it',
		},
		{
			name: 'Refuse',
			value: 'refuse',
			description: 'Fail the item, naming the fields to set, before any call',
		},
	];
	const property: INodeProperties = {
		displayName: 'Fields Not Set',
		name: 'fieldsNotSet',
		type: 'options',
		noDataExpression: true,
		default: 'keep',
		options: choices,
		description: 'What to send for the fields of the Field List that Columns leaves unset',
	};
	if (operation === 'update') return property;
	return { ...property, default: 'refuse', options: choices.filter((choice) => choice.value !== 'keep') };
}

/** Options → Read Current Values From (Update, Keep Current Values): the token and its kind. */
export const readCurrentOptions: INodeProperties[] = [
	{
		displayName: 'Read Current Values From',
		name: 'readCurrentToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { '/fieldsNotSet': ['keep'] } },
		description:
			'Token of a List (or Get) function of this record type whose field list names the same fields. The current record is read first (stored values) and every field not set in Columns keeps its value. Without it, every field of the Field List must be set.',
	},
	{
		displayName: 'Read With',
		name: 'readCurrentAction',
		type: 'options',
		default: 'list',
		displayOptions: { show: { '/fieldsNotSet': ['keep'] } },
		options: [
			{ name: 'List Function', value: 'list', description: 'One call per batch reads all its records' },
			{ name: 'Get Function', value: 'get', description: 'One call per record' },
		],
		description: 'Which kind of function the Read Current Values From token belongs to',
	},
];

/** How one item's values are converted: the fields the mapper types as dates, and the workflow's zone. */
export interface ValueRules {
	mapperDateFields: Set<string>;
	timeZone: string;
}

/** What Columns and Fields Not Set say for every item (they take no expressions). */
export interface ColumnsSetup {
	autoMap: boolean;
	/** The fields the Columns mapper was loaded with (what the user saw). */
	mapperFields: string[];
	fieldsNotSet: FieldsNotSet;
	rules: ValueRules;
	/** "Define Below": the item's Columns values (read once where none holds an expression). */
	valuesOf: (itemIndex: number) => IDataObject;
}

interface SchemaField {
	id: string;
	type?: string;
	removed?: boolean;
}

/** Reads Columns' mode and schema and Fields Not Set once: the same for every item. */
export function readColumnsSetup(this: IExecuteFunctions, perItem: PerItemReader): ColumnsSetup {
	const schema = this.getNodeParameter('columns.schema', 0, []) as SchemaField[];
	const shown = Array.isArray(schema) ? schema.filter((field) => !field.removed) : [];
	const choice = this.getNodeParameter('fieldsNotSet', 0, 'refuse') as string;
	return {
		autoMap: this.getNodeParameter('columns.mappingMode', 0, 'defineBelow') === 'autoMapInputData',
		mapperFields: shown.map((field) => field.id),
		fieldsNotSet: choice === 'keep' || choice === 'empty' ? choice : 'refuse',
		rules: {
			mapperDateFields: new Set(shown.filter((field) => field.type === 'dateTime').map((field) => field.id)),
			timeZone: this.getTimezone(),
		},
		valuesOf: perItem(
			['columns'],
			(itemIndex) => (this.getNodeParameter('columns.value', itemIndex, {}) ?? {}) as IDataObject,
		),
	};
}

/** Date fields: typed dateTime in the mapper (from Get Meta), or standard date fields of the resource table. */
const isDateField = (field: string, rules: ValueRules) =>
	rules.mapperDateFields.has(field) || standardFieldKind(field) === 'date';

const isScalar = (value: unknown) => ['string', 'number', 'boolean', 'bigint'].includes(typeof value);

/**
 * One value as SmartSimple takes it (its update rule): instants and the text of date fields as
 * YYYY-MM-DD, arrays of values as ",1,2,", other text as it is. An object, or an array holding
 * one, cannot be sent: refused before any call, naming the field.
 */
export function toWireValue(
	this: IExecuteFunctions,
	field: string,
	value: unknown,
	rules: ValueRules,
	itemIndex: number,
	readBack = false,
): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') {
		if (!isDateField(field, rules)) return value;
		const date = dateFieldText(value, rules.timeZone);
		if (date !== undefined) return date;
		// SmartSimple's own value goes back as it came; the user's must be a date.
		if (readBack) return value;
		throw unsendable.call(this, field, `text that is not a date ("${value.slice(0, 40)}")`, itemIndex, DATE_FIX);
	}
	if (isScalar(value)) return String(value);
	if (isInstant(value)) {
		const date = instantToDate(value, rules.timeZone);
		if (date) return date;
		throw unsendable.call(this, field, 'an invalid date', itemIndex, DATE_FIX);
	}
	if (Array.isArray(value)) {
		if (value.every(isScalar)) return value.length ? `,${value.join(',')},` : '';
		throw unsendable.call(this, field, 'an array of objects', itemIndex);
	}
	throw unsendable.call(this, field, 'an object', itemIndex);
}

const DATE_FIX =
	'A date field takes YYYY-MM-DD (a time or a zone may follow: 2025-03-01 10:15:00, 2025-03-01T10:15:00Z), a JS Date or a Luxon DateTime such as {{ $now }}. To convert other text, use e.g. {{ DateTime.fromFormat($json.date, "MM/dd/yyyy") }}.';

function unsendable(
	this: IExecuteFunctions,
	field: string,
	what: string,
	itemIndex: number,
	fix?: string,
): NodeOperationError {
	return new NodeOperationError(this.getNode(), `Columns: "${field}" holds ${what}, which SmartSimple cannot store`, {
		itemIndex,
		description: fix ?? `Map text, a number, a date, or for a field of several options an array of stored values such as ["1","2"] (sent as ,1,2,). To store one value of it, map that value (e.g. {{ $json["${field}"].id }}); to store it as JSON text, map {{ JSON.stringify($json["${field}"]) }}.`,
	});
}

/**
 * The fields one item sets, converted by toWireValue. A field left empty in "Define Below" is
 * not set (Fields Not Set decides); "Map Automatically" sends the item's keys that are in the
 * Field List, or without one its keys that look like SmartSimple fields (sf_/cf_) except the
 * read-only ones (an item read by a List step carries sf_Created Date and sf_Modified Date).
 */
export function readColumns(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	fieldList: string[],
	{ autoMap, rules, valuesOf }: ColumnsSetup,
): IDataObject {
	const fields: IDataObject = {};
	if (autoMap) {
		const listed = listedFields(fieldList);
		const { json } = item;
		for (const key of Object.keys(json)) {
			const value = json[key];
			const wanted = listed.size ? listed.has(key) : /^(sf|cf)_./.test(key) && isWritableField(key);
			if (wanted && value !== undefined) fields[key] = toWireValue.call(this, key, value, rules, itemIndex);
		}
		return fields;
	}
	for (const [key, value] of Object.entries(valuesOf(itemIndex))) {
		if (key === 'recordid' || value === null || value === undefined) continue;
		fields[key] = toWireValue.call(this, key, value, rules, itemIndex);
	}
	return fields;
}

const listedSets = new WeakMap<string[], Set<string>>();

/** The Field List as a set, built once per list (a list read once serves every item). */
function listedFields(fieldList: string[]): Set<string> {
	let listed = listedSets.get(fieldList);
	if (!listed) {
		listed = new Set(fieldList);
		listedSets.set(fieldList, listed);
	}
	return listed;
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
	const listed = listedFields(fieldList);
	// Every listed field set and nothing else, the usual case, is told without building lists.
	const keys = Object.keys(fields);
	let unlisted = false;
	let present = 0;
	for (const field of keys) {
		if (!listed.has(field)) unlisted = true;
		else if (fields[field] !== undefined) present++;
	}
	if (!unlisted && (!missingFix || present === listed.size)) return;
	const missing = missingFix ? fieldList.filter((field) => fields[field] === undefined) : [];
	const extra = keys.filter((field) => !listed.has(field));
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

/**
 * Applies Fields Not Set to one item's fields, before any call: "empty" sends "" for the unset
 * fields of the Field List; "keep" leaves them to the read of the current record (where a read
 * token is given); otherwise a missing field refuses the item, naming it.
 */
export function settleUnsetFields(
	this: IExecuteFunctions,
	fields: IDataObject,
	fieldList: string[],
	itemIndex: number,
	choice: FieldsNotSet,
	readsCurrent: boolean,
): void {
	if (choice === 'empty') {
		for (const field of fieldList) if (fields[field] === undefined) fields[field] = '';
	}
	const fix =
		choice === 'keep'
			? 'Set them in Columns, or add Options → Read Current Values From (a List function of this record type) so unset fields keep their values.'
			: 'Set them in Columns (an empty value is allowed), or choose another Fields Not Set.';
	checkAgainstFieldList.call(this, fields, fieldList, itemIndex, choice === 'keep' && readsCurrent ? undefined : fix);
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

/** The row's fields but `recordid`; built, not deleted from a copy (a deletion slows the object down for good). */
export function withoutRecordId(row: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const field of Object.keys(row)) if (field !== 'recordid') fields[field] = row[field];
	return fields;
}

/**
 * The jsonrset record: `recordid` first (the fields' own where they set one), then the fields in
 * field-list order, then any others.
 */
export function orderRow(recordid: IDataObject[string], fields: IDataObject, fieldList: string[]): IDataObject {
	const ordered: IDataObject = { recordid: fields.recordid !== undefined ? fields.recordid : recordid };
	for (const field of fieldList) if (fields[field] !== undefined) ordered[field] = fields[field];
	for (const field of Object.keys(fields)) if (!(field in ordered)) ordered[field] = fields[field];
	return ordered;
}
