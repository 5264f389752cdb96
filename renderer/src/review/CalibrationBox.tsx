import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlainScore } from '../../../common/review/records';
import { localize } from '../../../common/review/rubric';
import type { Calibration, Rubric } from '../../../common/schemas/review';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { AgreementResults } from './AgreementResults';
import { formatRate } from './format';
import { RubricScorer } from './RubricScorer';
import { askConfirm } from '../store/confirm';
import { calibrationActions } from './actions';
import { RubricOptions } from './RubricOptions';
import { useOwnRubrics } from './useOwnRubrics';

interface Props {
  lessonId: string;
  communityId: string;
  isLead: boolean;
  mayScore: boolean;
  calibrations: Calibration[];
}

/**
 * Calibration on a lesson: the lead marks it as an exemplar with reference scores; mentors score it
 * blind (the reference stays hidden until their own scores are in, and those are final); each then
 * sees how close they came, and the lead sees agreement across mentors.
 */
export function CalibrationBox({ lessonId, communityId, isLead, mayScore, calibrations }: Props) {
  const { t, i18n } = useTranslation();
  const toast = useToasts((s) => s.show);
  const { rubrics, rubricId, setRubricId } = useOwnRubrics(communityId);
  const [marking, setMarking] = useState(false);
  const [scores, setScores] = useState<PlainScore[]>([]);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const rubricOf = (id: string) => rubrics.find((r) => r.id === id) ?? null;
  const complete = (rubric: Rubric | null) =>
    rubric !== null && rubric.scale.criteria.every((c) => scores.some((s) => s.criterion === c.code));

  const calibration = calibrations[0];
  if (!calibration) {
    if (!isLead) return null;
    const rubric = rubricOf(rubricId);
    return (
      <section className="review-box calibration" aria-labelledby="calibration-title">
        <h2 id="calibration-title">{t('review.calibration.title')}</h2>
        {!marking ? (
          <button type="button" onClick={() => setMarking(true)} disabled={rubrics.length === 0}>
            {t('review.calibration.mark')}
          </button>
        ) : (
          <>
            <p className="muted small-text">{t('review.calibration.markHint')}</p>
            <label className="inline-field">
              {t('review.request.rubric')}
              <select
                value={rubricId}
                onChange={(e) => {
                  setRubricId(e.target.value);
                  setScores([]);
                }}
              >
                <RubricOptions rubrics={rubrics} />
              </select>
            </label>
            {rubric && (
              <RubricScorer
                idPrefix="reference"
                scale={rubric.scale}
                scores={scores}
                onChange={(next) => setScores(next.map(({ criterion, level }) => ({ criterion, level })))}
              />
            )}
            <div className="composer-actions">
              <button type="button" onClick={() => setMarking(false)}>
                {t('notes.cancel')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={!complete(rubric)}
                onClick={() => calibrationActions.mark({ lessonId, rubricId, reference: scores }).then(() => setMarking(false), fail)}
              >
                {t('review.calibration.saveReference')}
              </button>
            </div>
          </>
        )}
        {rubrics.length === 0 && <p className="muted small-text">{t('review.calibration.needRubric')}</p>}
      </section>
    );
  }

  const rubric = rubricOf(calibration.rubricId);
  return (
    <section className="review-box calibration" aria-labelledby="calibration-title">
      <h2 id="calibration-title">{t('review.calibration.exemplar')}</h2>
      {calibration.iAmLead && calibration.results && <AgreementResults calibration={calibration} />}
      {!calibration.iAmLead && calibration.myScores === null && mayScore && rubric && (
        <>
          <p className="muted small-text">{t('review.calibration.blindHint')}</p>
          <RubricScorer
            idPrefix="calibration"
            scale={rubric.scale}
            scores={scores}
            onChange={(next) => setScores(next.map(({ criterion, level }) => ({ criterion, level })))}
          />
          <div className="composer-actions">
            <button
              type="button"
              className="primary"
              disabled={!complete(rubric)}
              onClick={async () => {
                if (await askConfirm({ message: t('review.calibration.confirmFinal'), confirmLabel: t('review.calibration.submit') }))
                  calibrationActions.score({ id: calibration.id, scores }).catch(fail);
              }}
            >
              {t('review.calibration.submit')}
            </button>
          </div>
        </>
      )}
      {calibration.myScores && calibration.reference && calibration.myAgreement && rubric && (
        <div className="agreement-mine">
          <p role="status">
            {t('review.calibration.yourAgreement', {
              exact: formatRate(calibration.myAgreement.exactRate, i18n.language),
              adjacent: formatRate(calibration.myAgreement.adjacentRate, i18n.language),
            })}
          </p>
          <table className="score-table">
            <thead>
              <tr>
                <th scope="col">{t('review.view.criterion')}</th>
                <th scope="col">{t('review.calibration.yours')}</th>
                <th scope="col">{t('review.calibration.reference')}</th>
              </tr>
            </thead>
            <tbody>
              {rubric.scale.criteria.map((c) => (
                <tr key={c.code}>
                  <th scope="row" dir="auto">
                    {localize(c.label, i18n.language)}
                  </th>
                  <td>{calibration.myScores!.find((s) => s.criterion === c.code)?.level ?? '—'}</td>
                  <td>{calibration.reference!.find((s) => s.criterion === c.code)?.level ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
