import { isolate } from '../../../common/bidi';
import { localeOf } from '../lib/locale';

/** Dates for reviews, through Intl: in the viewer's own time zone, or a named one. */

export function formatWhen(ms: number, language: string, timeZone?: string): string {
  // dateStyle/timeStyle cannot be combined with a zone name, so a zoned date spells out its fields.
  const options: Intl.DateTimeFormatOptions = timeZone
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(localeOf(language), options).format(ms);
}

export function formatDay(ms: number, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium' }).format(ms);
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
  return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
}

export function formatRate(fraction: number | null, language: string): string {
  return fraction === null
    ? '—'
    : new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function formatNumber(value: number, language: string, digits = 0): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export interface Choice {
  value: number;
  label: string;
}

/**
 * The parts of a due date as a person picks them, each written in the UI language: a native date
 * picker would write them in the browser's locale instead ("12/10/2026, 05:00 PM" to an Arabic teacher).
 */
export interface DueParts {
  year: number;
  /** 0 = January. */
  month: number;
  day: number;
  /** Minutes after midnight. */
  minutes: number;
}

export function dueParts(ms: number): DueParts {
  const d = new Date(ms);
  return { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(), minutes: d.getHours() * 60 + d.getMinutes() };
}

/** The moment the parts name, in this device's zone; a day past the month's end is its last day. */
export function dueMoment({ year, month, day, minutes }: DueParts): number {
  const last = new Date(year, month + 1, 0).getDate();
  return new Date(year, month, Math.min(day, last), Math.floor(minutes / 60), minutes % 60).getTime();
}

export function dueYears(now: number, language: string, count = 10): Choice[] {
  const format = new Intl.DateTimeFormat(localeOf(language), { year: 'numeric' });
  const first = new Date(now).getFullYear();
  return Array.from({ length: count }, (_, i) => ({ value: first + i, label: format.format(new Date(first + i, 6, 1)) }));
}

export function dueMonths(language: string): Choice[] {
  const format = new Intl.DateTimeFormat(localeOf(language), { month: 'long' });
  return Array.from({ length: 12 }, (_, i) => ({ value: i, label: format.format(new Date(2000, i, 1)) }));
}

/** The days of a month, with their weekday: "Friday 1". */
export function dueDays(year: number, month: number, language: string): Choice[] {
  const format = new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', day: 'numeric' });
  const count = new Date(year, month + 1, 0).getDate();
  return Array.from({ length: count }, (_, i) => ({ value: i + 1, label: format.format(new Date(year, month, i + 1)) }));
}

/** Times of day every half hour, as minutes after midnight. */
export function dueTimes(language: string, stepMinutes = 30): Choice[] {
  const format = new Intl.DateTimeFormat(localeOf(language), { hour: 'numeric', minute: '2-digit' });
  return Array.from({ length: (24 * 60) / stepMinutes }, (_, i) => {
    const minutes = i * stepMinutes;
    return { value: minutes, label: format.format(new Date(2000, 0, 1, Math.floor(minutes / 60), minutes % 60)) };
  });
}

/** This device's IANA time zone: the requester's zone, shown to others beside the due date. */
export function deviceZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A name, title or date put into a sentence keeps its own direction and place (common/bidi.ts). */
export { isolate };
