import { afterEach, describe, expect, it } from 'vitest';
import { localeOf, setRegion } from '../../../renderer/src/lib/locale';
import { dueDays, dueMoment, dueMonths, dueParts, dueTimes, formatWhen } from '../../../renderer/src/review/format';

/** Dates are written in the person's UI language and region, never in the browser's locale. */
afterEach(() => setRegion(null));

describe('dates in the UI language', () => {
  it("offers the due date's parts in Arabic to an Arabic teacher, not as 12/10/2026, 05:00 PM", () => {
    const months = dueMonths('ar').map((m) => m.label);
    expect(months[11]).toBe('ديسمبر');
    const times = dueTimes('ar');
    expect(times.find((t) => t.value === 17 * 60)!.label).toMatch(/م$/);
    expect(times.map((t) => t.label).join(' ')).not.toMatch(/PM|AM/);
    expect(dueDays(2026, 11, 'ar')[9]!.label).toContain('الخميس');
    expect(dueDays(2026, 11, 'fr')[9]!.label).toBe('jeudi 10');
  });

  it("turns the parts into the moment and back, with a day past the month's end its last day", () => {
    const at = dueMoment({ year: 2026, month: 11, day: 10, minutes: 17 * 60 });
    expect(dueParts(at)).toEqual({ year: 2026, month: 11, day: 10, minutes: 17 * 60 });
    expect(dueParts(dueMoment({ year: 2027, month: 1, day: 31, minutes: 0 })).day).toBe(28);
  });

  it('adds the region of the account to the language', () => {
    expect(localeOf('ar')).toBe('ar');
    setRegion('jo');
    expect(localeOf('ar')).toBe('ar-JO');
    const at = Date.UTC(2026, 11, 10, 14, 0);
    setRegion('GB');
    expect(formatWhen(at, 'en', 'UTC')).toMatch(/10 Dec 2026/);
    setRegion('US');
    expect(formatWhen(at, 'en', 'UTC')).toMatch(/Dec 10, 2026/);
  });
});
