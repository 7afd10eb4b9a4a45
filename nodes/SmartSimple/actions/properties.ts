import type { INodeProperties } from 'n8n-workflow';

import { RESOURCES } from '../resources';
import { OPERATIONS } from './operations';

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: 'levelOne',
	options: RESOURCES.map((resource) => ({ name: resource.name, value: resource.value })),
};

/** One Operation dropdown per resource, listing what its record type supports. */
const operationProperties: INodeProperties[] = RESOURCES.map((resource) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [resource.value] } },
	// Every record type can be listed, so Get Many is a valid first choice everywhere.
	default: 'getAll',
	options: resource.operations.flatMap((name) => {
		const operation = OPERATIONS[name];
		if (!operation) return [];
		return [
			{
				name: operation.option.name,
				value: name,
				action: operation.option.action(resource),
				description: operation.option.description(resource),
			},
		];
	}),
}));

/** Every parameter of the node: resource, the per-resource operation lists, then each operation's own. */
export const properties: INodeProperties[] = [
	resourceProperty,
	...operationProperties,
	...Object.values(OPERATIONS).flatMap((operation) => operation.description),
];
