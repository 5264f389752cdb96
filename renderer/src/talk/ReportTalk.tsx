import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TalkAnalysis } from '../../../common/schemas/talk';
import { talkActions } from './actions';
import { figureRows } from './figure-rows';
import './talk.css';

/**
 * The talk analysis in the feedback report: its figures, each with its sentence. The analysis is
 * private, so the report shows it only when the teacher ticks the box (and prints what it shows).
 */
export function ReportTalk({ lessonId }: { lessonId: string }) {
  const { t, i18n } = useTranslation();
  const [analysis, setAnalysis] = useState<TalkAnalysis | null>(null);
  const [included, setIncluded] = useState(false);

  useEffect(() => {
    let live = true;
    talkActions.get({ lessonId }).then(
      (a) => live && setAnalysis(a),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [lessonId]);

  if (!analysis?.figures || analysis.segments.length === 0) return null;
  return (
    <>
      <label className="report-include">
        <input type="checkbox" checked={included} onChange={(e) => setIncluded(e.target.checked)} />
        <span>{t('report.includeTalk')}</span>
      </label>
      {included && (
        <section className="report-group report-talk" aria-labelledby="report-talk">
          <h2 id="report-talk">{t('talk.title')}</h2>
          <dl className="talk-figures">
            {figureRows(t, analysis.figures, i18n.language, analysis.twoAdults).map(([key, value, explain]) => (
              <div key={key} className="talk-figure" data-figure={key}>
                <dt>{t(`talk.figures.${key}`)}</dt>
                <dd>
                  <strong className="talk-value">{value}</strong> <span className="muted small-text">{explain}</span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}
