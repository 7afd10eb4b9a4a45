import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redactNode, withRedactedNode } from '../transport/request';
import { withoutFieldPrefixes } from './fieldList';

type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

function isExecutionData(value: IDataObject | INodeExecutionData): value is INodeExecutionData {
	return typeof value.json === 'object' && value.json !== null;
}

/**
 * Runs `work` once per input item and pairs what it returns with that item. Under "Continue
 * On Fail" a failing item becomes an error item and the others go on.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await work(itemIndex);
			const list = (Array.isArray(result) ? result : [result]) as Array<IDataObject | INodeExecutionData>;
			for (const entry of list) {
				// A record becomes an item as it is: no copy per record (lists return thousands).
				output.push(
					isExecutionData(entry)
						? { ...entry, pairedItem: { item: itemIndex } }
						: { json: entry, pairedItem: { item: itemIndex } },
				);
			}
		} catch (error) {
			if (!this.continueOnFail()) throw withItemIndex(this, error as Error, itemIndex);
			output.push(errorItem(error as Error, itemIndex));
		}
	}
	return output;
}

export function errorItem(error: Error & { description?: string | null }, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

/** Errors from helpers carry no node; n8n shows them best as NodeOperationErrors with the item. */
export function withItemIndex(context: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if ('node' in error) return withRedactedNode(error);
	return new NodeOperationError(redactNode(context.getNode()), error.message, { itemIndex });
}

/** The output options of the operations that return records (Get, Get Many). */
export interface OutputOptions {
	keyFormat?: string;
	stripPrefixes?: boolean;
	valueFormat?: 'display' | 'stored';
}

/** The `othersettings` that ask SmartSimple for the chosen value and key formats. */
export function outputSettings(options: OutputOptions): IDataObject {
	const othersettings: IDataObject = {};
	if (options.valueFormat) othersettings.getstorevalue = options.valueFormat === 'stored' ? 1 : 0;
	if (options.keyFormat !== undefined) othersettings.keyformat = Number(options.keyFormat);
	return othersettings;
}

/** Applies the output options every record-returning operation shares. */
export function shapeRecord(record: IDataObject, options: { stripPrefixes?: boolean }): IDataObject {
	return options.stripPrefixes ? withoutFieldPrefixes(record) : record;
}

/** shapeRecord over a list; the list itself where there is nothing to change (lists are long). */
export function shapeRecords(records: IDataObject[], options: { stripPrefixes?: boolean }): IDataObject[] {
	return options.stripPrefixes ? records.map(withoutFieldPrefixes) : records;
}
