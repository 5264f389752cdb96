import { useTranslation } from 'react-i18next';
import { talkTargetFigures, type TalkTarget, type TalkTargetFigure } from '../../../common/schemas/talk';
import { defaultTarget } from './targets';

/**
 * Ties a goal to a talk figure ("wait time 1 at least 3 s"): the figure, then its level, in the
 * figure's unit (seconds for waits, percent for shares). Progress shows under Growth.
 */
export function TalkTargetField({
  number,
  value,
  onChange,
}: {
  number: number;
  value: TalkTarget | null;
  onChange(next: TalkTarget | null): void;
}) {
  const { t } = useTranslation();
  return (
    <span className="talk-target-field">
      <select
        value={value?.figure ?? ''}
        aria-label={t('talk.target.figure', { number })}
        onChange={(e) => onChange(e.target.value ? defaultTarget(e.target.value as TalkTargetFigure) : null)}
      >
        <option value="">{t('talk.target.none')}</option>
        {talkTargetFigures.map((f) => (
          <option key={f} value={f}>
            {t(`talk.growth.figures.${f}`)}
          </option>
        ))}
      </select>
      {value && (
        <label className="inline-field small-text">
          {t(`talk.target.direction.${value.direction}`)}
          <input
            type="number"
            min={0}
            max={value.figure.endsWith('Pct') ? 100 : 600}
            step={value.figure.startsWith('wait') ? 0.5 : 1}
            dir="ltr"
            value={value.value}
            aria-label={t('talk.target.level', { number, unit: t(`talk.target.unit.${value.figure}`) })}
            onChange={(e) => onChange({ ...value, value: Math.max(0, Number(e.target.value) || 0) })}
          />
          {t(`talk.target.unit.${value.figure}`)}
        </label>
      )}
    </span>
  );
}
