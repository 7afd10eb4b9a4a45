import type { OperationName } from '../resources';
import type { OperationModule } from './types';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as deleteFile from './deleteFile.operation';
import * as downloadFile from './downloadFile.operation';
import * as getMeta from './getMeta.operation';
import * as listAddresses from './listAddresses.operation';
import * as listAssociations from './listAssociations.operation';
import * as listFiles from './listFiles.operation';
import * as listNotes from './listNotes.operation';
import * as listProviderConsumer from './listProviderConsumer.operation';
import * as replaceVariables from './replaceVariables.operation';
import * as searchFiles from './searchFiles.operation';
import * as updateAddresses from './updateAddresses.operation';
import * as updateAssociations from './updateAssociations.operation';
import * as updateMeta from './updateMeta.operation';
import * as updateProviderConsumer from './updateProviderConsumer.operation';
import * as update from './update.operation';
import * as uploadFile from './uploadFile.operation';

/** Every SmartConnect action the node knows; a new action is one file plus one line here. */
export const OPERATIONS: Partial<Record<OperationName, OperationModule>> = {
	create,
	delete: del,
	get,
	getAll,
	deleteFile,
	downloadFile,
	getMeta,
	listAddresses,
	listAssociations,
	listFiles,
	listNotes,
	listProviderConsumer,
	replaceVariables,
	searchFiles,
	updateAddresses,
	updateAssociations,
	updateMeta,
	updateProviderConsumer,
	update,
	uploadFile,
};
