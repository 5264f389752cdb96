import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calibration, Draft, LessonReviews, Rubric } from '../../../common/schemas/review';
import { errorMessage } from '../lib/errors';
import { useToasts } from '../store/toasts';
import { CalibrationBox } from './CalibrationBox';
import { DraftEditor } from './DraftEditor';
import { RequestCard } from './RequestCard';
import { RequestForm } from './RequestForm';
import { ReviewView } from './ReviewView';
import { useReviews } from './store';
import './review.css';
import { WithdrawButton } from './WithdrawButton';
import { calibrationActions, reviewActions, rubricActions } from './actions';
import { onStudioEvent } from '../lib/shell';

/**
 * Reviews on the lesson page, under the video: the teacher asks for feedback and answers what came
 * back; the mentor writes their review beside the same notes and timeline; calibration for leads and
 * mentors. It shows nothing on a lesson nobody shared or asked about.
 */
export function ReviewWorkbench({ lessonId }: { lessonId: string }) {
  const { t } = useTranslation();
  const toast = useToasts((s) => s.show);
  const version = useReviews((s) => s.version);
  const [data, setData] = useState<LessonReviews | null>(null);
  const [calibrations, setCalibrations] = useState<Calibration[]>([]);
  const [rubrics, setRubrics] = useState<Map<string, Rubric>>(new Map());
  const [asking, setAsking] = useState(false);
  const fail = useCallback((err: unknown) => toast('error', errorMessage(t, err)), [t, toast]);

  // Loads overlap (a save's answer, a sync, another window's change): only the newest may show, or a
  // slow answer read before a submission would show the review as a draft again.
  const loads = useRef(0);
  const load = useCallback(async () => {
    const asked = (loads.current += 1);
    const [reviews, calibrated] = await Promise.all([reviewActions.forLesson({ lessonId }), calibrationActions.list({ lessonId })]);
    const ids = new Set([...reviews.requests.flatMap((r) => (r.rubricId ? [r.rubricId] : [])), ...calibrated.map((c) => c.rubricId)]);
    const found = await Promise.all([...ids].map((id) => rubricActions.get({ id }).catch(() => null)));
    if (asked !== loads.current) return;
    setRubrics(new Map(found.flatMap((r) => (r ? [[r.id, r] as const] : []))));
    setData(reviews);
    setCalibrations(calibrated);
  }, [lessonId]);

  useEffect(() => {
    load().catch(fail);
  }, [load, version, fail]);
  useEffect(
    () => onStudioEvent('library.changed', ({ lessonIds }) => lessonIds.includes(lessonId) && void load().catch(() => undefined)),
    [lessonId, load],
  );

  if (!data) return null;
  const { requests, draft } = data;
  const draftRequest = draft ? requests.find((r) => r.id === draft.requestId) : undefined;
  // A change's answer shows at once; the reload after it is the truth, should answers cross on the way.
  const setDraft = (next: Draft | null) => {
    setData((current) => current && { ...current, draft: next });
    load().catch(fail);
  };
  const mayReview = data.myRole === 'mentor' || data.myRole === 'lead';
  const claimable = requests.filter((r) => r.canClaim && !r.myDraft);
  const mineSubmitted = requests.flatMap((r) =>
    r.reviews.filter((v) => v.mine && v.status === 'submitted').map((v) => ({ request: r, review: v })),
  );
  const received = requests.filter((r) => r.mine);
  const hasAnything = data.canRequest || requests.length > 0 || calibrations.length > 0 || data.myRole === 'lead';
  if (!hasAnything) return null;

  return (
    <div className="review-workbench">
      {data.canRequest && data.communityId && (
        <section className="review-box" aria-labelledby="ask-title">
          <div className="panel-head">
            <h2 id="ask-title">{t('review.workbench.feedback')}</h2>
            {!asking && (
              <button type="button" className="primary small" onClick={() => setAsking(true)}>
                {t('review.request.open')}
              </button>
            )}
          </div>
          {asking && (
            <RequestForm lessonId={lessonId} communityId={data.communityId} mentors={data.mentors} onDone={() => setAsking(false)} />
          )}
          {received.length === 0 && !asking && <p className="muted small-text">{t('review.workbench.noRequests')}</p>}
          {received.map((r) => (
            <div key={r.id} className="received">
              <RequestCard request={r}>{r.canWithdraw && <WithdrawButton requestId={r.id} onError={fail} />}</RequestCard>
              {r.reviews
                .filter((v) => v.status === 'submitted')
                .map((v) => (
                  <ReviewView key={v.id} review={v} rubric={r.rubricId ? (rubrics.get(r.rubricId) ?? null) : null} asTeacher />
                ))}
            </div>
          ))}
        </section>
      )}

      {draft && draftRequest && (
        <DraftEditor
          draft={draft}
          request={draftRequest}
          rubric={draftRequest.rubricId ? (rubrics.get(draftRequest.rubricId) ?? null) : null}
          onChanged={setDraft}
        />
      )}

      {!draft && mayReview && claimable.length > 0 && (
        <section className="review-box" aria-labelledby="claim-title">
          <h2 id="claim-title">{t('review.workbench.askedHere')}</h2>
          {claimable.map((r) => (
            <RequestCard key={r.id} request={r}>
              <button type="button" className="primary small" onClick={() => reviewActions.claim({ id: r.id }).then(setDraft, fail)}>
                {t(r.forMe ? 'review.inbox.start' : 'review.inbox.claim')}
              </button>
            </RequestCard>
          ))}
        </section>
      )}

      {mineSubmitted
        .filter(({ review }) => review.id !== draft?.id)
        .map(({ request, review }) => (
          <ReviewView
            key={review.id}
            review={review}
            rubric={request.rubricId ? (rubrics.get(request.rubricId) ?? null) : null}
            asTeacher={false}
            onAmend={() => reviewActions.amend({ id: review.id }).then(setDraft, fail)}
          />
        ))}

      {data.communityId && (
        <CalibrationBox
          lessonId={lessonId}
          communityId={data.communityId}
          isLead={data.myRole === 'lead'}
          mayScore={mayReview}
          calibrations={calibrations}
        />
      )}
    </div>
  );
}
