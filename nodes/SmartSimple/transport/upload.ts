import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { SmartConnectCall } from './request';
import {
	apiError,
	connectionFor,
	readAnswer,
	requestTimeoutMs,
	sendWithRetries,
	toFormFields,
} from './request';

export interface UploadFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

export interface UploadCall extends SmartConnectCall {
	file: UploadFile;
}

/**
 * Files - Upload, the one SmartConnect call that differs on the wire: as the vendor documents
 * it, every parameter travels in the query string (the credential adds the login there too) and
 * the body is the file as one multipart/form-data part. An upload creates a file, so it goes
 * through the transport's retries as not repeatable: sent again only where it provably never
 * left. The URL holds the password: errors name only the host, and answer excerpts are redacted.
 */
export async function smartConnectUpload(this: IExecuteFunctions, call: UploadCall): Promise<IDataObject> {
	const upload = { ...call, repeatable: false };
	const { url, sendAuthenticated } = await connectionFor.call(this, upload);
	const timeout = requestTimeoutMs.call(this, upload);
	const boundary = boundaryFor(call.file.data);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		qs: { apitoken: call.apiToken, ...toFormFields(call.params ?? {}), url },
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		body: multipartBody(boundary, call.file),
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout,
	};
	const response = await sendWithRetries.call(this, upload, url, timeout, () => sendAuthenticated(options));
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	const reading = readAnswer(response.statusCode, text);
	if ('data' in reading) return reading.data;
	// The vendor does not publish the upload's answer: plain-text confirmation is taken as it
	// comes, a web page is not (a sign-in page or a proxy's error).
	if (reading.problem.code === 'NOT_JSON' && !/<\s*(!doctype|html|head|body)\b/i.test(text)) {
		return { message: text.trim() };
	}
	throw await apiError.call(this, upload, reading.problem, response.statusCode, text);
}

/**
 * The file as one part, written as browsers write it (RFC 7578, WHATWG): the file name as UTF-8
 * in quotes, with `"`, CR and LF percent-encoded. The part's name is not public: "file".
 */
function multipartBody(boundary: string, file: UploadFile): Buffer {
	const fileName = file.fileName.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
	const mimeType = file.mimeType.replace(/[\r\n]/g, '');
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
		`Content-Type: ${mimeType}\r\n\r\n`;
	return Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
}

/** A boundary that does not occur in the file. */
function boundaryFor(data: Buffer): string {
	for (;;) {
		const boundary = `----n8nSmartSimple${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
		if (!data.includes(boundary)) return boundary;
	}
}
