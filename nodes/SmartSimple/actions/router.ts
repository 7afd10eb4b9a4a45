import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationName } from '../resources';
import { RESOURCES, getResource } from '../resources';
import { OPERATIONS } from './operations';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// An edited or imported workflow can hold any value here; the editor's dropdowns cannot.
	const resourceName = String(this.getNodeParameter('resource', 0));
	const resource = getResource(resourceName);
	if (!resource) {
		throw new NodeOperationError(this.getNode(), `Resource "${resourceName.slice(0, 40)}" is not a SmartSimple record type`, {
			description: `Choose one of: ${RESOURCES.map((known) => known.value).join(', ')}.`,
		});
	}
	const operationName = String(this.getNodeParameter('operation', 0)) as OperationName;
	const operation = OPERATIONS[operationName];
	if (!operation || !resource.operations.includes(operationName)) {
		throw new NodeOperationError(
			this.getNode(),
			`Operation "${operationName.slice(0, 40)}" is not available for the resource "${resource.name}"`,
			{ description: `Choose one of: ${resource.operations.join(', ')}.` },
		);
	}
	return [await operation.execute.call(this, this.getInputData(), resource)];
}
