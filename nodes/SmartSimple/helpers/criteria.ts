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

/** Where a criteria problem is reported: the node, and the item whose parameters are at fault. */
export interface ParameterSource {
	node: INode;
	itemIndex?: number;
}

function invalid(source: ParameterSource, message: string): NodeOperationError {
	return new NodeOperationError(source.node, message, { itemIndex: source.itemIndex });
}

/** Turns the builder's conditions into SmartConnect `criteria`, refusing what it cannot send. */
export function buildCriteria(
	conditions: FilterCondition[],
	source: ParameterSource,
	parameterName = 'Filters',
): WireCriterion[] {
	const criteria = conditions.map((condition, index) => {
		const where = `${parameterName} → condition ${index + 1}`;
		const field = String(condition.field ?? '').trim();
		if (!field) throw invalid(source, `${where}: choose or type the field to compare`);
		const operator = OPERATORS[condition.operator ?? 'equal'];
		if (!operator) throw invalid(source, `${where}: unknown operator "${condition.operator}"`);
		return {
			andor: condition.andor ?? 'and',
			field,
			operator: operator.wire,
			value: operator.fixedValue ?? String(condition.value ?? ''),
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
		throw invalid(source, `${parameterName} is not valid JSON: ${(error as Error).message}`);
	}
	if (!Array.isArray(parsed)) {
		throw invalid(source, 
			`${parameterName} must be a JSON array such as [{"andor":"and","field":"sf_Status","operator":"=","value":"Open"}]`,
		);
	}
	const criteria = parsed.map((entry: unknown, index) => {
		const where = `${parameterName} → item ${index + 1}`;
		if (typeof entry !== 'object' || entry === null) throw invalid(source, `${where} must be an object`);
		const { andor = 'and', field, operator, value = '' } = entry as IDataObject;
		if (typeof field !== 'string' || !field.trim()) throw invalid(source, `${where} needs a "field"`);
		if (typeof operator !== 'string' || !WIRE_OPERATORS.includes(operator.toLowerCase())) {
			throw invalid(source, `${where}: "operator" must be one of ${WIRE_OPERATORS.join(', ')}`);
		}
		return { andor: String(andor), field, operator: operator.toLowerCase(), value: String(value) };
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
			throw invalid(source, `${where}: "and/or" must be one of ${ANDOR_VALUES.join(', ')}`);
		}
		if (criterion.andor === OPENING) {
			if (groupOpen) {
				throw invalid(source, 
					`${where}: a group is already open; use ") and (" or ") or (" to start the next group`,
				);
			}
			groupOpen = true;
		}
		if (GROUP_JOINS.includes(criterion.andor) && !groupOpen) {
			throw invalid(source, `${where}: "${criterion.andor}" closes a group, but none was opened with "("`);
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
		const field = String(sort.field ?? '').trim();
		if (!field) throw invalid(source, `${parameterName} → field ${index + 1}: choose the field to sort by`);
		const direction = String(sort.direction ?? '').trim().toLowerCase() === 'desc' ? 'desc' : 'asc';
		return { field, direction };
	});
}
