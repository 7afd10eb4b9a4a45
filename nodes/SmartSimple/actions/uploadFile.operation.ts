import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apiTokenProperty, recordIdProperty } from '../descriptions/common';
import { forEachItem } from '../helpers/items';
import { requiredText } from '../helpers/parameters';
import type { ResourceDefinition } from '../resources';
import { resourcesWith } from '../resources';
import { errorCode, withCode } from '../transport/errors';
import { answerError } from '../transport/request';
import { timeoutOnlyOptions } from '../transport/timeout';
import { smartConnectUpload } from '../transport/upload';
import { mimeTypeOf } from './downloadFile.operation';
import { explainFileFieldError, fieldIdProperty } from './related';
import type { OperationOption } from './types';
import { checkPartStatuses } from './write/batches';

export const option: OperationOption = {
	name: 'Upload File',
	action: (resource) => `Upload a file to a ${resource.singular}`,
	description: (resource) =>
		`Upload the input item's file into an upload field of a ${resource.singular}`,
};

const properties: INodeProperties[] = [
	apiTokenProperty(
		'A Files - Upload function of this record type whose field list includes the upload field.',
	),
	{ ...recordIdProperty, description: 'The SmartSimple ID of the record to attach the file to' },
	{
		...fieldIdProperty,
		required: true,
		description:
			'Custom field ID of the upload field (in SmartSimple: the field\'s settings page shows it as "Field ID"). A file of the same name in that field is replaced.',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the file to upload',
		description:
			'The file keeps its name and MIME type from that field, e.g. the output of Read/Write Files from Disk, HTTP Request or SmartSimple Download File',
	},
	timeoutOnlyOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: resourcesWith('uploadFile'), operation: ['uploadFile'] } },
	properties,
);

/**
 * One call per input item (an upload carries one file). Output: `{ recordId, fieldId, fileName,
 * fileSize, mimeType }` followed by what SmartSimple answered: the first record of its
 * `records` where it gives some (the sandbox: `fileid`, `filename`, `filesize`, `fieldid`,
 * `objectid`, `uploaddate`, `status`), else its answer as it is.
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
		const binaryPropertyName = requiredText.call(this, 'binaryPropertyName', 'Input Binary Field', itemIndex);
		const binary = items[itemIndex].binary?.[binaryPropertyName];
		if (!binary) {
			const present = Object.keys(items[itemIndex].binary ?? {});
			throw new NodeOperationError(this.getNode(), `The input item has no binary field "${binaryPropertyName}"`, {
				itemIndex,
				description: present.length
					? `Set Input Binary Field to the field holding the file: this item has ${present.map((name) => `"${name}"`).join(', ')}.`
					: 'The item carries no file. Put one in it first, e.g. with Read/Write Files from Disk, HTTP Request (response format File) or SmartSimple Download File.',
			});
		}
		if (!binary.fileName) {
			throw new NodeOperationError(this.getNode(), `The file in binary field "${binaryPropertyName}" has no file name`, {
				itemIndex,
				description: 'SmartSimple stores a file under its name: give the binary data a file name (with its extension) before uploading it.',
			});
		}
		const fileName = binary.fileName;
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
		const mimeType = binary.mimeType || mimeTypeOf(fileName);

		let answer: IDataObject;
		try {
			answer = await smartConnectUpload.call(this, {
				endpoint: resource.endpoint,
				apiToken,
				itemIndex,
				params: { objectid: recordId, fieldid: fieldId },
				file: { data, fileName, mimeType },
			});
		} catch (error) {
			if (errorCode(error) === 'MAY_HAVE_SAVED') {
				const uncertain = answerError.call(
					this,
					{
						message: `SmartSimple may have saved the file "${fileName}"`,
						description: `The upload failed after it may have reached SmartSimple, so it was not sent again. Before uploading it again, look for "${fileName}" with List Files (record ${recordId}, field ${fieldId}): a second upload of the same name replaces it.`,
					},
					itemIndex,
				);
				throw withCode(uncertain, 'MAY_HAVE_SAVED');
			}
			if (errorCode(error) === 'BLANK_RESPONSE') {
				throw answerError.call(
					this,
					{
						message: `SmartSimple did not take the file "${fileName}" for record ${recordId}`,
						description:
							'It answered blank, which it does for a record that does not exist: check the Record ID. Also check the API Token is a Files - Upload function of this record type.',
					},
					itemIndex,
				);
			}
			throw explainFileFieldError(error);
		}

		const records = Array.isArray(answer.records) ? (answer.records as IDataObject[]) : [];
		const answered = records.length ? records[0] : answer;
		if (answered.status !== undefined) {
			checkPartStatuses.call(
				this,
				itemIndex,
				'file',
				[answered],
				() => `"${fileName}"`,
				"Check the Field ID is an upload field in the function's field list, and the file's name and type are ones the field accepts.",
			);
		}
		return { recordId, fieldId, fileName, fileSize: data.length, mimeType, ...answered };
	});
}
