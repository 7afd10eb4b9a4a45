import type { OperationName } from '../resources';
import type { OperationModule } from './types';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** Every SmartConnect action the node knows; a new action is one file plus one line here. */
export const OPERATIONS: Partial<Record<OperationName, OperationModule>> = {
	get,
	getAll,
};
