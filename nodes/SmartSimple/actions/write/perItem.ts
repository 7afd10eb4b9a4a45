import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

import { holdsExpression } from '../../helpers/parameters';

/** Reads something of one item's parameters: the same for every item where none holds an expression. */
export type PerItemReader = <T>(parameters: string[], read: (itemIndex: number) => T) => (itemIndex: number) => T;

/**
 * n8n resolves and checks a parameter on every getNodeParameter call, which per item, over a
 * thousand items, was the largest part of a write's own CPU. Where none of the named top-level
 * parameters holds an expression as written, `read` runs once and its result serves every item;
 * a read that throws is not kept, so each item then reads, and fails, on its own as before.
 */
export function perItemReader(this: IExecuteFunctions): PerItemReader {
	// The parameter as written: not resolved, and not copied as getNode() would copy the node.
	const written = (name: string) =>
		this.getNodeParameter(name, 0, null, { rawExpressions: true }) as NodeParameterValueType;
	return <T>(parameters: string[], read: (itemIndex: number) => T) => {
		if (parameters.some((name) => holdsExpression(written(name)))) return read;
		let kept = false;
		let value: T;
		return (itemIndex: number) => {
			if (!kept) {
				value = read(itemIndex);
				kept = true;
			}
			return value;
		};
	};
}
