import type {
	FieldType,
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { parseFieldList } from '../helpers/fieldList';
import { readMetaLevels } from '../helpers/meta';
import type { FieldKind, ResourceDefinition } from '../resources';
import { getResource, isWritableField, standardFieldKind } from '../resources';
import { fetchPage } from '../transport/paging';
import { answerError, smartConnectRequest } from '../transport/request';

/** What the mapper knows of a field: how it is typed and, from Get Meta, its caption and choices. */
type Kind = FieldKind | 'multiOption' | 'readOnly' | 'file';

interface FieldDefinition {
	kind: Kind;
	caption?: string;
	/** Stored values, named by their captions. */
	options?: INodePropertyOptions[];
}

/** One level of a Get Meta answer, indexed by every name a field list may give a field. */
interface LevelMeta {
	byName: Map<string, FieldDefinition>;
	/** The writable fields, in the answer's order, by the name the field list would use. */
	writable: string[];
	/** The level's types and statuses: the choices of sf_Type and sf_Status. */
	standardOptions: Map<string, INodePropertyOptions[]>;
}

/** A parameter's fixed value; expressions cannot be resolved in the editor, so they count as unset. */
function fixedText(this: ILoadOptionsFunctions, path: string): string {
	const value = String(this.getCurrentNodeParameter(path) ?? '').trim();
	return value.startsWith('=') ? '' : value;
}

/**
 * Field names from one record the Read Current Values From (or Discover Fields From) token
 * reads; undefined where there is nothing to read with, so no call was spent.
 */
async function discoverFromRecord(
	this: ILoadOptionsFunctions,
	resource: ResourceDefinition,
): Promise<string[] | undefined> {
	const apiToken = fixedText.call(this, 'options.readCurrentToken') || fixedText.call(this, 'options.discoveryToken');
	if (!apiToken) return undefined;
	if (fixedText.call(this, 'options.readCurrentAction') === 'get') {
		// A Get function needs a record: the Record ID as it is when the mapper loads. The mapper
		// does not reload on Record ID changes, which would spend a call each time.
		const recordid = fixedText.call(this, 'recordId');
		if (!/^\d+$/.test(recordid)) return undefined;
		const response = await smartConnectRequest.call(this, {
			endpoint: resource.endpoint,
			apiToken,
			params: { recordid },
		});
		return Object.keys((response.records as IDataObject[] | undefined)?.[0] ?? {});
	}
	const page = await fetchPage.call(this, { endpoint: resource.endpoint, apiToken }, 1, 1);
	return Object.keys(page.records[0] ?? {});
}

/** The resource's level from the Get Meta function the user gave, if any: one call. */
async function readMeta(this: ILoadOptionsFunctions, resource: ResourceDefinition): Promise<LevelMeta | undefined> {
	const apiToken = fixedText.call(this, 'options.getMetaToken');
	if (!apiToken || !resource.operations.includes('getMeta')) return undefined;
	const response = await smartConnectRequest.call(this, { endpoint: resource.endpoint, apiToken });
	const levels = readMetaLevels(response);
	const level = levels.find((entry) => entry.level === resource.endpoint);
	if (!level) {
		const described = levels.map((entry) => String(entry.level)).join(', ') || 'no level';
		throw answerError.call(this, {
			message: `The Get Meta function describes ${described}, not ${resource.endpoint}`,
			description: `Add ${resource.endpoint}.* to the Get Meta function's field list in SmartSimple, or clear Options → Field Definitions From (Get Meta Token).`,
		});
	}
	return indexLevel(level);
}

function indexLevel(level: IDataObject): LevelMeta {
	const standardOptions = new Map([
		['sf_type', choices(level.types)],
		['sf_status', choices(level.statuses)],
	]);
	const byName = new Map<string, FieldDefinition>();
	const writable: string[] = [];
	for (const field of asList(level.fields)) {
		const name = String(field.name ?? '');
		const id = String(field.id ?? '');
		// Standard fields have no ID; the key is what a field list names ("sf_Name", "cf_Program Area").
		const key = typeof field.key === 'string' && field.key ? field.key : `${id ? 'cf' : 'sf'}_${name}`;
		let options = choices(field.options);
		if (!options.length) options = standardOptions.get(key.toLowerCase()) ?? [];
		const definition: FieldDefinition = {
			kind: metaKind(field, options),
			// What the screen shows: labels fields a field list names by ID (cf_1234567).
			caption: String(field.caption || field.name || '') || undefined,
			options,
		};
		for (const alias of [key, `${id ? 'cf' : 'sf'}_${name}`, id ? `cf_${id}` : '']) {
			if (alias && !byName.has(alias.toLowerCase())) byName.set(alias.toLowerCase(), definition);
		}
		if (definition.kind !== 'readOnly' && definition.kind !== 'file') writable.push(key);
	}
	return { byName, writable, standardOptions };
}

/**
 * How a Get Meta field type is written varies (the sandbox says "date", "option", "money";
 * SmartSimple's own editor says "Date", "Select One - Combo Box", "Number"), so it is read by words.
 */
function metaKind(field: IDataObject, options: INodePropertyOptions[]): Kind {
	const type = String(field.type ?? '').toLowerCase();
	if (field.readonly === true || /timestamp|read.?only/.test(type)) return 'readOnly';
	if (/upload|file|attachment/.test(type)) return 'file';
	if (/many|multi|check.?box/.test(type)) return 'multiOption';
	if (/option|select|combo|radio|drop.?down/.test(type) || options.length) return 'option';
	if (/date|calendar/.test(type)) return 'date';
	if (/number|numeric|money|currency|decimal|integer|amount|percent/.test(type)) return 'number';
	if (/^(id|user|lookup|reference)\b/.test(type)) return 'reference';
	return 'text';
}

/** Choices as Get Meta lists them: `[{id, name}]` (or value/caption), or an `{id: name}` map. */
function choices(value: unknown): INodePropertyOptions[] {
	const entries =
		value && typeof value === 'object' && !Array.isArray(value)
			? Object.entries(value).map(([id, name]) => ({ id, name }) as IDataObject)
			: asList(value);
	return entries.flatMap((entry) => {
		const stored = entry.id ?? entry.value ?? entry.key;
		if (stored === undefined || stored === null || stored === '') return [];
		const caption = entry.caption ?? entry.name ?? entry.label ?? stored;
		return [{ name: String(caption), value: String(stored) }];
	});
}

function asList(value: unknown): IDataObject[] {
	return Array.isArray(value)
		? value.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null)
		: [];
}

/** Get Meta's word on a field where given, else the resource table's; undefined: a guess. */
function definitionOf(field: string, meta: LevelMeta | undefined): FieldDefinition | undefined {
	const described = meta?.byName.get(field.toLowerCase());
	if (described) return described;
	const kind = standardFieldKind(field);
	if (!kind) return undefined;
	return { kind, options: meta?.standardOptions.get(field.toLowerCase()) };
}

const NOTES: Partial<Record<Kind, string>> = {
	option: 'stored value',
	multiOption: 'stored values, e.g. ,1,2,',
	reference: 'ID',
	readOnly: 'read-only, not saved',
	file: 'file field',
};

/**
 * Dates become date pickers, numbers number inputs, options with known choices dropdowns of
 * stored values; the label says what else matters (caption, stored value, or that the type is a
 * guess).
 */
function mapperField(id: string, definition: FieldDefinition | undefined): ResourceMapperField {
	let type: FieldType = 'string';
	const notes: string[] = [];
	const caption = definition?.caption;
	if (caption && !id.toLowerCase().includes(caption.toLowerCase())) notes.push(caption);
	let options = definition?.options ?? [];
	// An unset custom select field reads back as "": mapped onward, the dropdown must take it.
	if (options.length && !id.startsWith('sf_')) options = [...options, { name: '(Empty)', value: '' }];
	if (!definition) notes.push('type unknown');
	else if (definition.kind === 'date') type = 'dateTime';
	else if (definition.kind === 'number') type = 'number';
	else if (definition.kind === 'option' && options.length) type = 'options';
	else if (NOTES[definition.kind]) notes.push(NOTES[definition.kind] as string);
	return {
		id,
		displayName: notes.length ? `${id} (${notes.join(', ')})` : id,
		required: false,
		defaultMatch: false,
		display: true,
		type,
		canBeUsedToMatch: false,
		...(type === 'options' ? { options } : {}),
	};
}

/**
 * One Columns input per field of the Update function, typed. Names: its Field List where
 * given; else the fields of a record read with the Read Current Values From / Discover Fields
 * From token; else, for UTA levels, the fields a Get Meta function describes; else the record
 * type's standard fields. Types: from the Get Meta function where given, else the resource
 * table's standard fields; other fields are marked as of unknown type. At most one call: Get Meta
 * is read only where no record was read for the names.
 */
export async function getColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const resource = getResource(this.getCurrentNodeParameter('resource') as string);
	if (!resource) return { fields: [] };
	const listed = parseFieldList(this.getCurrentNodeParameter('fieldList') as string | undefined);
	const discovered = listed.length ? undefined : await discoverFromRecord.call(this, resource);
	const meta = discovered === undefined ? await readMeta.call(this, resource) : undefined;
	let names = listed.length ? listed : (discovered ?? []);
	if (!names.length && meta) names = [...new Set([...resource.standardFields, ...meta.writable])];
	if (!names.length) names = resource.standardFields;
	return {
		fields: names
			.filter((field) => listed.includes(field) || isWritableField(field))
			.map((field) => mapperField(field, definitionOf(field, meta))),
	};
}
