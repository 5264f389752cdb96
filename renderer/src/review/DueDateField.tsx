import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { dueDays, dueMoment, dueMonths, dueParts, dueTimes, dueYears, formatWhen, type DueParts } from './format';

/**
 * A due date picked from labelled lists in the UI language (year, month, day with its weekday, time),
 * instead of a native date-time input, which writes dates in the browser's locale whatever language
 * the person chose. Lists work with the keyboard and read well with a screen reader; the chosen moment
 * is repeated in full below them.
 */
export function DueDateField({ legend, value, onChange }: { legend: string; value: number | null; onChange(next: number | null): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // Labels point at their lists by id: a label wrapping a list would read the chosen option into its name.
  const id = useId();
  const parts = value === null ? null : dueParts(value);
  const set = (patch: Partial<DueParts>) => parts && onChange(dueMoment({ ...parts, ...patch }));
  const now = Date.now();
  return (
    <fieldset className="due-field">
      <legend>{legend}</legend>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={value !== null}
          onChange={(e) => onChange(e.target.checked ? dueMoment({ ...dueParts(now + 7 * 86_400_000), minutes: 17 * 60 }) : null)}
        />
        {t('review.request.hasDue')}
      </label>
      {parts && (
        <>
          <div className="due-parts">
            <div>
              <label htmlFor={`${id}-day`}>{t('review.request.dueDay')}</label>
              <select id={`${id}-day`} value={parts.day} onChange={(e) => set({ day: Number(e.target.value) })}>
                {dueDays(parts.year, parts.month, language).map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-month`}>{t('review.request.dueMonth')}</label>
              <select id={`${id}-month`} value={parts.month} onChange={(e) => set({ month: Number(e.target.value) })}>
                {dueMonths(language).map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-year`}>{t('review.request.dueYear')}</label>
              <select id={`${id}-year`} value={parts.year} onChange={(e) => set({ year: Number(e.target.value) })}>
                {dueYears(now, language).map((y) => (
                  <option key={y.value} value={y.value}>
                    {y.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-time`}>{t('review.request.dueTime')}</label>
              <select id={`${id}-time`} value={parts.minutes} onChange={(e) => set({ minutes: Number(e.target.value) })}>
                {dueTimes(language).map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="muted small-text" aria-live="polite">
            {t('review.request.dueChosen', { date: formatWhen(value!, language) })}
          </p>
        </>
      )}
    </fieldset>
  );
}
