import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calibration } from '../../../common/schemas/review';
import { useRoute } from '../store/route';
import { AgreementResults } from './AgreementResults';
import { formatDay, formatRate, isolate } from './format';
import { useReviews } from './store';
import { calibrationActions } from './actions';

/** Every calibration exemplar: for mentors, which to score (blind) and how close they came; for leads, agreement. */
export function CalibrationPanel() {
  const { t, i18n } = useTranslation();
  const version = useReviews((s) => s.version);
  const go = useRoute((s) => s.go);
  const [list, setList] = useState<Calibration[] | null>(null);
  useEffect(() => {
    calibrationActions.list({}).then(setList, () => setList([]));
  }, [version]);

  if (!list) return <p className="muted">{t('common.loading')}</p>;
  if (list.length === 0) return <p className="muted">{t('review.calibration.none')}</p>;
  return (
    <ul className="request-list">
      {list.map((c) => (
        <li key={c.id}>
          <article className="request-card" aria-labelledby={`calibration-${c.id}`}>
            <div className="request-head">
              <h3 id={`calibration-${c.id}`} dir="auto">
                {c.lessonTitle || t('review.untitledLesson')}
              </h3>
              <span className="pill">
                {t('review.calibration.markedBy', {
                  name: isolate(c.lead.name || t('review.someone')),
                  date: isolate(formatDay(c.createdAt, i18n.language)),
                })}
              </span>
            </div>
            {c.iAmLead && c.results && <AgreementResults calibration={c} />}
            {!c.iAmLead && c.myAgreement && (
              <p>
                {t('review.calibration.yourAgreement', {
                  exact: formatRate(c.myAgreement.exactRate, i18n.language),
                  adjacent: formatRate(c.myAgreement.adjacentRate, i18n.language),
                })}
              </p>
            )}
            {!c.iAmLead && !c.myScores && <p className="muted">{t('review.calibration.toScore')}</p>}
            <div className="request-actions">
              <button
                type="button"
                className="small"
                disabled={!c.lessonHere}
                onClick={() => go({ name: 'lesson', id: c.lessonId })}
                aria-label={t('review.mine.openFor', { title: c.lessonTitle })}
              >
                {t('review.mine.open')}
              </button>
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}
