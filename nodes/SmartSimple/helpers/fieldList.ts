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
