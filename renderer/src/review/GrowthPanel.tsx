import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../common/review/rubric';
import type { CommunityStats, Growth } from '../../../common/schemas/review';
import { errorMessage } from '../lib/errors';
import { formatDay, formatNumber, formatSpan, isolate } from './format';
import { GrowthChart } from './GrowthChart';
import { useReviews } from './store';
import { reviewActions } from './actions';
import { TalkGrowth } from '../talk/TalkGrowth';

/** Per teacher: levels over time and goals met. Per community: requests answered, and how fast. */
export function GrowthPanel() {
  const { t, i18n } = useTranslation();
  const version = useReviews((s) => s.version);
  const [teacherId, setTeacherId] = useState<string | undefined>(undefined);
  const [growth, setGrowth] = useState<Growth | null>(null);
  const [stats, setStats] = useState<CommunityStats[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    reviewActions
      .growth(teacherId ? { teacherId } : {})
      .then((g) => {
        setGrowth(g);
        setError(null);
      })
      .catch(setError);
    reviewActions.stats({}).then(setStats, () => undefined);
  }, [teacherId, version]);

  if (error) return <p className="error-text">{errorMessage(t, error)}</p>;
  if (!growth) return <p className="muted">{t('common.loading')}</p>;
  const met = growth.goals.filter((g) => g.met);
  return (
    <div className="growth">
      <section aria-labelledby="growth-title">
        <div className="panel-head">
          <h2 id="growth-title">{t('review.growth.title', { name: isolate(growth.teacher.name || t('review.growth.you')) })}</h2>
          {growth.teachers.length > 1 && (
            <select aria-label={t('review.growth.teacher')} value={growth.teacher.id} onChange={(e) => setTeacherId(e.target.value)}>
              {growth.teachers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name || t('review.someone')}
                </option>
              ))}
            </select>
          )}
        </div>
        {growth.rubrics.length === 0 && <p className="muted">{t('review.growth.empty')}</p>}
        {growth.rubrics.map((series) => (
          <div key={series.rubric.id}>
            <h3 dir="auto">{localize(series.rubric.title, i18n.language)}</h3>
            <GrowthChart series={series} />
          </div>
        ))}
      </section>
      <TalkGrowth teacherId={teacherId} goals={growth.goals} version={version} />
      <section aria-labelledby="goals-title">
        <h2 id="goals-title">{t('review.growth.goals', { met: met.length, total: growth.goals.length })}</h2>
        {growth.goals.length === 0 && <p className="muted">{t('review.growth.noGoals')}</p>}
        <ul className="goal-list">
          {growth.goals.map((g) => (
            <li key={g.id} className={g.met ? 'goal-met' : undefined}>
              <span aria-hidden="true">{g.met ? '✓' : '○'}</span> <span dir="auto">{g.text}</span>{' '}
              <span className="muted small-text">
                {g.met && g.metAt
                  ? t('review.growth.metOn', { date: isolate(formatDay(g.metAt, i18n.language)) })
                  : t('review.growth.notYet')}
                {' · '}
                {t('review.growth.fromLesson', { title: isolate(g.lessonTitle) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stats-title">
        <h2 id="stats-title">{t('review.stats.title')}</h2>
        {stats.length === 0 ? (
          <p className="muted">{t('review.stats.empty')}</p>
        ) : (
          <table className="stats-table">
            <thead>
              <tr>
                <th scope="col">{t('review.stats.community')}</th>
                <th scope="col">{t('review.stats.requests')}</th>
                <th scope="col">{t('review.stats.answered')}</th>
                <th scope="col">{t('review.stats.waiting')}</th>
                <th scope="col">{t('review.stats.overdue')}</th>
                <th scope="col">{t('review.stats.median')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.map((s) => (
                <tr key={s.communityId}>
                  <th scope="row" dir="auto">
                    {s.communityName}
                  </th>
                  <td>{formatNumber(s.requests, i18n.language)}</td>
                  <td>{formatNumber(s.answered, i18n.language)}</td>
                  <td>{formatNumber(s.waiting, i18n.language)}</td>
                  <td>{formatNumber(s.overdue, i18n.language)}</td>
                  <td>{s.medianResponseMs === null ? '—' : formatSpan(s.medianResponseMs, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
