/**
 * What SmartConnect says when it refuses a call, and what the user should check. The vendor
 * does not document the envelope around these messages, so they are matched anywhere in the
 * response text (plain text, a JSON string, inside `message`), whatever the HTTP status.
 */
export interface SmartConnectProblem {
	/** Stable code carried on the thrown error: branch on it (errorCode()), never on message text. */
	code: SmartConnectCode;
	message: string;
	description: string;
}

export type SmartConnectCode =
	| 'INVALID_TOKEN'
	| 'HOURLY_LIMIT'
	| 'HTTPS_REQUIRED'
	| 'EMPTY_REQUEST'
	| 'OTHER_SETTINGS'
	| 'RECORD_ERROR'
	| 'LIST_ERROR'
	| 'RECORDSET_MISSING'
	| 'UNAUTHORIZED'
	| 'BLANK_RESPONSE'
	| 'NOT_JSON'
	| 'SERVER_ERROR'
	| 'HTTP_REFUSED'
	| 'TIMEOUT'
	| 'UNREACHABLE'
	| 'BAD_INSTANCE_URL'
	/** A write that holds a create failed after it may have reached SmartSimple: never resent. */
	| 'MAY_HAVE_SAVED'
	/** An answer that came back but lacks what the operation needs (no file, no content, ...). */
	| 'INCOMPLETE_ANSWER';

const CODE = Symbol.for('n8n-nodes-smartsimple.errorCode');

/** Marks an error with its SmartConnect code; returns the same error. */
export function withCode<E extends Error>(error: E, code: SmartConnectCode): E {
	(error as E & { [CODE]?: SmartConnectCode })[CODE] = code;
	return error;
}

/** The SmartConnect code of an error thrown by the transport, if it has one. */
export function errorCode(error: unknown): SmartConnectCode | undefined {
	return typeof error === 'object' && error !== null
		? (error as { [CODE]?: SmartConnectCode })[CODE]
		: undefined;
}

const HOURLY_LIMIT: SmartConnectProblem = {
	code: 'HOURLY_LIMIT',
	message: "SmartSimple's hourly API call limit is reached",
	description:
		'SmartSimple allows 1,000 API calls per instance in any rolling hour, shared by every integration of the instance. Calls are accepted again as older calls leave the hour. Spend fewer calls: a larger page size, batched updates, a longer trigger poll interval.',
};

export const DOCUMENTED_ERRORS: Array<{ text: string; problem: SmartConnectProblem }> = [
	{
		text: 'Invalid API Token',
		problem: {
			code: 'INVALID_TOKEN',
			message: 'SmartSimple did not recognise the API token',
			description:
				"Check the node's API Token: copy it from Global Settings → Integrations → SmartConnect API in SmartSimple. The function must be for this record type and action.",
		},
	},
	{
		text: 'Number of API Calls within the hour have reached the maximum limit',
		problem: HOURLY_LIMIT,
	},
	{
		text: 'Invalid URL: URL should start with https://',
		problem: {
			code: 'HTTPS_REQUIRED',
			message: 'SmartSimple requires https',
			description: "Check the credential's Instance URL: it must start with https://.",
		},
	},
	{
		text: 'Invalid API Request, request is empty or null',
		problem: {
			code: 'EMPTY_REQUEST',
			message: 'SmartSimple received an empty request',
			description:
				"Check the node's API Token and that the function's record type matches the chosen resource.",
		},
	},
	{
		text: 'Encountered error while processing other setting parameters',
		problem: {
			code: 'OTHER_SETTINGS',
			message: 'SmartSimple could not read the list options',
			description:
				'Check the Options: page size (1 to 10,000), value format and key format. The function must be a List function.',
		},
	},
	{
		text: 'Encountered error while processing record',
		problem: {
			code: 'RECORD_ERROR',
			message: 'SmartSimple could not save the record',
			description:
				"Check the values: send every field of the function's field list and only those, dates as YYYY-MM-DD, and option fields by their stored value (\"1\", not \"Yes\").",
		},
	},
	{
		text: 'Encountered error while processing list',
		problem: {
			code: 'LIST_ERROR',
			message: 'SmartSimple could not run the list query',
			description:
				'Check the filters and sort: each field must exist for this record type (sf_ for standard fields, cf_ for custom ones) and each operator must suit its value.',
		},
	},
	{
		text: 'Recordset does not exist',
		problem: {
			code: 'RECORDSET_MISSING',
			message: 'SmartSimple found no such record',
			description: 'Check the Record ID: the record may have been deleted, or belong to another record type.',
		},
	},
];

export const UNAUTHORIZED: SmartConnectProblem = {
	code: 'UNAUTHORIZED',
	message: 'SmartSimple refused the login (HTTP 401)',
	description:
		"Check the credential: (1) the email and password are right; (2) the user's account type is API Access; (3) the Company ID is the root company of the instance.",
};

export const BLANK_RESPONSE: SmartConnectProblem = {
	code: 'BLANK_RESPONSE',
	message: 'SmartSimple answered with an empty response',
	description:
		"SmartSimple answers blank when something does not match: check the API Token, the Record ID, and that the function's record type is the chosen resource.",
};

export const NOT_JSON: SmartConnectProblem = {
	code: 'NOT_JSON',
	message: 'SmartSimple answered with a web page instead of data',
	description:
		"Check the credential's Instance URL: it must be the instance's own address (e.g. https://example.smartsimple.com), not a login page, portal or proxy.",
};

/** Finds a documented SmartConnect error message anywhere in a response text. */
export function findDocumentedError(text: string): SmartConnectProblem | undefined {
	const lower = text.toLowerCase();
	return DOCUMENTED_ERRORS.find(({ text: known }) => lower.includes(known.toLowerCase()))?.problem;
}

export function serverFault(statusCode: number): SmartConnectProblem {
	if (statusCode >= 500) {
		return {
			code: 'SERVER_ERROR',
			message: `SmartSimple had a server error (HTTP ${statusCode})`,
			description:
				'The instance failed to answer this call. Try again in a few minutes; if it persists, check the instance is up and the request is not too large (lower the page size).',
		};
	}
	return {
		code: 'HTTP_REFUSED',
		message: `SmartSimple refused the request (HTTP ${statusCode})`,
		description:
			"Check the credential's Instance URL and the node's API Token, and that the API user may use this function.",
	};
}
