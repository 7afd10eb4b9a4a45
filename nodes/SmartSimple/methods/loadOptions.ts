import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { parseFieldList } from '../helpers/fieldList';
import { getResource } from '../resources';
import { fetchPage } from '../transport/paging';

/**
 * Fields for the filter and sort pickers and the trigger's Timestamp Field and ID Field: the
 * function's field list where the user gave it, else the keys of one record read with the List
 * function's token (one call), else the record type's standard fields. `recordid` comes first:
 * SmartConnect filters and sorts on it whatever the field list says.
 */
export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const resource = getResource(this.getCurrentNodeParameter('resource') as string);
	let fields = parseFieldList(this.getCurrentNodeParameter('fieldList') as string | undefined);
	if (!fields.length) {
		const apiToken = String(this.getCurrentNodeParameter('apiToken') ?? '').trim();
		if (resource && apiToken && !apiToken.startsWith('=')) {
			const page = await fetchPage.call(this, { endpoint: resource.endpoint, apiToken }, 1, 1);
			fields = Object.keys(page.records[0] ?? {});
		}
	}
	if (!fields.length) fields = resource?.standardFields ?? [];
	// Report rows are keyed by column caption and have no record ID.
	if (resource?.value !== 'report') fields = ['recordid', ...fields.filter((field) => field !== 'recordid')];
	return fields.map((field) => ({ name: field, value: field }));
}
