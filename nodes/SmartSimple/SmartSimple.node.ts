import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/properties';
import { router } from './actions/router';
import { credentialTest, loadOptions, resourceMapping } from './methods';
import { withRedactedNode } from './transport/request';

export class SmartSimple implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartSimple',
		name: 'smartSimple',
		icon: { light: 'file:smartsimple.svg', dark: 'file:smartsimple.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and write SmartSimple Cloud records, files and reports through SmartConnect',
		defaults: { name: 'SmartSimple' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartSimpleApi', required: true, testedBy: 'smartSimpleApiTest' }],
		properties,
	};

	methods = { credentialTest, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions) {
		try {
			return await router.call(this);
		} catch (error) {
			throw withRedactedNode(error);
		}
	}
}
