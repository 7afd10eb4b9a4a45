import type { IExecuteFunctions, INode, NodeParameterValueType } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldListProblem, parseFieldList } from './fieldList';

/** Whether a parameter as written holds an expression anywhere; any other value is its own value. */
export function holdsExpression(value: NodeParameterValueType | undefined): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (typeof value === 'object' && value !== null) {
		return Object.values(value).some((part) => holdsExpression(part as NodeParameterValueType));
	}
	return false;
}

/** What each checked parameter must hold, and what to do when it does not. */
type ValueKind = 'text' | 'token' | 'id';

const PARAMETERS: Record<string, { kind: ValueKind; fix: string }> = {
	apiToken: {
		kind: 'token',
		fix: "Paste the function's API Token from SmartSimple (Global Settings → Integrations → SmartConnect API).",
	},
	recordId: {
		kind: 'id',
		fix: "Enter the record's SmartSimple ID, digits only (e.g. 1924628), or map it from an input field such as {{ $json.recordid }}.",
	},
	fieldId: {
		kind: 'text',
		fix: "Enter the upload field's custom field ID (its settings page in SmartSimple shows it), or map \"fieldid\" from List Files.",
	},
	fileName: {
		kind: 'text',
		fix: 'Enter the file\'s name exactly as SmartSimple lists it, with its extension, or map "filename" from List Files.',
	},
	keyword: { kind: 'text', fix: 'Enter a word or phrase to look for in the files.' },
	binaryPropertyName: {
		kind: 'text',
		fix: 'Enter the name of the binary field that holds the file, e.g. data.',
	},
	content: {
		kind: 'text',
		fix: 'Enter the text to fill in, with variables between @ signs, e.g. "Dear @firstname@".',
	},
};

/** "an object", "a list", "true": what a wrong value is, without printing it (it may be large or secret). */
function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	return `a ${typeof value}`;
}

function refuse(
	context: IExecuteFunctions,
	message: string,
	description: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/**
 * Reads a parameter that must hold one value, and says what to enter before any call is spent:
 * not blank; text or a number (an expression can give an object or a list); the API Token text
 * only; a Record ID a positive whole number.
 */
export function requiredText(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const { kind, fix } = PARAMETERS[name] ?? { kind: 'text', fix: `Enter a value for ${label}.` };
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	const isText = typeof raw === 'string';
	const isNumber = typeof raw === 'number' && Number.isFinite(raw);
	if (raw !== undefined && raw !== null && !isText && !(isNumber && kind !== 'token')) {
		const expected = kind === 'token' ? 'text' : 'text or a number';
		throw refuse(this, `${label} must be ${expected}, not ${describeValue(raw)}`, fix, itemIndex);
	}
	const value = String(raw ?? '').trim();
	if (!value) throw refuse(this, `${label} is empty`, fix, itemIndex);
	if (kind === 'id' && (!/^\d+$/.test(value) || /^0+$/.test(value) || !Number.isSafeInteger(Number(value)))) {
		// The value is the user's own input, not a secret: showing it helps find the bad item.
		throw refuse(this, `${label} "${value.slice(0, 40)}" is not a SmartSimple record ID`, fix, itemIndex);
	}
	return value;
}

export interface Paging {
	returnAll: boolean;
	limit?: number;
	pageSize?: number;
}

/** The largest page SmartSimple serves in one call. */
const MAX_PAGE_SIZE = 10_000;

/**
 * Return All, Limit and Options → Page Size of a list operation, checked before any call
 * (an expression can give 0, -5, 2.5 or 20,000 where the editor would not).
 */
export function readPaging(this: IExecuteFunctions, itemIndex: number): Paging {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as unknown;
	if (typeof returnAll !== 'boolean') {
		throw refuse(
			this,
			`Return All must be true or false, not ${describeValue(returnAll)}`,
			'Turn Return All on or off, or give an expression that results in true or false.',
			itemIndex,
		);
	}
	const options = (this.getNodeParameter('options', itemIndex, {}) ?? {}) as { pageSize?: unknown };
	const pageSize = checkPageSize(this, options.pageSize, itemIndex);
	if (returnAll) return { returnAll, pageSize };
	const rawLimit = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = wholeNumberIn(rawLimit, 1, Number.MAX_SAFE_INTEGER);
	if (limit === undefined) {
		throw refuse(
			this,
			`Limit must be a whole number of at least 1, not ${shown(rawLimit)}`,
			'Set Limit to the most records to return, e.g. 50, or turn on Return All.',
			itemIndex,
		);
	}
	return { returnAll, limit, pageSize };
}

/**
 * Options → Page Size (Get Many, the lists, the trigger): undefined (the default) or a whole
 * number from 1 to 10,000; anything else is refused before any call.
 */
export function checkPageSize(
	context: { getNode(): INode },
	value: unknown,
	itemIndex?: number,
): number | undefined {
	if (value === undefined) return undefined;
	const pageSize = wholeNumberIn(value, 1, MAX_PAGE_SIZE);
	if (pageSize === undefined) {
		// getNode() copies the node: only when there is an error to report.
		throw new NodeOperationError(context.getNode(), `Page Size must be a whole number from 1 to 10,000, not ${shown(value)}`, {
			itemIndex,
			description:
				'Set Options → Page Size to the records to read per API call, e.g. 1000 (SmartSimple serves at most 10,000 per call).',
		});
	}
	return pageSize;
}

/** The value as a whole number within bounds (digits given as text count too), else undefined. */
function wholeNumberIn(value: unknown, min: number, max: number): number | undefined {
	const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max
		? number
		: undefined;
}

function shown(value: unknown): string {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' ? `"${value.slice(0, 40)}"` : describeValue(value);
}

/** The Field List parameter as field names, refused where it is malformed (see fieldListProblem). */
export function readFieldList(this: IExecuteFunctions, itemIndex: number): string[] {
	const raw = this.getNodeParameter('fieldList', itemIndex, '') as unknown;
	if (raw !== undefined && raw !== null && typeof raw !== 'string') {
		throw refuse(
			this,
			`Field List must be text, not ${describeValue(raw)}`,
			'Copy the function\'s field list from SmartSimple, fields separated by ;;',
			itemIndex,
		);
	}
	const fields = parseFieldList(raw ?? '');
	const problem = fieldListProblem(fields);
	if (problem) throw refuse(this, `Field List: ${problem.message}`, problem.fix, itemIndex);
	return fields;
}

/** An association's role, by name or by ID (exactly one), as SmartConnect takes it. */
export function roleOf(
	roleName: string,
	roleId: string,
	refuse: (problem: string, fix: string) => Error,
): { rolename: string } | { roleid: string } {
	if (!roleName && !roleId) throw refuse('no role given', 'Enter the Role Name (as named in SmartSimple) or the Role ID.');
	if (roleName && roleId) {
		throw refuse('both Role Name and Role ID are given', 'Keep only one of them: SmartSimple takes the role by name or by ID.');
	}
	return roleId ? { roleid: roleId } : { rolename: roleName };
}
