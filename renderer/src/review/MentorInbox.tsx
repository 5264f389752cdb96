import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import type { ReviewRequest } from '../../../common/schemas/review';
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
      <InboxSection
        id="inbox-for-me"
        heading={t('review.inbox.forMe')}
        empty={t('review.inbox.forMeEmpty')}
        requests={inbox.forMe}
        action={(r) => ({
          text: t(r.myDraft ? 'review.inbox.continue' : 'review.inbox.start'),
          label: t(r.myDraft ? 'review.inbox.continueFor' : 'review.inbox.startFor', { title: r.lessonTitle }),
          run: () => (r.myDraft ? open(r.lessonId) : claim(r.id, r.lessonId)),
        })}
      />
      <InboxSection
        id="inbox-open"
        heading={t('review.inbox.open')}
        empty={t('review.inbox.openEmpty')}
        requests={inbox.open}
        action={(r) => ({
          text: t('review.inbox.claim'),
          label: t('review.inbox.claimFor', { title: r.lessonTitle }),
          run: () => claim(r.id, r.lessonId),
        })}
      />
    </div>
  );
}

interface InboxSectionProps {
  id: string;
  heading: string;
  empty: string;
  requests: ReviewRequest[];
  /** The button each request shows: its text, its accessible name and what it does. */
  action(r: ReviewRequest): { text: string; label: string; run(): void };
}

/** One list of the inbox: its heading, a line when it is empty, and each request with its action. */
function InboxSection({ id, heading, empty, requests, action }: InboxSectionProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {requests.length === 0 && <p className="muted">{empty}</p>}
      <ul className="request-list">
        {requests.map((r) => {
          const a = action(r);
          return (
            <li key={r.id}>
              <RequestCard request={r}>
                <button type="button" className="primary small" disabled={!r.lessonHere} onClick={a.run} aria-label={a.label}>
                  {a.text}
                </button>
                {!r.lessonHere && <span className="muted small-text">{t('review.inbox.notHereYet')}</span>}
              </RequestCard>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
