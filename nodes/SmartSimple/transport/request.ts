import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { SmartConnectProblem } from './errors';
import {
	BLANK_RESPONSE,
	NOT_JSON,
	UNAUTHORIZED,
	findDocumentedError,
	serverFault,
	withCode,
} from './errors';

export type SmartConnectContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface SmartConnectCall {
	/** Endpoint from the resource table, e.g. `levelone`. */
	endpoint: string;
	/** The SmartConnect function's token: it selects record type, action and field list. */
	apiToken: string;
	/** Further form fields. Objects and arrays (criteria, jsonrset, ...) are sent as JSON text. */
	params?: IDataObject;
	/** For error messages: the input item the call serves. */
	itemIndex?: number;
	/**
	 * Whether the call may be sent again after it may have reached SmartSimple (a timeout, a
	 * dropped connection, a 5xx). True for reads, updates and deletes; false for a write that
	 * creates anything (recordid/associationid/addressid 0, an upload): SmartSimple would create
	 * it twice. Default true.
	 */
	repeatable?: boolean;
	/** SmartConnect API version in the URL (`/API/<version>/`); default 1. */
	apiVersion?: 1 | 2;
}

export interface SmartConnectFile {
	body: Buffer;
	contentType?: string;
	fileName?: string;
}

/** SmartSimple lists can take long to build; beyond this the call is reported as timed out. */
export const REQUEST_TIMEOUT_MS = 300_000;

/** POSTs one SmartConnect call and returns its parsed JSON answer. */
export async function smartConnectRequest(
	this: SmartConnectContext,
	call: SmartConnectCall,
): Promise<IDataObject> {
	const response = await send.call(this, call, 'text');
	const text = String(response.body ?? '');
	const problem = findProblem(response.statusCode, text);
	if (problem) throw await apiError.call(this, call, problem, response.statusCode, text);
	return JSON.parse(text) as IDataObject;
}

/** Downloads a file: the answer is the file's bytes, not JSON. */
export async function smartConnectDownload(
	this: SmartConnectContext,
	call: SmartConnectCall,
): Promise<SmartConnectFile> {
	const response = await send.call(this, call, 'arraybuffer');
	const body = Buffer.from(response.body as ArrayBuffer);
	const headers = response.headers as Record<string, string | undefined>;
	const contentType = headers['content-type'];
	const isFile = response.statusCode === 200 && body.length > 0 && !/json|html/i.test(contentType ?? '');
	if (!isFile) {
		const text = body.toString('utf8');
		const problem = findProblem(response.statusCode, text) ?? BLANK_RESPONSE;
		throw await apiError.call(this, call, problem, response.statusCode, text);
	}
	const disposition = headers['content-disposition'] ?? '';
	const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
	return { body, contentType, fileName: fileName ? decodeURIComponent(fileName) : undefined };
}

interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

async function send(
	this: SmartConnectContext,
	call: SmartConnectCall,
	encoding: 'text' | 'arraybuffer',
): Promise<RawResponse> {
	const url = await endpointUrl.call(this, call);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: { apitoken: call.apiToken, url, ...toFormFields(call.params ?? {}) },
		encoding,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(
			this,
			'smartSimpleApi',
			options,
		)) as RawResponse;
	} catch (error) {
		throw await apiError.call(this, call, transportProblem(error as Error & IDataObject, url));
	}
}

/** `<instance>/API/<version>/<endpoint>/`: where a call goes, and its `url` parameter. */
export async function endpointUrl(this: SmartConnectContext, call: SmartConnectCall): Promise<string> {
	const { instanceUrl } = await this.getCredentials<{ instanceUrl: string }>('smartSimpleApi');
	return `${String(instanceUrl).replace(/\/+$/, '')}/API/${call.apiVersion ?? 1}/${call.endpoint}/`;
}

/** SmartConnect takes flat form fields; structured parameters travel as JSON text. */
export function toFormFields(params: IDataObject): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [name, value] of Object.entries(params)) {
		if (value === undefined || value === null) continue;
		fields[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return fields;
}

/** Tells a refused call from a good one, whatever envelope the refusal comes in. */
export function findProblem(statusCode: number, text: string): SmartConnectProblem | undefined {
	if (statusCode === 401) return UNAUTHORIZED;
	const trimmed = text.trim();
	let parsed: unknown;
	try {
		parsed = trimmed ? JSON.parse(trimmed) : undefined;
	} catch {
		parsed = undefined;
	}
	const hasRecords =
		typeof parsed === 'object' &&
		parsed !== null &&
		Array.isArray((parsed as IDataObject).records) &&
		((parsed as IDataObject).records as unknown[]).length > 0;
	// A documented message inside real data (a record's text) is not an error.
	const documented = hasRecords ? undefined : findDocumentedError(trimmed);
	if (documented) return documented;
	if (statusCode >= 400) return serverFault(statusCode);
	if (!trimmed) return BLANK_RESPONSE;
	if (typeof parsed !== 'object' || parsed === null) return NOT_JSON;
	return undefined;
}

/** Network-level failures: nothing came back from SmartSimple. */
export function transportProblem(error: Error & IDataObject, url: string): SmartConnectProblem {
	const host = safeHost(url);
	// n8n-core wraps axios errors in a NodeApiError: the code (ECONNABORTED, ...) is on its cause.
	const code = String(error.code ?? (error.cause as IDataObject | undefined)?.code ?? '');
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(error.message)) {
		return {
			code: 'TIMEOUT',
			message: `SmartSimple did not answer in time (${host})`,
			description:
				'The call timed out. Large lists take long to build: lower the page size, narrow the filters, or try again later.',
		};
	}
	if (/instance url/i.test(error.message)) {
		return { code: 'BAD_INSTANCE_URL', message: error.message, description: "Fix the credential's Instance URL." };
	}
	// The code goes in the description: n8n replaces a message that names one (ECONNREFUSED, ...).
	return {
		code: 'UNREACHABLE',
		message: `Could not reach SmartSimple at ${host}`,
		description: `${code ? `The connection failed (${code}). ` : ''}Check the credential's Instance URL and that this n8n instance can reach it over the network.`,
	};
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'the instance URL';
	}
}

/**
 * Builds the error n8n shows. Only our own words and a short, redacted excerpt of the answer go
 * in: never the request, which carries the password and the token.
 */
export async function apiError(
	this: SmartConnectContext,
	call: SmartConnectCall,
	problem: SmartConnectProblem,
	statusCode?: number,
	responseText?: string,
): Promise<NodeApiError> {
	const details: JsonObject = { message: problem.message, endpoint: call.endpoint };
	if (statusCode !== undefined) details.httpCode = String(statusCode);
	// Redact before cutting: a secret across the cut would leave its first characters in clear.
	if (responseText) details.response = (await redact.call(this, call, responseText)).slice(0, 300);
	const error = new NodeApiError(withoutApiToken(this.getNode()), details, {
		message: problem.message,
		description: problem.description,
		httpCode: statusCode === undefined ? undefined : String(statusCode),
		itemIndex: call.itemIndex,
	});
	return withCode(error, problem.code);
}

async function redact(this: SmartConnectContext, call: SmartConnectCall, text: string) {
	const { password } = await this.getCredentials<{ password?: string }>('smartSimpleApi');
	let clean = text;
	for (const secret of [password, call.apiToken]) {
		if (!secret) continue;
		// Also as a form body would carry it, where an error page echoes the request.
		const encoded = encodeURIComponent(secret);
		const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
		for (const form of [secret, encoded, encoded.replace(/%20/g, '+'), formEncoded]) {
			clean = clean.split(form).join('[redacted]');
		}
	}
	return clean;
}

/** An answer that came back but lacks what the operation needs (no file, no content, ...). */
export function answerError(
	this: SmartConnectContext,
	{ message, description }: Omit<SmartConnectProblem, 'code'>,
	itemIndex?: number,
): NodeApiError {
	const error = new NodeApiError(withoutApiToken(this.getNode()), { message }, { message, description, itemIndex });
	return withCode(error, 'INCOMPLETE_ANSWER');
}

/**
 * n8n records an error with its node, parameters included, in the execution data (and error
 * workflows pass it on): the API token parameter is left out there.
 */
export function withoutApiToken(node: INode): INode {
	const token = node.parameters?.apiToken;
	if (typeof token !== 'string' || !token || token.startsWith('=')) return node;
	return { ...node, parameters: { ...node.parameters, apiToken: '[redacted]' } };
}
