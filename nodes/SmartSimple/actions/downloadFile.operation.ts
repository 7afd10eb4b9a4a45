import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import { forEachItem } from '../helpers/items';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { errorCode } from '../transport/errors';
import { answerError, smartConnectDownload } from '../transport/request';
import { explainFileFieldError, fieldIdProperty } from './related';
import { timeoutOnlyOptions } from '../transport/timeout';
import type { OperationOption } from './types';

export const option: OperationOption = {
	name: 'Download File',
	action: (resource) => `Download a file of a ${resource.singular}`,
	description: (resource) => `Download one file from an upload field of a ${resource.singular}`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'A Download File function of this record type whose field list includes the upload field.',
	),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record the file is attached to' },
	{ ...fieldIdProperty, required: true },
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Budget.pdf',
		description:
			'Name of the file exactly as SmartSimple lists it, with its extension (map "filename" from List Files)',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
	timeoutOnlyOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('downloadFile'), operation: ['downloadFile'] } },
	properties,
);

/** MIME types by extension, for when SmartSimple does not name a real file type. */
const MIME_TYPES: Record<string, string> = {
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	gif: 'image/gif',
	htm: 'text/html',
	html: 'text/html',
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	json: 'application/json',
	msg: 'application/vnd.ms-outlook',
	odt: 'application/vnd.oasis.opendocument.text',
	pdf: 'application/pdf',
	png: 'image/png',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	rtf: 'application/rtf',
	svg: 'image/svg+xml',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	txt: 'text/plain',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	xml: 'application/xml',
	zip: 'application/zip',
};

/** The server's Content-Type where it names a file type, else the type the extension implies. */
export function mimeTypeOf(fileName: string, contentType?: string): string {
	const served = String(contentType ?? '').split(';')[0].trim().toLowerCase();
	const generic = !served || served === 'application/octet-stream' || served === 'binary/octet-stream';
	if (!generic && !/json|html/.test(served)) return served;
	const extension = /\.([^./\\]+)$/.exec(fileName)?.[1].toLowerCase() ?? '';
	return MIME_TYPES[extension] ?? 'application/octet-stream';
}

/**
 * Output: one item per input item, `{ recordId, fieldId, fileName, fileSize, mimeType }`, with
 * the file in the binary field named by Put Output File in Field (the input's other binary
 * fields are kept).
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	resource: ResourceDefinition,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const apiToken = requiredText.call(this, 'apiToken', 'API Token', itemIndex);
		const recordId = requiredText.call(this, 'recordId', 'Record ID', itemIndex);
		const fieldId = requiredText.call(this, 'fieldId', 'Field ID', itemIndex);
		const fileName = requiredText.call(this, 'fileName', 'File Name', itemIndex);
		const binaryPropertyName = requiredText.call(
			this,
			'binaryPropertyName',
			'Put Output File in Field',
			itemIndex,
		);

		let file;
		try {
			file = await smartConnectDownload.call(this, {
				endpoint: resource.endpoint,
				apiToken,
				itemIndex,
				params: { objectid: recordId, fieldid: fieldId, filename: fileName },
			});
		} catch (error) {
			if (errorCode(error) === 'BLANK_RESPONSE') {
				throw answerError.call(
					this,
					{
						message: `SmartSimple has no file "${fileName}" in field ${fieldId} of record ${recordId}`,
						description:
							"Check the File Name (exactly as List Files shows it, with its extension), the Field ID and the Record ID. Also check the API Token is a Download File function of this record type whose field list includes the field.",
					},
					itemIndex,
				);
			}
			throw explainFileFieldError(error);
		}

		const name = file.fileName ?? fileName;
		const mimeType = mimeTypeOf(name, file.contentType);
		const binaryData = await this.helpers.prepareBinaryData(file.body, name, mimeType);
		return {
			json: { recordId, fieldId, fileName: name, fileSize: file.body.length, mimeType },
			binary: { ...items[itemIndex].binary, [binaryPropertyName]: binaryData },
		};
	});
}
