/**
 * Transactions on SmartConnect API version 2 (August 2022): the call goes to
 * `/API/2/transactions/` and each record carries `translevel`, the UTA level of the record the
 * transaction belongs to (`sf_Object ID`): "1" for Level 1, "2" for Level 2.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldListProblem, parseFieldList } from '../helpers/fieldList';
import { readFieldList } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';

export type TransactionLevel = '' | '1' | '2';

export const transactionLevelOption: INodeProperties = {
	displayName: 'Transaction Level (API Version 2)',
	name: 'transactionLevel',
	type: 'options',
	default: '',
	options: [
		{ name: 'None (API Version 1)', value: '' },
		{ name: 'UTA Level 1', value: '1' },
		{ name: 'UTA Level 2', value: '2' },
	],
	displayOptions: { show: { '/resource': ['transaction'] } },
	description:
		'The UTA level of the records the transactions belong to (sf_Object ID). When set, the call goes to SmartConnect API version 2 with translevel in each record; the function must be a version 2 transaction function.',
};

/** The item's Transaction Level option; always empty for other record types. */
export function readTransactionLevel(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: ResourceDefinition,
): TransactionLevel {
	if (resource.value !== 'transaction') return '';
	const options = this.getNodeParameter('options', itemIndex, {}) as { transactionLevel?: unknown };
	const level = String(options.transactionLevel ?? '').trim();
	if (level === '' || level === '1' || level === '2') return level;
	throw new NodeOperationError(this.getNode(), `Transaction Level "${level}" is not 1 or 2`, {
		itemIndex,
		description:
			'Set Options → Transaction Level to UTA Level 1 or UTA Level 2, or remove it to use API version 1.',
	});
}

/** The jsonrset record with `translevel` where a level is set, and the call's API version. */
export function withTransactionLevel(record: IDataObject, level: TransactionLevel) {
	return level
		? { records: [{ ...record, translevel: level }], apiVersion: 2 as const }
		: { records: [record], apiVersion: 1 as const };
}

/**
 * The Field List. With a level set, a list copied from a version 2 function may name
 * `translevel` (the vendor's own sample even joins it with one `;`): it is not a field, the
 * option sets it, so it is left out before the list is checked.
 */
export function readLevelledFieldList(this: IExecuteFunctions, itemIndex: number, level: TransactionLevel): string[] {
	const raw = this.getNodeParameter('fieldList', itemIndex, '');
	if (!level || typeof raw !== 'string' || !/translevel/i.test(raw)) return readFieldList.call(this, itemIndex);
	const fields = parseFieldList(raw)
		.map((field) => field.replace(/;\s*translevel$/i, ''))
		.filter((field) => field.toLowerCase() !== 'translevel');
	const problem = fieldListProblem(fields);
	if (problem) {
		throw new NodeOperationError(this.getNode(), `Field List: ${problem.message}`, { itemIndex, description: problem.fix });
	}
	return fields;
}
