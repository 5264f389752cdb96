import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { RequestCard } from './RequestCard';
import { useReviews } from './store';
import { reviewActions } from './actions';

/** Requests sent to the mentor (or taken by them) and open ones in their communities, soonest due first. */
export function MentorInbox() {
  const { t } = useTranslation();
  const inbox = useReviews((s) => s.inbox);
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  useEffect(
    () =>
      void useReviews
        .getState()
        .loadInbox()
        .catch((err: unknown) => toast('error', errorMessage(t, err))),
    [t, toast],
  );

  if (!inbox) return <p className="muted">{t('common.loading')}</p>;
  const open = (lessonId: string) => go({ name: 'lesson', id: lessonId });
  const claim = (requestId: string, lessonId: string) =>
    reviewActions
      .claim({ id: requestId })
      .then(() => open(lessonId))
      .catch((err: unknown) => toast('error', errorMessage(t, err)));

  return (
    <div className="inbox">
      <section aria-labelledby="inbox-for-me">
        <h2 id="inbox-for-me">{t('review.inbox.forMe')}</h2>
        {inbox.forMe.length === 0 && <p className="muted">{t('review.inbox.forMeEmpty')}</p>}
        <ul className="request-list">
          {inbox.forMe.map((r) => (
            <li key={r.id}>
              <RequestCard request={r}>
                <button
                  type="button"
                  className="primary small"
                  disabled={!r.lessonHere}
                  onClick={() => (r.myDraft ? open(r.lessonId) : claim(r.id, r.lessonId))}
                  aria-label={t(r.myDraft ? 'review.inbox.continueFor' : 'review.inbox.startFor', { title: r.lessonTitle })}
                >
                  {t(r.myDraft ? 'review.inbox.continue' : 'review.inbox.start')}
                </button>
                {!r.lessonHere && <span className="muted small-text">{t('review.inbox.notHereYet')}</span>}
              </RequestCard>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="inbox-open">
        <h2 id="inbox-open">{t('review.inbox.open')}</h2>
        {inbox.open.length === 0 && <p className="muted">{t('review.inbox.openEmpty')}</p>}
        <ul className="request-list">
          {inbox.open.map((r) => (
            <li key={r.id}>
              <RequestCard request={r}>
                <button
                  type="button"
                  className="primary small"
                  disabled={!r.lessonHere}
                  onClick={() => claim(r.id, r.lessonId)}
                  aria-label={t('review.inbox.claimFor', { title: r.lessonTitle })}
                >
                  {t('review.inbox.claim')}
                </button>
                {!r.lessonHere && <span className="muted small-text">{t('review.inbox.notHereYet')}</span>}
              </RequestCard>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
