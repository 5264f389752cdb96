import { localeOf } from './locale';

/** Making an Intl formatter costs far more than using one; a lesson's timeline formats thousands of times. */
const timecodeFormats = new Map<string, { one: Intl.NumberFormat; two: Intl.NumberFormat }>();

/** Timecodes, dates and sizes through Intl, in the UI's language. */
export function formatTimecode(ms: number | null | undefined, language: string): string {
  const total = Math.max(0, Math.floor((ms ?? 0) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  let formats = timecodeFormats.get(localeOf(language));
  if (!formats) {
    formats = {
      one: new Intl.NumberFormat(localeOf(language), { useGrouping: false }),
      two: new Intl.NumberFormat(localeOf(language), { minimumIntegerDigits: 2, useGrouping: false }),
    };
    timecodeFormats.set(localeOf(language), formats);
  }
  const { one, two } = formats;
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${two.format(s)}` : `${one.format(m)}:${two.format(s)}`;
}

export function formatDate(ms: number, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && i > 0 ? 1 : 0,
  }).format(value);
}

export function formatPercent(fraction: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}
