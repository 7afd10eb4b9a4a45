/**
 * Keeping secrets out of what n8n records about an error: the login, the API tokens, and every
 * node parameter the node's description marks as a password, in every encoding they could be
 * echoed in.
 */
import type { INode, INodeParameters, INodeProperties, NodeParameterValueType } from 'n8n-workflow';

import { properties as actionProperties } from '../actions/properties';
import { triggerProperties } from '../trigger/properties';

export const REDACTED = '[redacted]';

type ParameterVisitor = (path: string, value: NodeParameterValueType) => NodeParameterValueType;

/**
 * Calls `visit` for each parameter value that some property of the same name and place marks
 * as a password, through collections and fixed collections; returns the parameters with the
 * values `visit` returned (copies only where something changed).
 */
function mapPasswords(
	descriptions: INodeProperties[],
	parameters: INodeParameters,
	visit: ParameterVisitor,
	prefix = '',
): INodeParameters {
	let result = parameters;
	const set = (name: string, value: NodeParameterValueType) => {
		if (value === result[name]) return;
		if (result === parameters) result = { ...parameters };
		result[name] = value;
	};
	for (const property of descriptions) {
		const value = result[property.name];
		if (value === undefined || value === null) continue;
		const path = `${prefix}${property.name}`;
		if (property.typeOptions?.password) {
			set(property.name, visit(path, value));
		} else if (property.type === 'collection' && isParameters(value)) {
			const children = (property.options ?? []) as INodeProperties[];
			set(property.name, mapPasswords(children, value, visit, `${path}.`));
		} else if (property.type === 'fixedCollection' && isParameters(value)) {
			let groups: INodeParameters = value;
			for (const group of (property.options ?? []) as Array<{ name: string; values?: INodeProperties[] }>) {
				const entries = groups[group.name];
				const children = group.values ?? [];
				let mapped: NodeParameterValueType | undefined;
				if (Array.isArray(entries)) {
					const list = entries as INodeParameters[];
					const next = list.map((entry, index) =>
						isParameters(entry) ? mapPasswords(children, entry, visit, `${path}.${group.name}[${index}].`) : entry,
					);
					mapped = next.some((entry, index) => entry !== list[index]) ? next : entries;
				} else if (isParameters(entries)) {
					mapped = mapPasswords(children, entries, visit, `${path}.${group.name}.`);
				}
				if (mapped !== undefined && mapped !== entries) groups = { ...groups, [group.name]: mapped };
			}
			set(property.name, groups);
		}
	}
	return result;
}

function isParameters(value: unknown): value is INodeParameters {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Both nodes' parameters: a name is a password parameter if either description marks it. */
const descriptions = (): INodeProperties[] => [...actionProperties, ...triggerProperties];

/**
 * The node with every password parameter replaced, whatever its value (an expression too):
 * n8n records the node with an error in the execution data, and error workflows pass it on.
 */
export function redactNode(node: INode): INode {
	const parameters = mapPasswords(descriptions(), node.parameters ?? {}, () => REDACTED);
	return parameters === node.parameters ? node : { ...node, parameters };
}

/** The error with the node it records (n8n keeps it in the execution data) redacted; the same error. */
export function withRedactedNode<E>(error: E): E {
	const withNode = error as E & { node?: INode };
	if (typeof withNode === 'object' && withNode !== null && withNode.node) withNode.node = redactNode(withNode.node);
	return error;
}

/** Paths (`apiToken`, `options.discoveryToken`) and raw values of the node's password parameters. */
export function passwordParameters(node: INode): Array<{ path: string; value: NodeParameterValueType }> {
	const found: Array<{ path: string; value: NodeParameterValueType }> = [];
	mapPasswords(descriptions(), node.parameters ?? {}, (path, value) => {
		found.push({ path, value });
		return value;
	});
	return found;
}

/** Every form a secret could be echoed in: plain, URL and form encoded, JSON, HTML, base64. */
function encodings(secret: string): string[] {
	const forms = new Set([
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
		encodeURIComponent(secret).replace(/%20/g, '+'),
		JSON.stringify(secret).slice(1, -1),
		secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
		Buffer.from(secret, 'utf8').toString('base64'),
		Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
	]);
	return [...forms];
}

/** The text with each secret, in each of its encodings, replaced; longest forms first. */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
	const forms = secrets
		.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0)
		.flatMap(encodings)
		.sort((a, b) => b.length - a.length);
	let clean = text;
	for (const form of forms) clean = clean.split(form).join(REDACTED);
	return clean;
}

/** The longest encoded form of any secret: an excerpt cut needs this much text beyond it. */
export function longestEncoding(secrets: Array<string | undefined>): number {
	return Math.max(0, ...secrets.filter((s): s is string => !!s).flatMap(encodings).map((form) => form.length));
}

const LOGIN_QUERY = /([?&](?:username|password|companyid|alias|apitoken)=)[^&#]*/gi;

/** A URL with the login and token taken out of its query string (the upload URL carries them). */
export function withoutLogin(url: string): string {
	return url.replace(LOGIN_QUERY, `$1${REDACTED}`);
}
