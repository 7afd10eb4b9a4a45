import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { withLogin } from '../../../credentials/SmartSimpleApi.credentials';
import { endpointAddress, readAnswer, transportProblem } from './request';
import type { SmartConnectProblem } from './errors';

/** A token no SmartConnect function has: SmartSimple must answer "Invalid API Token". */
const TEST_TOKEN = 'n8n-login-test';
/** One small call: no reason to wait as long as a list may take. */
const TEST_TIMEOUT_MS = 60_000;

/**
 * Tests the smartSimpleApi credential with one call to the company endpoint. Assumption (not
 * documented by the vendor): SmartSimple checks the login before the token, so a made-up token
 * answered with its documented "Invalid API Token" proves the login passed, and a refused login
 * gets HTTP 401. Any other answer (a web page, the hourly limit, a blank body, data from
 * something that is not SmartConnect) fails the test and says what came back.
 */
export async function smartSimpleApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const login = credential.data ?? {};
	const url = endpointAddress(login.instanceUrl, 'company');
	let options;
	try {
		options = withLogin(login, {
			url,
			method: 'POST',
			body: { apitoken: TEST_TOKEN, url },
		});
	} catch (error) {
		// The credential refused its own Instance URL (not a URL, or plain http to a remote host).
		return { status: 'Error', message: (error as Error).message };
	}

	let response: { statusCode: number; body: unknown };
	try {
		// ICredentialTestFunctions offers only this request helper; it takes the form as `form`.
		const { request } = this.helpers;
		response = (await request({
			method: 'POST',
			uri: url,
			form: options.body,
			resolveWithFullResponse: true,
			simple: false,
			timeout: TEST_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const problem = transportProblem(error as Error & IDataObject, url);
		return { status: 'Error', message: `${problem.message}. ${problem.description}` };
	}

	const reading = readAnswer(response.statusCode, textOf(response.body));
	if ('problem' in reading && reading.problem.code === 'INVALID_TOKEN') {
		return { status: 'OK', message: 'Connection successful!' };
	}
	if ('problem' in reading) return { status: 'Error', message: refusalOf(reading.problem) };
	return {
		status: 'Error',
		message: `The Instance URL answered with data, but not as SmartConnect does: a made-up API token must get "Invalid API Token" (HTTP ${response.statusCode}). Check the Instance URL is the SmartSimple instance's own address.`,
	};
}

function refusalOf(problem: SmartConnectProblem): string {
	switch (problem.code) {
		case 'HOURLY_LIMIT':
			return 'The login could not be checked: this instance has used its 1,000 API calls of the past hour. Try again later.';
		case 'BLANK_RESPONSE':
			return "The Instance URL answered with an empty response, where SmartConnect names the made-up API token invalid. Check the Instance URL is the SmartSimple instance's own address.";
		default:
			return `${problem.message}. ${problem.description}`;
	}
}

function textOf(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}
