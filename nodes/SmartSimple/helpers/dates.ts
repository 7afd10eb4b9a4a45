/**
 * SmartSimple takes dates as `YYYY-MM-DD`. Only what is known to be a date is converted: a JS
 * Date (an instant: its calendar date in the workflow's time zone), a Luxon DateTime (its date
 * in its own zone: n8n's `$now` and `$today` are in the workflow's zone, and a date-typed Columns
 * value that n8n parsed keeps the date as written), or the value of a field whose type says date.
 * Text in other fields is never read as a date.
 */

/** `2025-03-01`, `2025-03-01 10:15:00` (SmartSimple's own form), ISO 8601 with or without a zone. */
const DATE_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Whether `YYYY-MM-DD` names a day that exists (not 2025-02-30). */
function isCalendarDate(date: string): boolean {
	const [year, month, day] = date.split('-').map(Number);
	const utc = new Date(Date.UTC(year, month - 1, day));
	return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

interface LuxonLike {
	isLuxonDateTime: true;
	toISODate(): string | null;
}

function isLuxonDateTime(value: unknown): value is LuxonLike {
	return typeof value === 'object' && value !== null && (value as LuxonLike).isLuxonDateTime === true;
}

/** Whether a value is an instant: a JS Date or a Luxon DateTime (n8n's `$now`, `$today`). */
export function isInstant(value: unknown): value is Date | LuxonLike {
	return value instanceof Date || isLuxonDateTime(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date `YYYY-MM-DD` of an instant in a time zone; undefined for an invalid date. */
function calendarDate(instantMs: number, timeZone: string): string | undefined {
	if (!Number.isFinite(instantMs)) return undefined;
	let format = dateFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		dateFormats.set(timeZone, format);
	}
	const parts: Record<string, string> = {};
	for (const part of format.formatToParts(new Date(instantMs))) parts[part.type] = part.value;
	return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A JS Date's calendar date in the time zone, a Luxon DateTime's in its own; undefined if invalid. */
export function instantToDate(value: Date | LuxonLike, timeZone: string): string | undefined {
	return value instanceof Date ? calendarDate(value.getTime(), timeZone) : (value.toISODate() ?? undefined);
}

/**
 * The value of a date field as SmartSimple takes it. A date-time written with a zone (`Z`,
 * `+09:00`) is an instant: its date in the time zone. One without a zone is a wall-clock time
 * as SmartSimple writes them: its date as written. Empty text stays empty; text that is no date
 * gives undefined (the caller decides: refuse it, or send a value SmartSimple gave as it is).
 */
export function dateFieldText(text: string, timeZone: string): string | undefined {
	const trimmed = text.trim();
	if (!trimmed) return '';
	const match = DATE_TEXT.exec(trimmed);
	if (!match) return undefined;
	const [, date, zone] = match;
	if (!zone) return isCalendarDate(date) ? date : undefined;
	const iso = trimmed.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	return calendarDate(Date.parse(iso), timeZone);
}
