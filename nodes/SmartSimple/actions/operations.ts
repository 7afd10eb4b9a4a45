import type { OperationName } from '../resources';
import type { OperationModule } from './types';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Every SmartConnect action the node knows; a new action is one file plus one line here. */
export const OPERATIONS: Partial<Record<OperationName, OperationModule>> = {
	create,
	delete: del,
	get,
	getAll,
	update,
};
