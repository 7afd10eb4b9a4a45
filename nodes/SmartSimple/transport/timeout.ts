import type { INodeProperties } from 'n8n-workflow';

/** SmartSimple lists can take long to build; beyond this a call is reported as timed out. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** The Options entry every operation shares; the transport reads it for each item's calls. */
export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout',
	name: 'requestTimeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		'Seconds to wait for SmartSimple to answer one call before giving up on it. A read that times out is tried again (up to 3 times); a call that creates records is not, since it may have been saved.',
};

/** The Options collection of operations that have no other options. */
export const timeoutOnlyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [requestTimeoutOption],
};
