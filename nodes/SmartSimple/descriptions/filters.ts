import type { INodeProperties } from 'n8n-workflow';

import { fieldPickerOptions } from './common';

/** The criteria builder; its option values are the wire values of `andor` and the contract's operators. */
export const filtersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'fixedCollection',
	placeholder: 'Add Condition',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description: 'Conditions records must meet. Use "(" and ") and (" / ") or (" to group conditions.',
	options: [
		{
			displayName: 'Conditions',
			name: 'conditions',
			values: [
				{
					displayName: 'And / Or',
					name: 'andor',
					type: 'options',
					default: 'and',
					description: 'How this condition joins the ones before it (ignored on the first, except "(")',
					options: [
						{ name: 'And', value: 'and' },
						{
							name: 'Close Group, Then AND a New Group',
							value: ') and (',
							description: 'Sends ") and (": ends the open group and starts the next',
						},
						{
							name: 'Close Group, Then OR a New Group',
							value: ') or (',
							description: 'Sends ") or (": ends the open group and starts the next',
						},
						{
							name: 'Open Group',
							value: '(',
							description: 'Sends "(": this condition starts a bracketed group',
						},
						{ name: 'Or', value: 'or' },
					],
				},
				{
					displayName: 'Field Name or ID',
					name: 'field',
					type: 'options',
					typeOptions: fieldPickerOptions,
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Operator',
					name: 'operator',
					type: 'options',
					default: 'equal',
					options: [
						{ name: 'Equal', value: 'equal' },
						{ name: 'Greater Than', value: 'greaterThan' },
						{ name: 'Greater Than or Equal', value: 'greaterThanOrEqual' },
						{ name: 'Is Empty', value: 'isEmpty' },
						{ name: 'Is Not Empty', value: 'isNotEmpty' },
						{ name: 'Less Than', value: 'lessThan' },
						{ name: 'Less Than or Equal', value: 'lessThanOrEqual' },
						{ name: 'Like (Contains)', value: 'like' },
						{ name: 'Not Equal', value: 'notEqual' },
						{ name: 'Not Like (Does Not Contain)', value: 'notLike' },
					],
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					displayOptions: { hide: { operator: ['isEmpty', 'isNotEmpty'] } },
					description: 'Dates as YYYY-MM-DD; option fields by their stored or display value, as the list returns them',
				},
			],
		},
	],
};

export const sortProperty: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'fixedCollection',
	placeholder: 'Add Sort Field',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description: 'Order of the records; by default SmartSimple orders by record ID',
	options: [
		{
			displayName: 'Sort Fields',
			name: 'sortFields',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'field',
					type: 'options',
					typeOptions: fieldPickerOptions,
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Direction',
					name: 'direction',
					type: 'options',
					default: 'asc',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
				},
			],
		},
	],
};
