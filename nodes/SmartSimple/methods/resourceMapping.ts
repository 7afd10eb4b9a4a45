import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { parseFieldList } from '../helpers/fieldList';
import { getResource } from '../resources';

/** One mapper input per field of the update function's field list (or the standard fields). */
export async function getColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const resource = getResource(this.getCurrentNodeParameter('resource') as string);
	const listed = parseFieldList(this.getCurrentNodeParameter('fieldList') as string | undefined);
	const fields = listed.length ? listed : (resource?.standardFields ?? []);
	return {
		fields: fields.map((field) => ({
			id: field,
			displayName: field,
			required: false,
			defaultMatch: false,
			display: true,
			type: 'string',
			canBeUsedToMatch: false,
		})),
	};
}
