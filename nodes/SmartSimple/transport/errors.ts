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

/**
 * A description that quotes SmartSimple's own words first, so a user can search the vendor's
 * documentation for the message they see, then says what to check.
 */
export function quotingAnswer(answer: string, advice: string): string {
	return `SmartSimple answered "${answer}". ${advice}`;
}

/** `text`: the vendor's documented message, matched without regard to case and quoted. */
function documented(
	text: string,
	code: SmartConnectCode,
	message: string,
	advice: string,
): { text: string; problem: SmartConnectProblem } {
	return { text, problem: { code, message, description: quotingAnswer(text, advice) } };
}

export const DOCUMENTED_ERRORS: Array<{ text: string; problem: SmartConnectProblem }> = [
	documented(
		'Invalid API Token',
		'INVALID_TOKEN',
		'SmartSimple did not recognise the API token',
		"Check the node's API Token: copy it from Global Settings → Integrations → SmartConnect API in SmartSimple. The function must be for this record type and action.",
	),
	documented(
		'Number of API Calls within the hour have reached the maximum limit, please try again later',
		'HOURLY_LIMIT',
		"SmartSimple's hourly API call limit is reached",
		'SmartSimple allows 1,000 API calls per instance in any rolling hour, shared by every integration of the instance. Calls are accepted again as older calls leave the hour. Spend fewer calls: a larger page size, batched updates, a longer trigger poll interval.',
	),
	documented(
		'Invalid URL: URL should start with https://',
		'HTTPS_REQUIRED',
		'SmartSimple requires https',
		"Check the credential's Instance URL: it must start with https://.",
	),
	documented(
		'Invalid API Request, request is empty or null',
		'EMPTY_REQUEST',
		'SmartSimple received an empty request',
		"Check the node's API Token and that the function's record type matches the chosen resource.",
	),
	documented(
		'Encountered error while processing other setting parameters',
		'OTHER_SETTINGS',
		'SmartSimple could not read the list options',
		'Check the Options: page size (1 to 10,000), value format and key format. The function must be a List function.',
	),
	documented(
		'Encountered error while processing record',
		'RECORD_ERROR',
		'SmartSimple could not save the record',
		"Check the values: send every field of the function's field list and only those, dates as YYYY-MM-DD, and option fields by their stored value (\"1\", not \"Yes\").",
	),
	documented(
		'Encountered error while processing list',
		'LIST_ERROR',
		'SmartSimple could not run the list query',
		'Check the filters and sort: each field must exist for this record type (sf_ for standard fields, cf_ for custom ones) and each operator must suit its value.',
	),
	documented(
		'Recordset does not exist',
		'RECORDSET_MISSING',
		'SmartSimple found no such record',
		'Check the Record ID: the record may have been deleted, or belong to another record type.',
	),
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

/** All documented messages as one case-insensitive search: no lower-cased copy of the answer. */
const DOCUMENTED_PATTERN = new RegExp(
	DOCUMENTED_ERRORS.map(({ text }) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
	'i',
);

/** Finds a documented SmartConnect error message anywhere in a response text. */
export function findDocumentedError(text: string): SmartConnectProblem | undefined {
	const found = DOCUMENTED_PATTERN.exec(text)?.[0].toLowerCase();
	return found ? DOCUMENTED_ERRORS.find(({ text: known }) => known.toLowerCase() === found)?.problem : undefined;
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

/**
 * A call that creates records failed after it may have reached SmartSimple (`what` happened), so
 * it was not sent again: sent twice, it could create every record twice.
 */
export function mayHaveSaved(what: string): SmartConnectProblem {
	return {
		code: 'MAY_HAVE_SAVED',
		message: `SmartSimple may have saved these records: ${what}`,
		description:
			'The call that creates them failed after it may have reached SmartSimple, so it was not sent again (sent twice, it could create every record twice). Before running these items again, look for the records in SmartSimple, for example with Get Many and a filter on a field you sent, and run again only the ones that are missing.',
	};
}
