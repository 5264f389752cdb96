import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Growth } from '../../../common/schemas/review';
import { meetsTarget, targetValue, type TalkGrowth as Series, type TalkTargetFigure } from '../../../common/schemas/talk';
import { talkActions } from './actions';
import { formatDay, isolate } from '../review/format';
import { TalkGrowthChart } from './TalkGrowthChart';
import { formatTargetValue } from './targets';
import './talk.css';

const charted: TalkTargetFigure[] = ['teacherPct', 'wait1', 'studentTurns', 'wait2'];

/**
 * Growth in talk: a chart per figure over the teacher's analysed lessons, the same values as a
 * table (the accessible alternative, and what a screen reader reads row by row), and each goal tied
 * to a figure with its progress: the latest lesson's value and how many lessons reached it.
 */
export function TalkGrowth({ teacherId, goals, version }: { teacherId?: string; goals: Growth['goals']; version: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [series, setSeries] = useState<Series | null>(null);
  useEffect(() => {
    let live = true;
    talkActions.growth(teacherId ? { teacherId } : {}).then(
      (s) => live && setSeries(s),
      () => live && setSeries({ lessons: [] }),
    );
    return () => {
      live = false;
    };
  }, [teacherId, version]);
  if (!series) return null;
  const { lessons } = series;
  const tied = goals.filter((g) => g.talkTarget);
  const fmt = (figure: TalkTargetFigure, v: number | null) => (v === null ? '—' : formatTargetValue(figure, v, lang));

  return (
    <section aria-labelledby="talk-growth-title" className="talk-growth">
      <h2 id="talk-growth-title">{t('talk.growth.title')}</h2>
      {lessons.length === 0 ? (
        <p className="muted">{t('talk.growth.empty')}</p>
      ) : (
        <>
          <div className="talk-growth-charts">
            {charted.map((figure) => (
              <TalkGrowthChart
                key={figure}
                figure={figure}
                lessons={lessons}
                target={tied.find((g) => g.talkTarget!.figure === figure)?.talkTarget ?? undefined}
              />
            ))}
          </div>
          <table className="stats-table talk-growth-table">
            <caption>{t('talk.growth.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('talk.growth.lesson')}</th>
                <th scope="col">{t('talk.growth.date')}</th>
                {charted.map((f) => (
                  <th key={f} scope="col">
                    {t(`talk.growth.figures.${f}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {lessons.map((l) => (
                <tr key={l.lessonId}>
                  <th scope="row" dir="auto">
                    {l.title}
                  </th>
                  <td>{formatDay(l.at, lang)}</td>
                  {charted.map((f) => (
                    <td key={f}>{fmt(f, targetValue(l.figures, f))}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {tied.length > 0 && (
        <ul className="goal-list talk-goal-progress" aria-label={t('talk.growth.goalsLabel')}>
          {tied.map((g) => {
            const target = g.talkTarget!;
            const values = lessons.map((l) => targetValue(l.figures, target.figure));
            const latest = [...values].reverse().find((v) => v !== null) ?? null;
            const reached = values.filter((v) => meetsTarget(v, target)).length;
            const met = meetsTarget(latest, target);
            return (
              <li key={g.id} className={met ? 'goal-met' : undefined} data-goal={g.id}>
                <span aria-hidden="true">{met ? '✓' : '○'}</span> <span dir="auto">{g.text}</span>{' '}
                <span className="muted small-text">
                  {t('talk.growth.progress', {
                    target: isolate(
                      t(`talk.growth.figures.${target.figure}`) +
                        ' ' +
                        t(`talk.target.${target.direction}`, { value: fmt(target.figure, target.value) }),
                    ),
                    latest: fmt(target.figure, latest),
                    reached: new Intl.NumberFormat(lang).format(reached),
                    total: new Intl.NumberFormat(lang).format(lessons.length),
                  })}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
