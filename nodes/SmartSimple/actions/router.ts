import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationName } from '../resources';
import { getResource } from '../resources';
import { OPERATIONS } from './operations';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = getResource(this.getNodeParameter('resource', 0) as string);
	const operationName = this.getNodeParameter('operation', 0) as OperationName;
	const operation = OPERATIONS[operationName];
	if (!resource || !operation || !resource.operations.includes(operationName)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not available for the resource "${resource?.name ?? 'unknown'}"`,
		);
	}
	return [await operation.execute.call(this, this.getInputData(), resource)];
}
