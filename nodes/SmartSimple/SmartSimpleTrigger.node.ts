import type { INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest, loadOptions } from './methods';
import { withRedactedNode } from './transport/request';
import { poll } from './trigger/poll';
import { triggerProperties } from './trigger/properties';

export class SmartSimpleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartSimple Trigger',
		name: 'smartSimpleTrigger',
		icon: { light: 'file:smartsimple.svg', dark: 'file:smartsimple.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] + ": " + $parameter["resource"]}}',
		description: 'Starts the workflow when SmartSimple records are created or modified',
		defaults: { name: 'SmartSimple Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartSimpleApi', required: true, testedBy: 'smartSimpleApiTest' }],
		properties: triggerProperties,
	};

	methods = { credentialTest, loadOptions };

	async poll(this: IPollFunctions) {
		try {
			return await poll.call(this);
		} catch (error) {
			throw withRedactedNode(error);
		}
	}
}
