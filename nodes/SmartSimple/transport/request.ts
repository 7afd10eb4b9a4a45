import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { withLogin } from '../../../credentials/SmartSimpleApi.credentials';
import type { SmartConnectProblem } from './errors';
import {
	BLANK_RESPONSE,
	NOT_JSON,
	UNAUTHORIZED,
	findDocumentedError,
	mayHaveSaved,
	serverFault,
	withCode,
} from './errors';
import { longestEncoding, passwordParameters, redactNode, redactSecrets } from './secrets';
import { DEFAULT_TIMEOUT_SECONDS } from './timeout';

export { redactNode, withRedactedNode, withoutLogin } from './secrets';

export type SmartConnectContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface SmartConnectCall {
	/** Endpoint from the resource table, e.g. `levelone`. */
	endpoint: string;
	/** The SmartConnect function's token: it selects record type, action and field list. */
	apiToken: string;
	/** Further form fields. Objects and arrays (criteria, jsonrset, ...) are sent as JSON text. */
	params?: IDataObject;
	/** For error messages and the item's Request Timeout option: the input item the call serves. */
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

/** An HTTP answer as n8n's request helper returns it with `returnFullResponse`. */
export interface RawResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** POSTs one SmartConnect call and returns its parsed JSON answer. */
export async function smartConnectRequest(
	this: SmartConnectContext,
	call: SmartConnectCall,
): Promise<IDataObject> {
	const response = await send.call(this, call, 'text');
	// n8n hands the text over as is: it is parsed once, here, and never copied.
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	const reading = readAnswer(response.statusCode, text);
	if ('problem' in reading) throw await apiError.call(this, call, reading.problem, response.statusCode, text);
	return reading.data;
}

/**
 * Downloads a file: the answer is the file's bytes, not JSON. An answer sent as an attachment
 * is a file whatever its type and size (a JSON, HTML or empty file); one without that header
 * is a file unless it is empty or looks like data or a web page.
 */
export async function smartConnectDownload(
	this: SmartConnectContext,
	call: SmartConnectCall,
): Promise<SmartConnectFile> {
	const response = await send.call(this, call, 'arraybuffer');
	const body = Buffer.from(response.body as ArrayBuffer);
	const contentType = headerOf(response, 'content-type');
	const disposition = headerOf(response, 'content-disposition') ?? '';
	const succeeded = response.statusCode >= 200 && response.statusCode < 300;
	const attachment = /^\s*attachment\b/i.test(disposition);
	const isFile = succeeded && (attachment || (body.length > 0 && !/json|html/i.test(contentType ?? '')));
	if (!isFile) {
		const text = body.toString('utf8');
		const reading = readAnswer(response.statusCode, text);
		const problem = 'problem' in reading ? reading.problem : BLANK_RESPONSE;
		throw await apiError.call(this, call, problem, response.statusCode, text);
	}
	return { body, contentType, fileName: fileNameOf(disposition) };
}

/**
 * The file name of a Content-Disposition header: `filename*` (RFC 5987, percent-encoded) where
 * given, decoded safely (a bad escape leaves the raw text); else `filename` exactly as written.
 */
export function fileNameOf(disposition: string): string | undefined {
	const extended = /(?:^|;)\s*filename\*\s*=\s*([^';]*)'[^']*'([^;]*)/i.exec(disposition);
	if (extended) {
		const [, charset, encoded] = extended;
		const raw = encoded.trim();
		if (/^iso-8859-1$/i.test(charset.trim())) {
			return raw.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) || undefined;
		}
		try {
			return decodeURIComponent(raw) || undefined;
		} catch {
			return raw || undefined;
		}
	}
	const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(disposition);
	if (!plain) return undefined;
	const name = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
	return name || undefined;
}

function headerOf(response: RawResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	return value === undefined || value === null ? undefined : String(value);
}

/** Retries after a transient fault; each is one more API call (see docs/ARCHITECTURE.md). */
const MAX_RETRIES = 3;
/** Gateway answers that say "try again": the instance did not take the call. */
const RETRY_STATUSES = new Set([502, 503, 504]);
/** A longer Retry-After is not waited for: the call fails at once and says when to retry. */
const MAX_RETRY_AFTER_MS = 60_000;
/** Network failures that prove the request never reached SmartSimple. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Network failures worth another try: refused, dropped or timed-out connections. */
const TRANSIENT = new Set([...NEVER_SENT, 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

async function send(
	this: SmartConnectContext,
	call: SmartConnectCall,
	encoding: 'text' | 'arraybuffer',
): Promise<RawResponse> {
	const timeout = requestTimeoutMs.call(this, call);
	const { url, sendAuthenticated } = await connectionFor.call(this, call);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: { apitoken: call.apiToken, url, ...toFormFields(call.params ?? {}) },
		encoding,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout,
	};
	return await sendWithRetries.call(this, call, url, timeout, () => sendAuthenticated(options));
}

/**
 * Sends a call through `attempt` (one HTTP request) and applies the retry policy: a transient
 * fault (a dropped, refused or timed-out connection; HTTP 502, 503, 504 without a SmartConnect
 * message) is tried again up to 3 times, after `Retry-After` (at most 60 s) or an exponential
 * backoff with jitter from about 1 s. A call that is not repeatable (it creates records) is
 * tried again only where the fault proves the request never left; any other fault fails it
 * with MAY_HAVE_SAVED. Answers that are not transient are returned for the caller to read.
 */
export async function sendWithRetries(
	this: SmartConnectContext,
	call: SmartConnectCall,
	url: string,
	timeoutMs: number,
	attempt: () => Promise<RawResponse>,
): Promise<RawResponse> {
	for (let retry = 0; ; retry++) {
		let response: RawResponse;
		try {
			response = await attempt();
		} catch (error) {
			const fault = networkFault(error as Error & IDataObject, url, timeoutMs);
			if (!TRANSIENT.has(fault.code)) throw await apiError.call(this, call, fault.problem);
			if (call.repeatable === false && !NEVER_SENT.has(fault.code)) {
				throw await apiError.call(this, call, mayHaveSaved(fault.lost));
			}
			if (retry >= MAX_RETRIES) throw await apiError.call(this, call, triedTimes(fault.problem, retry + 1));
			await waitBeforeRetry.call(this, call, retry, backoffMs(retry), fault.problem.message);
			continue;
		}

		const { statusCode } = response;
		if (statusCode < 500 || documentedIn(response)) return response;
		if (call.repeatable === false) {
			const problem = mayHaveSaved(`SmartSimple failed with HTTP ${statusCode} before confirming them`);
			throw await apiError.call(this, call, problem, statusCode, bodyText(response));
		}
		if (!RETRY_STATUSES.has(statusCode)) return response;
		const retryAfter = retryAfterMs(headerOf(response, 'retry-after'));
		if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) {
			const problem = {
				...serverFault(statusCode),
				description: `SmartSimple asked to wait ${Math.ceil(retryAfter / 1000)} seconds before trying again, longer than the node waits (60 seconds). Run it again later.`,
			};
			throw await apiError.call(this, call, problem, statusCode, bodyText(response));
		}
		if (retry >= MAX_RETRIES) {
			const problem = triedTimes(serverFault(statusCode), retry + 1);
			throw await apiError.call(this, call, problem, statusCode, bodyText(response));
		}
		await waitBeforeRetry.call(this, call, retry, retryAfter ?? backoffMs(retry), `HTTP ${statusCode}`);
	}
}

async function waitBeforeRetry(
	this: SmartConnectContext,
	call: SmartConnectCall,
	retry: number,
	ms: number,
	reason: string,
): Promise<void> {
	this.logger.warn(
		`SmartSimple ${call.endpoint}: ${reason}; trying again in ${ms} ms (retry ${retry + 1} of ${MAX_RETRIES})`,
	);
	await sleep(ms);
}

/** About 1 s, 2 s, 4 s, each ±25% so that parallel executions do not retry in step. */
function backoffMs(retry: number): number {
	return Math.round(1000 * 2 ** retry * (0.75 + Math.random() * 0.5));
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
	if (header === undefined || header.trim() === '') return undefined;
	if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
	// An HTTP date names its month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse reads "-5" as a year.
	const date = /[a-z]/i.test(header) ? Date.parse(header) : NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function triedTimes(problem: SmartConnectProblem, attempts: number): SmartConnectProblem {
	return { ...problem, description: `${problem.description} (Tried ${attempts} times.)` };
}

function bodyText(response: RawResponse): string {
	const { body } = response;
	if (typeof body === 'string') return body;
	if (body instanceof ArrayBuffer || Buffer.isBuffer(body)) return Buffer.from(body as ArrayBuffer).toString('utf8');
	return String(body ?? '');
}

/** A 5xx that carries a SmartConnect message is SmartSimple's own answer, not a transient fault. */
function documentedIn(response: RawResponse): boolean {
	return findDocumentedError(bodyText(response)) !== undefined;
}

/** The item's Request Timeout option in ms; the default where there is no item (trigger, editor). */
export function requestTimeoutMs(this: SmartConnectContext, call: SmartConnectCall): number {
	if (call.itemIndex === undefined || !('getInputData' in this)) return DEFAULT_TIMEOUT_SECONDS * 1000;
	const seconds = this.getNodeParameter('options.requestTimeout', call.itemIndex, DEFAULT_TIMEOUT_SECONDS);
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw new NodeOperationError(
			redactNode(this.getNode()),
			`Request Timeout must be a number of seconds above 0 (got ${JSON.stringify(seconds)})`,
			{
				itemIndex: call.itemIndex,
				description: `Set Options → Request Timeout to how many seconds to wait for SmartSimple, or remove it to wait up to ${DEFAULT_TIMEOUT_SECONDS}.`,
			},
		);
	}
	return seconds * 1000;
}

/** `<instance>/API/<version>/<endpoint>/`: where a call goes, and its `url` parameter. */
export function endpointAddress(instanceUrl: unknown, endpoint: string, apiVersion: 1 | 2 = 1): string {
	return `${String(instanceUrl ?? '').replace(/\/+$/, '')}/API/${apiVersion}/${endpoint}/`;
}

/** Where a call goes, and how to send an HTTP request there with the login added. */
export interface Connection {
	/** The endpoint's address (`endpointAddress`), also the call's `url` parameter. */
	url: string;
	sendAuthenticated: (options: IHttpRequestOptions) => Promise<RawResponse>;
}

/**
 * Reads the credential once per call (in n8n, a load and a decryption) and adds the login as the
 * credential's own `authenticate` does (`withLogin`). n8n's httpRequestWithAuthentication does
 * the same for a credential with no token to refresh, at about 40 µs more per call (measured on
 * an idle poll); the one other thing it adds, the execution's cancel signal, is added here.
 */
export async function connectionFor(this: SmartConnectContext, call: SmartConnectCall): Promise<Connection> {
	const data = await this.getCredentials('smartSimpleApi');
	const url = endpointAddress(data.instanceUrl, call.endpoint, call.apiVersion);
	const abortSignal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	return {
		url,
		// Promises passed on, not awaited: each await is one more turn of the microtask queue.
		sendAuthenticated: (options) =>
			this.helpers.httpRequest({ ...withLogin(data, options), abortSignal }) as Promise<RawResponse>,
	};
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

/** What an answer holds: its parsed data, or the problem it reports. */
export type AnswerReading = { data: IDataObject } | { problem: SmartConnectProblem };

/**
 * Tells a refused call from a good one, whatever envelope the refusal comes in. The text is
 * parsed once and searched without copies: answers can be megabytes of records.
 */
export function readAnswer(statusCode: number, text: string): AnswerReading {
	if (statusCode === 401) return { problem: UNAUTHORIZED };
	let parsed: unknown;
	let isJson = true;
	try {
		parsed = JSON.parse(text);
	} catch {
		isJson = false;
	}
	const hasRecords =
		typeof parsed === 'object' &&
		parsed !== null &&
		Array.isArray((parsed as IDataObject).records) &&
		((parsed as IDataObject).records as unknown[]).length > 0;
	// A documented message inside real data (a record's text) is not an error.
	const documented = hasRecords ? undefined : findDocumentedError(text);
	if (documented) return { problem: documented };
	if (statusCode >= 400) return { problem: serverFault(statusCode) };
	if (!isJson) return { problem: /^\s*$/.test(text) ? BLANK_RESPONSE : NOT_JSON };
	if (typeof parsed !== 'object' || parsed === null) return { problem: NOT_JSON };
	return { data: parsed as IDataObject };
}

/** A network-level failure: nothing came back from SmartSimple. */
interface NetworkFault {
	/** ECONNREFUSED, ECONNRESET, ...; ETIMEDOUT for every timeout; '' when unknown. */
	code: string;
	problem: SmartConnectProblem;
	/** For a create that may have been saved: what happened to its answer. */
	lost: string;
}

function networkFault(error: Error & IDataObject, url: string, timeoutMs: number): NetworkFault {
	// n8n-core wraps axios errors in a NodeApiError: the code (ECONNABORTED, ...) is on its cause.
	const code = String(error.code ?? (error.cause as IDataObject | undefined)?.code ?? '');
	const problem = transportProblem(error, url);
	if (problem.code === 'TIMEOUT') {
		return { code: 'ETIMEDOUT', problem, lost: `no answer within ${timeoutMs / 1000} seconds` };
	}
	const dropped = code || (/socket hang up/i.test(error.message) ? 'ECONNRESET' : '');
	// No error code in the message: n8n replaces a message that names one with its own words.
	return { code: dropped, problem, lost: 'the connection dropped before SmartSimple answered' };
}

/** Network-level failures: nothing came back from SmartSimple. */
export function transportProblem(error: Error & IDataObject, url: string): SmartConnectProblem {
	const host = safeHost(url);
	const code = String(error.code ?? (error.cause as IDataObject | undefined)?.code ?? '');
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(error.message)) {
		return {
			code: 'TIMEOUT',
			message: `SmartSimple did not answer in time (${host})`,
			description:
				'The call timed out. Large lists take long to build: lower the page size, narrow the filters, raise Options → Request Timeout, or try again later.',
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

/** Characters of the answer shown with an error. */
const EXCERPT_LENGTH = 300;

/**
 * Builds the error n8n shows. Only our own words and a short, redacted excerpt of the answer go
 * in: never the request, which carries the password and the token; and the node it records
 * has its password parameters replaced.
 */
export async function apiError(
	this: SmartConnectContext,
	call: Pick<SmartConnectCall, 'endpoint' | 'apiToken' | 'itemIndex'>,
	problem: SmartConnectProblem,
	statusCode?: number,
	responseText?: string,
): Promise<NodeApiError> {
	const details: JsonObject = { message: problem.message, endpoint: call.endpoint };
	if (statusCode !== undefined) details.httpCode = String(statusCode);
	if (responseText) {
		const secrets = await secretsOf.call(this, call);
		// Redact before cutting, with room for the longest secret: one across the cut would
		// otherwise leave its first characters in clear.
		const window = responseText.slice(0, EXCERPT_LENGTH + longestEncoding(secrets));
		details.response = redactSecrets(window, secrets).slice(0, EXCERPT_LENGTH);
	}
	const error = new NodeApiError(redactNode(this.getNode()), details, {
		message: problem.message,
		description: problem.description,
		httpCode: statusCode === undefined ? undefined : String(statusCode),
		itemIndex: call.itemIndex,
	});
	return withCode(error, problem.code);
}

/** A text with the login, the call's token and the node's password parameters taken out. */
export async function redactText(
	this: SmartConnectContext,
	call: Pick<SmartConnectCall, 'apiToken' | 'itemIndex'>,
	text: string,
): Promise<string> {
	return redactSecrets(text, await secretsOf.call(this, call));
}

async function secretsOf(
	this: SmartConnectContext,
	call: Pick<SmartConnectCall, 'apiToken' | 'itemIndex'>,
): Promise<string[]> {
	const login = await this.getCredentials<Record<string, unknown>>('smartSimpleApi');
	const values = [login.password, login.username, login.companyId, login.alias, call.apiToken];
	for (const { path, value } of passwordParameters(this.getNode())) {
		values.push(typeof value === 'string' && value.startsWith('=') ? resolved.call(this, path, call.itemIndex) : value);
	}
	return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

/** A parameter's value with its expression resolved for the item; undefined where it cannot be. */
function resolved(this: SmartConnectContext, path: string, itemIndex?: number): unknown {
	try {
		return itemIndex !== undefined && 'getInputData' in this
			? this.getNodeParameter(path, itemIndex)
			: (this as IPollFunctions).getNodeParameter(path);
	} catch {
		// An expression that does not resolve produced no value to leak.
		return undefined;
	}
}

/** An answer that came back but lacks what the operation needs (no file, no content, ...). */
export function answerError(
	this: SmartConnectContext,
	{ message, description }: Omit<SmartConnectProblem, 'code'>,
	itemIndex?: number,
): NodeApiError {
	const error = new NodeApiError(redactNode(this.getNode()), { message }, { message, description, itemIndex });
	return withCode(error, 'INCOMPLETE_ANSWER');
}
