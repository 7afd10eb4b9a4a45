import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const FIXES: Record<string, string> = {
	apiToken: "Paste the function's API Token from SmartSimple (Global Settings → Integrations → SmartConnect API).",
	recordId: "Enter the record's SmartSimple ID, or map it from an input field.",
};

/** Reads a text parameter that must not be blank, and says what to enter before any call is spent. */
export function requiredText(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			itemIndex,
			description: FIXES[name] ?? `Enter a value for ${label}.`,
		});
	}
	return value;
}
