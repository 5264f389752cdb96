import { isolate } from '../../../common/bidi';
/** Dates for reviews, through Intl: in the viewer's own time zone, or a named one. */

export function formatWhen(ms: number, language: string, timeZone?: string): string {
  // dateStyle/timeStyle cannot be combined with a zone name, so a zoned date spells out its fields.
  const options: Intl.DateTimeFormatOptions = timeZone
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(language, options).format(ms);
}

export function formatDay(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(ms);
}

/** A span of time in the largest unit that keeps it readable: seconds, minutes, hours or days. */
export function formatSpan(ms: number, language: string): string {
  const minutes = ms / 60_000;
  const [value, unit] =
    minutes < 1
      ? [ms / 1000, 'second']
      : minutes < 90
        ? [minutes, 'minute']
        : minutes < 48 * 60
          ? [minutes / 60, 'hour']
          : [minutes / 1440, 'day'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
}

export function formatRate(fraction: number | null, language: string): string {
  return fraction === null ? '—' : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function formatNumber(value: number, language: string, digits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** The `YYYY-MM-DDTHH:mm` a datetime-local input shows for a moment, in this device's zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** This device's IANA time zone: the requester's zone, shown to others beside the due date. */
export function deviceZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A name, title or date put into a sentence keeps its own direction and place (common/bidi.ts). */
export { isolate };
