/**
 * SmartSimple writes date-times as `YYYY-MM-DD HH:MM:SS` in the instance's local time, with no
 * zone. These helpers convert with Intl only: the package has no runtime dependencies.
 */

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;
const ZONE_SUFFIX = /(Z|[+-]\d{2}:?\d{2})$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
	let format = formatters.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(zone, format);
	}
	return format;
}

/** Whether Intl knows the IANA zone, e.g. `America/Toronto`. */
export function isTimeZone(zone: string): boolean {
	try {
		formatter(zone);
		return true;
	} catch {
		return false;
	}
}

/** The wall-clock fields of an instant in a zone, as if they were UTC. */
function wallClockMs(instantMs: number, zone: string): number {
	const parts: Record<string, number> = {};
	for (const part of formatter(zone).formatToParts(new Date(instantMs))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

function pad(value: number, length = 2): string {
	return String(value).padStart(length, '0');
}

/** `2025-03-01 10:00:00` in `America/Toronto` → `2025-03-01T10:00:00-05:00`; undefined if unreadable. */
export function localToIso(local: string, zone: string): string | undefined {
	const match = LOCAL_DATE_TIME.exec(local);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second = '00'] = match;
	const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
	// The zone's offset at the instant; a second pass settles it next to a DST change.
	let offsetMs = wallClockMs(wall, zone) - wall;
	offsetMs = wallClockMs(wall - offsetMs, zone) - (wall - offsetMs);
	const offsetMinutes = Math.round(offsetMs / 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	return `${year}-${month}-${day}T${hour}:${minute}:${second}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Wall-clock milliseconds (UTC fields) as SmartSimple writes them: `YYYY-MM-DD HH:MM:SS`. */
function formatWall(wallMs: number): string {
	const wall = new Date(wallMs);
	return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
}

/** An instant as SmartSimple writes it in a zone. */
function instantToLocal(instantMs: number, zone: string): string {
	return formatWall(wallClockMs(instantMs, zone));
}

/**
 * A date-time typed by the user (or `{{ $now }}`) as SmartSimple compares it. With a zone suffix
 * and an instance zone it is converted to the instance's wall clock; otherwise it is taken as
 * written, since SmartSimple's own values are instance-local. Undefined where it is not a date.
 */
export function toInstanceTime(value: string, zone?: string): string | undefined {
	const text = value.trim();
	const match = LOCAL_DATE_TIME.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return undefined;
	if (zone && ZONE_SUFFIX.test(text)) {
		const instant = Date.parse(text);
		if (!Number.isNaN(instant)) return instantToLocal(instant, zone);
	}
	const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
	return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** A SmartSimple date-time moved by whole seconds, e.g. the start of the look-back window. */
export function shiftLocal(local: string, seconds: number): string {
	const match = LOCAL_DATE_TIME.exec(local);
	if (!match || !seconds) return local;
	const [, year, month, day, hour, minute, second = '00'] = match;
	return formatWall(Date.UTC(+year, +month - 1, +day, +hour, +minute, +second) + seconds * 1000);
}

/** IANA zones Intl knows, for the Instance Time Zone dropdown; UTC first (Intl leaves it out). */
export function timeZones(): string[] {
	const intl = Intl as unknown as { supportedValuesOf?: (key: 'timeZone') => string[] };
	const zones = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
	return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}

/** Whether a value reads as a SmartSimple date-time (the keyset compares these as text). */
export function isLocalDateTime(value: unknown): value is string {
	return typeof value === 'string' && LOCAL_DATE_TIME.test(value);
}
