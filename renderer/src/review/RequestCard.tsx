import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../common/review/rubric';
import type { ReviewRequest } from '../../../common/schemas/review';
import { isolate } from './format';
import { DueDate } from './DueDate';

/** One request for feedback, as both inboxes list it; the actions differ by who is looking. */
export function RequestCard({ request, children }: { request: ReviewRequest; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const submitted = request.reviews.filter((r) => r.status === 'submitted').length;
  return (
    <article className={`request-card${request.overdue ? ' is-overdue' : ''}`} aria-labelledby={`request-${request.id}`}>
      <div className="request-head">
        <h3 id={`request-${request.id}`} dir="auto">
          {request.lessonTitle || t('review.untitledLesson')}
        </h3>
        {request.status === 'withdrawn' && <span className="pill pill-muted">{t('review.status.withdrawn')}</span>}
        {submitted > 0 && <span className="pill pill-done">{t('review.status.answered', { count: submitted })}</span>}
        {request.claimedBy && submitted === 0 && request.status === 'open' && (
          <span className="pill">{t('review.status.claimedBy', { name: isolate(request.claimedBy.name || t('review.someone')) })}</span>
        )}
      </div>
      <p className="muted small-text">
        {request.mine
          ? t('review.inCommunity', { community: isolate(request.communityName) })
          : t('review.askedBy', {
              name: isolate(request.requester.name || t('review.someone')),
              community: isolate(request.communityName),
            })}
      </p>
      {request.focus && (
        <p className="focus">
          <span className="focus-label">{t('review.focus')}</span> <bdi>{request.focus}</bdi>
        </p>
      )}
      <p className="request-meta small-text">
        <DueDate dueAt={request.dueAt} dueZone={request.dueZone} overdue={request.overdue} />
        <span>
          {request.rubricTitle
            ? t('review.withRubric', { title: isolate(localize(request.rubricTitle, i18n.language)) })
            : t('review.noRubric')}
        </span>
        <span>
          {request.mentors.length > 0
            ? t('review.sentTo', { names: request.mentors.map((m) => isolate(m.name || t('review.someone'))).join(', ') })
            : t('review.anyMentor')}
        </span>
      </p>
      {request.myDraft?.state === 'rejected' && (
        <p className="error-text small-text" role="status">
          {t('review.draft.rejectedShort', { reason: t(`errors.${request.myDraft.rejection!.code}`, request.myDraft.rejection!.params) })}
        </p>
      )}
      {children && <div className="request-actions">{children}</div>}
    </article>
  );
}
