import type { IDataObject } from 'n8n-workflow';

/**
 * The levels of a Get Meta answer, each `{ level, types, statuses, fields, ... }`. SmartConnect
 * answers an object keyed by level; some instances may wrap it in `records`.
 */
export function readMetaLevels(response: IDataObject): IDataObject[] {
	const wrapped = Array.isArray(response.records) ? (response.records as IDataObject[])[0] : undefined;
	const source = wrapped && typeof wrapped === 'object' ? wrapped : response;
	return Object.entries(source)
		.filter(([key, value]) => key !== 'message' && key !== 'records' && isObject(value))
		.map(([key, value]) => ({
			level: key,
			types: [],
			statuses: [],
			fields: [],
			...(value as IDataObject),
		}));
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
