import { localeOf } from '../lib/locale';

/** Names and times for people in other places, through Intl in the UI's language. */

export function countryName(code: string | null, language: string): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames(localeOf(language), { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageNames(tags: readonly string[], language: string): string {
  const names = tags.map((tag) => {
    try {
      return new Intl.DisplayNames(localeOf(language), { type: 'language' }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  });
  return new Intl.ListFormat(localeOf(language), { type: 'conjunction' }).format(names);
}

/** The time it is now where someone lives, for planning a call across time zones. */
export function localTime(timeZone: string | null, now: number, language: string): string {
  if (!timeZone) return '';
  try {
    return new Intl.DateTimeFormat(localeOf(language), { timeZone, hour: 'numeric', minute: '2-digit', weekday: 'short' }).format(now);
  } catch {
    return '';
  }
}

/** "2 minutes ago", "yesterday": how long since something happened. */
export function timeAgo(at: number, now: number, language: string): string {
  const seconds = Math.round((at - now) / 1000);
  const format = new Intl.RelativeTimeFormat(localeOf(language), { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return format.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

export function timeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

/** "40 seconds", "7 minutes", "24 hours", "3 days": how long, in the unit a person would say it in. */
export function roughDuration(ms: number, language: string): string {
  if (ms < 90_000)
    return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(
      Math.max(1, Math.round(ms / 1000)),
    );
  const minutes = Math.round(ms / 60_000);
  const [value, unit] =
    minutes < 120 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / (24 * 60)), 'day'];
  return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
