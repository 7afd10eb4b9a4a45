import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const FIXES: Record<string, string> = {
	apiToken: "Paste the function's API Token from SmartSimple (Global Settings → Integrations → SmartConnect API).",
	recordId: "Enter the record's SmartSimple ID, or map it from an input field.",
	fieldId: "Enter the upload field's custom field ID (its settings page in SmartSimple shows it), or map \"fieldid\" from List Files.",
	fileName: 'Enter the file\'s name exactly as SmartSimple lists it, with its extension, or map "filename" from List Files.',
	keyword: 'Enter a word or phrase to look for in the files.',
	content: 'Enter the text to fill in, with variables between @ signs, e.g. "Dear @firstname@".',
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
