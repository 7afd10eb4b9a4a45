import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** Hosts where plain http is acceptable: the password never leaves the machine. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * SmartConnect remote calls authenticate with four form fields sent beside every request:
 * the API Access user's email and password, the root company ID and the instance alias.
 * The nodes test it (`testedBy`, nodes/SmartSimple/transport/credentialTest.ts): only a function
 * can tell SmartConnect's own answer from any web page that answers 200.
 */
export class SmartSimpleApi implements ICredentialType {
	name = 'smartSimpleApi';

	displayName = 'SmartSimple API';

	icon: Icon = {
		light: 'file:../nodes/SmartSimple/smartsimple.svg',
		dark: 'file:../nodes/SmartSimple/smartsimple.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-smartsimple/n8n-nodes-smartsimple#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.smartsimple.com',
			required: true,
			description:
				'The address you sign in to SmartSimple at, including https://. Custom domains work too.',
		},
		{
			displayName: 'Alias',
			name: 'alias',
			type: 'string',
			default: '',
			placeholder: 'example',
			required: true,
			description: 'The web alias of the instance (Global Settings → Branding)',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			description: 'The company ID of the organisation at the root of the instance',
		},
		{
			displayName: 'API User Email',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'api.user@example.org',
			required: true,
			description: 'Email of an active user whose account type is API Access',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];

	/**
	 * Adds the login (`withLogin`). A property, not a method: n8n copies a community credential's
	 * own properties into the types the editor gets, and HTTP Request offers only credential
	 * types that have `authenticate` there (a method on the prototype would be left behind).
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => withLogin(credentials, requestOptions);
}

/**
 * The request with the login added where the call carries its other parameters: the query
 * string when that holds the API token (Files - Upload, whose body is the file; a GET), the
 * `form` of a form-encoded request from n8n's HTTP Request node, else the form body. The nodes'
 * transport calls it directly, without the promise `authenticate` must return.
 */
export function withLogin(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	assertSecureInstanceUrl(String(credentials.instanceUrl ?? ''));
	const login = {
		username: credentials.username,
		password: credentials.password,
		companyid: credentials.companyId,
		alias: credentials.alias,
	};
	if (requestOptions.qs && 'apitoken' in requestOptions.qs) {
		return { ...requestOptions, qs: { ...requestOptions.qs, ...login } };
	}
	const { form } = requestOptions as IHttpRequestOptions & { form?: Record<string, unknown> };
	if (form !== undefined) return { ...requestOptions, form: { ...form, ...login } } as IHttpRequestOptions;
	const body = (requestOptions.body ?? {}) as Record<string, unknown>;
	return { ...requestOptions, body: { ...body, ...login } };
}

/** The Instance URL last found secure: every call is checked, and one parse costs more than the rest. */
let secureInstanceUrl: string | undefined;

/** Refuses plain http to a remote host: the password would cross the network in clear. */
function assertSecureInstanceUrl(instanceUrl: string): void {
	if (instanceUrl === secureInstanceUrl) return;
	let url: URL;
	try {
		url = new URL(instanceUrl);
	} catch {
		throw new Error(
			`The credential's Instance URL "${instanceUrl}" is not a URL. Enter the address you sign in at, e.g. https://example.smartsimple.com`,
		);
	}
	if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
		secureInstanceUrl = instanceUrl;
		return;
	}
	throw new Error(
		`The credential's Instance URL must start with https:// (got ${url.protocol}//${url.host}): over plain http the API password would cross the network unencrypted`,
	);
}
