import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ResourceDefinition } from '../resources';

/** How an operation appears in a resource's Operation dropdown. */
export interface OperationOption {
	name: string;
	action: (resource: ResourceDefinition) => string;
	description: (resource: ResourceDefinition) => string;
}

/** What every `<operation>.operation.ts` file exports. */
export interface OperationModule {
	option: OperationOption;
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		resource: ResourceDefinition,
	): Promise<INodeExecutionData[]>;
}
