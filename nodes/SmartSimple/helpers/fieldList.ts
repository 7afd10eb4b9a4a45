/** Splits a SmartConnect field list (`sf_First Name;;cf_My Field`) into its field names. */
export function parseFieldList(fieldList: string | undefined): string[] {
	return String(fieldList ?? '')
		.split(';;')
		.map((field) => field.trim())
		.filter((field) => field.length > 0);
}

/** `sf_First Name` → `First Name`. */
export function stripFieldPrefix(field: string): string {
	return field.replace(/^(sf|cf)_/, '');
}

/**
 * Output keys without the `sf_`/`cf_` prefixes. A key keeps its prefix where stripping it would
 * collide with another key of the record (`sf_Name` and `cf_Name`).
 */
export function withoutFieldPrefixes<T>(record: Record<string, T>): Record<string, T> {
	const keys = Object.keys(record);
	const shorts = keys.map(stripFieldPrefix);
	// Counted once per record, not once per key: a list strips thousands of records.
	const count = new Map<string, number>();
	for (const short of shorts) count.set(short, (count.get(short) ?? 0) + 1);
	const result: Record<string, T> = {};
	keys.forEach((key, index) => {
		const short = shorts[index];
		// Also keep it where the short name is another key as received (`cf_sf_X` beside `sf_X`).
		const collides = (count.get(short) ?? 0) > 1 || (short !== key && Object.prototype.hasOwnProperty.call(record, short));
		result[collides ? key : short] = record[key];
	});
	return result;
}

/**
 * What is wrong with a field list typed into the node, if anything: a single `;` between fields,
 * a field without its `sf_`/`cf_` prefix, a field named twice. SmartSimple's own lists never
 * have these, so each is a copying mistake that would fail every record.
 */
export function fieldListProblem(fields: string[]): { message: string; fix: string } | undefined {
	const joined = fields.find((field) => /;/.test(field));
	if (joined !== undefined) {
		return {
			message: `"${joined.slice(0, 60)}" holds a single ";"`,
			fix: 'Separate fields with two semicolons, e.g. sf_First Name;;sf_Last Name, exactly as in SmartSimple.',
		};
	}
	const unprefixed = fields.find((field) => field !== 'recordid' && !/^(sf|cf)_./.test(field));
	if (unprefixed !== undefined) {
		return {
			message: `"${unprefixed.slice(0, 60)}" is not a SmartSimple field name`,
			fix: 'Write standard fields as sf_<Name> and custom fields as cf_<Name> or cf_<field ID>, e.g. sf_First Name;;cf_My Field.',
		};
	}
	const repeated = fields.find((field, index) => fields.indexOf(field) !== index);
	if (repeated !== undefined) {
		return { message: `"${repeated.slice(0, 60)}" is listed twice`, fix: 'Name each field once.' };
	}
	return undefined;
}
