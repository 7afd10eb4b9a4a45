import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { parseFieldList } from '../helpers/fieldList';
import { getResource } from '../resources';
import { fetchPage } from '../transport/paging';

/**
 * Fields for the filter and sort pickers: the function's field list where the user gave it,
 * else the keys of one record read with the List function's token, else the record type's
 * standard fields.
 */
export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const resource = getResource(this.getCurrentNodeParameter('resource') as string);
	const fieldList = parseFieldList(this.getCurrentNodeParameter('fieldList') as string | undefined);
	let fields = fieldList;
	if (!fields.length) {
		const apiToken = String(this.getCurrentNodeParameter('apiToken') ?? '').trim();
		if (resource && apiToken && !apiToken.startsWith('=')) {
			const page = await fetchPage.call(this, { endpoint: resource.endpoint, apiToken }, 1, 1);
			fields = Object.keys(page.records[0] ?? {});
		}
	}
	if (!fields.length) fields = resource?.standardFields ?? [];
	return fields.map((field) => ({ name: field, value: field }));
}
