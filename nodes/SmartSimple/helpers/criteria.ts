import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** One condition of the node's criteria builder (`filters.conditions`). */
export interface FilterCondition {
	andor?: string;
	field?: string;
	operator?: string;
	value?: string | number | boolean;
}

/** One condition as SmartConnect reads it in `criteria`. */
export interface WireCriterion extends IDataObject {
	andor: string;
	field: string;
	operator: string;
	value: string;
}

/**
 * Node operator → wire operator. Stored option values never start with `=`, which n8n would
 * read as an expression.
 */
const OPERATORS: Record<string, { wire: string; fixedValue?: string }> = {
	equal: { wire: '=' },
	notEqual: { wire: '!=' },
	greaterThan: { wire: '>' },
	greaterThanOrEqual: { wire: '>=' },
	lessThan: { wire: '<' },
	lessThanOrEqual: { wire: '<=' },
	like: { wire: 'like' },
	notLike: { wire: 'not like' },
	isEmpty: { wire: 'isempty', fixedValue: 'true' },
	isNotEmpty: { wire: 'isempty', fixedValue: 'false' },
};

const WIRE_OPERATORS = ['=', '!=', '<>', '>', '>=', '<', '<=', 'like', 'not like', 'isempty'];
const OPENING = '(';
const GROUP_JOINS = [') and (', ') or ('];
const ANDOR_VALUES = ['and', 'or', OPENING, ...GROUP_JOINS];
const CRITERION_KEYS = ['andor', 'field', 'operator', 'value'];

/** Where a criteria problem is reported: the node, and the item whose parameters are at fault. */
export interface ParameterSource {
	node: INode;
	itemIndex?: number;
}

const EXAMPLE = '[{"andor":"and","field":"sf_Status","operator":"=","value":"Open"}]';

function invalid(source: ParameterSource, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(source.node, message, { itemIndex: source.itemIndex, description });
}

/**
 * A condition's value as the text SmartConnect receives, unchanged: quotes, brackets, `%`,
 * newlines and any script travel as typed inside the JSON string, so no value can reach beyond
 * its own condition. Objects and lists (from an expression) have no text form: refused.
 */
function valueText(value: unknown, where: string, source: ParameterSource): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') {
		throw invalid(
			source,
			`${where}: the value is ${Array.isArray(value) ? 'a list' : 'an object'}, not text`,
			'Give one value as text or a number; to match several values, add one condition per value joined with "or".',
		);
	}
	return String(value);
}

/** Turns the builder's conditions into SmartConnect `criteria`, refusing what it cannot send. */
export function buildCriteria(
	conditions: FilterCondition[],
	source: ParameterSource,
	parameterName = 'Filters',
): WireCriterion[] {
	const criteria = conditions.map((condition, index) => {
		const where = `${parameterName} → condition ${index + 1}`;
		if (typeof condition !== 'object' || condition === null) {
			throw invalid(source, `${where} is not a condition`, 'Each condition needs a field, an operator and a value.');
		}
		const field = typeof condition.field === 'string' ? condition.field.trim() : '';
		if (!field) {
			throw invalid(source, `${where}: choose or type the field to compare`, 'Pick a field from the list, or type its name, e.g. sf_Status or cf_My Field.');
		}
		const operator = OPERATORS[condition.operator ?? 'equal'];
		if (!operator) {
			throw invalid(
				source,
				`${where}: unknown operator "${String(condition.operator).slice(0, 40)}"`,
				`Choose one of: ${Object.keys(OPERATORS).join(', ')}.`,
			);
		}
		const value = valueText(condition.value, where, source);
		return {
			andor: typeof condition.andor === 'string' ? condition.andor : condition.andor === undefined ? 'and' : '',
			field,
			operator: operator.wire,
			value: operator.fixedValue ?? value,
		};
	});
	assertValidCriteria(criteria, source, parameterName);
	return criteria;
}

/** Parses and checks raw criteria JSON typed by a power user. */
export function parseCriteriaJson(
	json: string,
	source: ParameterSource,
	parameterName = 'Criteria (JSON)',
): WireCriterion[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch (error) {
		throw invalid(
			source,
			`${parameterName} is not valid JSON: ${(error as Error).message}`,
			`Write the criteria as a JSON array, e.g. ${EXAMPLE}. Text values go in double quotes.`,
		);
	}
	if (!Array.isArray(parsed)) {
		throw invalid(source, `${parameterName} must be a JSON array such as ${EXAMPLE}`, 'Write [] for no filter.');
	}
	const criteria = parsed.map((entry: unknown, index) => {
		const where = `${parameterName} → item ${index + 1}`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw invalid(source, `${where} must be an object`, `Each item is one condition, e.g. ${EXAMPLE}.`);
		}
		const unknownKeys = Object.keys(entry).filter((key) => !CRITERION_KEYS.includes(key));
		if (unknownKeys.length) {
			throw invalid(
				source,
				`${where} has unknown keys: ${unknownKeys.map((key) => `"${key.slice(0, 40)}"`).join(', ')}`,
				`A condition has only the keys ${CRITERION_KEYS.map((key) => `"${key}"`).join(', ')}.`,
			);
		}
		const { andor = 'and', field, operator } = entry as IDataObject;
		if (typeof field !== 'string' || !field.trim()) {
			throw invalid(source, `${where} needs a "field"`, 'Name the field to compare as text, e.g. "field":"sf_Status".');
		}
		if (typeof operator !== 'string' || !WIRE_OPERATORS.includes(operator.toLowerCase())) {
			throw invalid(
				source,
				`${where}: "operator" must be one of ${WIRE_OPERATORS.join(', ')}`,
				'SmartConnect knows these operators only; "isempty" takes the value "true" (empty) or "false".',
			);
		}
		return {
			andor: typeof andor === 'string' ? andor : '',
			field,
			operator: operator.toLowerCase(),
			value: valueText((entry as IDataObject).value, where, source),
		};
	});
	assertValidCriteria(criteria, source, parameterName);
	return criteria;
}

/** Bracket groups: `(` opens one, `) and (` / `) or (` close it and open the next. */
function assertValidCriteria(
	criteria: WireCriterion[],
	source: ParameterSource,
	parameterName: string,
): void {
	let groupOpen = false;
	criteria.forEach((criterion, index) => {
		const where = `${parameterName} → condition ${index + 1}`;
		if (!ANDOR_VALUES.includes(criterion.andor)) {
			throw invalid(
				source,
				`${where}: "and/or" must be one of ${ANDOR_VALUES.join(', ')}`,
				'Join conditions with "and" or "or"; "(" opens a bracket group, ") and (" and ") or (" close it and open the next. The last group closes by itself.',
			);
		}
		if (criterion.andor === OPENING) {
			if (groupOpen) {
				throw invalid(
					source,
					`${where}: a group is already open; use ") and (" or ") or (" to start the next group`,
					'Bracket groups do not nest: each group closes where the next one starts, and the last one at the end.',
				);
			}
			groupOpen = true;
		}
		if (GROUP_JOINS.includes(criterion.andor) && !groupOpen) {
			throw invalid(
				source,
				`${where}: "${criterion.andor}" closes a group, but none was opened with "("`,
				'Set an earlier condition\'s And / Or to "(" (Open Group) to start the first group.',
			);
		}
	});
}

export interface SortField {
	field?: string;
	direction?: string;
}

/** Turns the Sort parameter into SmartConnect `sortby`. */
export function buildSort(
	sortFields: SortField[],
	source: ParameterSource,
	parameterName = 'Sort',
): IDataObject[] {
	return sortFields.map((sort, index) => {
		const where = `${parameterName} → field ${index + 1}`;
		const field = typeof sort?.field === 'string' ? sort.field.trim() : '';
		if (!field) throw invalid(source, `${where}: choose the field to sort by`, 'Pick a field from the list, or type its name, e.g. sf_Modified Date.');
		const direction = String(sort.direction ?? 'asc').trim().toLowerCase();
		if (direction !== 'asc' && direction !== 'desc') {
			throw invalid(source, `${where}: direction must be "asc" or "desc"`, 'Choose Ascending or Descending.');
		}
		return { field, direction };
	});
}

/**
 * Where the user gave the function's Field List, every field filtered or sorted on must be in it
 * (or be `recordid`): SmartSimple refuses any other with a bare "error while processing list".
 */
export function checkFieldsListed(
	criteria: WireCriterion[],
	sortby: IDataObject[],
	fieldList: string[],
	source: ParameterSource,
	filtersName = 'Filters',
): void {
	if (!fieldList.length) return;
	const listed = (field: string) => field === 'recordid' || fieldList.includes(field);
	const fix = (field: string) =>
		`Add "${field}" to the function's field list in SmartSimple and to the node's Field List, or pick one of its fields: ${fieldList.join(', ')}.`;
	criteria.forEach((criterion, index) => {
		if (!listed(criterion.field)) {
			throw invalid(source, `${filtersName} → condition ${index + 1}: "${criterion.field}" is not in the Field List`, fix(criterion.field));
		}
	});
	sortby.forEach((sort, index) => {
		const field = String(sort.field);
		if (!listed(field)) throw invalid(source, `Sort → field ${index + 1}: "${field}" is not in the Field List`, fix(field));
	});
}
