import type {
	IDataObject,
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { parseFieldList } from '../helpers/fieldList';
import type { ResourceDefinition } from '../resources';
import { getResource, isWritableField } from '../resources';
import { fetchPage } from '../transport/paging';
import { smartConnectRequest } from '../transport/request';

/** A parameter's fixed value; expressions cannot be resolved in the editor, so they count as unset. */
function fixedText(this: ILoadOptionsFunctions, path: string): string {
	const value = String(this.getCurrentNodeParameter(path) ?? '').trim();
	return value.startsWith('=') ? '' : value;
}

/** Field names from one record the Fill Unchanged Fields From (or Discover Fields From) token reads. */
async function discoverFromRecord(this: ILoadOptionsFunctions, resource: ResourceDefinition): Promise<string[]> {
	const apiToken = fixedText.call(this, 'options.readCurrentToken') || fixedText.call(this, 'options.discoveryToken');
	if (!apiToken) return [];
	if (fixedText.call(this, 'options.readCurrentAction') === 'get') {
		// A Get function needs a record: the Record ID, where it is a fixed value.
		const recordid = fixedText.call(this, 'recordId');
		if (!/^\d+$/.test(recordid)) return [];
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

/** Standard fields of the resource table plus the level's fields from a Get Meta function. */
async function discoverFromMeta(this: ILoadOptionsFunctions, resource: ResourceDefinition): Promise<string[]> {
	const apiToken = fixedText.call(this, 'options.getMetaToken');
	if (!apiToken || !resource.operations.includes('getMeta')) return [];
	const response = await smartConnectRequest.call(this, { endpoint: resource.endpoint, apiToken });
	const level = response[resource.endpoint] as IDataObject | undefined;
	const definitions = (level?.fields ?? []) as IDataObject[];
	const fromMeta = definitions
		.filter((field) => !field.readonly && !['timestamp', 'upload'].includes(String(field.type)))
		.map((field) => (typeof field.key === 'string' && field.key ? field.key : `cf_${String(field.name)}`));
	return [...new Set([...resource.standardFields, ...fromMeta])];
}

/**
 * One Columns input per field of the Update function: its Field List where given; else the
 * fields of a record read with the Fill Unchanged Fields From / Discover Fields From token; else,
 * for UTA levels, the fields a Get Meta function describes; else the record type's standard fields.
 */
export async function getColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const resource = getResource(this.getCurrentNodeParameter('resource') as string);
	const listed = parseFieldList(this.getCurrentNodeParameter('fieldList') as string | undefined);
	let fields = listed;
	if (!fields.length && resource) fields = await discoverFromRecord.call(this, resource);
	if (!fields.length && resource) fields = await discoverFromMeta.call(this, resource);
	if (!fields.length) fields = resource?.standardFields ?? [];
	return {
		fields: fields
			.filter((field) => listed.includes(field) || isWritableField(field))
			.map(
				(field): ResourceMapperField => ({
					id: field,
					displayName: field,
					required: false,
					defaultMatch: false,
					display: true,
					type: 'string',
					canBeUsedToMatch: false,
				}),
			),
	};
}
