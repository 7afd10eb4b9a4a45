/**
 * SmartSimple takes dates as `YYYY-MM-DD`. Only what is known to be a date is converted: a JS
 * Date (an instant: its calendar date in the workflow's time zone), a Luxon DateTime (its date
 * in its own zone: n8n's `$now` and `$today` are in the workflow's zone, and a date-typed Columns
 * value that n8n parsed keeps the date as written), or the value of a field whose type says date.
 * Text in other fields is never read as a date.
 */

/** `2025-03-01`, `2025-03-01 10:15:00` (SmartSimple's own form), ISO 8601 with or without a zone. */
const DATE_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** Just `YYYY-MM-DD`, the usual value: tested without building a match. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `YYYY-MM-DD` names a day that exists (not 2025-02-30), counted without a Date per
 * value. Years before 100 are no dates, as when this asked Date.UTC (which reads them as 19xx).
 */
function isCalendarDate(date: string): boolean {
	const year = Number(date.slice(0, 4));
	const month = Number(date.slice(5, 7));
	const day = Number(date.slice(8, 10));
	if (year < 100 || month < 1 || month > 12 || day < 1) return false;
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
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
	if (PLAIN_DATE.test(trimmed)) return isCalendarDate(trimmed) ? trimmed : undefined;
	const match = DATE_TEXT.exec(trimmed);
	if (!match) return undefined;
	const [, date, zone] = match;
	if (!zone) return isCalendarDate(date) ? date : undefined;
	const iso = trimmed.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	return calendarDate(Date.parse(iso), timeZone);
}
