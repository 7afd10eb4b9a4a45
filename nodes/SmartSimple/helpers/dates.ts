/** A date-time written out in full: SmartSimple's own `2025-03-01 00:00:00` or ISO 8601. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

interface LuxonLike {
	isLuxonDateTime: true;
	toISODate(): string | null;
}

function isLuxonDateTime(value: unknown): value is LuxonLike {
	return typeof value === 'object' && value !== null && (value as LuxonLike).isLuxonDateTime === true;
}

/**
 * SmartSimple takes dates as YYYY-MM-DD. JS Dates, Luxon DateTimes (n8n's `$now`) and date-time
 * strings become their calendar date; every other value is sent as text.
 */
export function toSmartSimpleValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (isLuxonDateTime(value)) return value.toISODate() ?? '';
	if (Array.isArray(value)) return value.length ? `,${value.join(',')},` : '';
	if (typeof value === 'object') return JSON.stringify(value);
	const text = String(value);
	return DATE_TIME.exec(text)?.[1] ?? text;
}
