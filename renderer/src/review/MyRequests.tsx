import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { formatWhen, isolate } from './format';
import { RequestCard } from './RequestCard';
import { useReviews } from './store';
import { WithdrawButton } from './WithdrawButton';

/** The teacher's side: what they asked for, and the reviews that came back. */
export function MyRequests() {
  const { t, i18n } = useTranslation();
  const mine = useReviews((s) => s.mine);
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  useEffect(
    () =>
      void useReviews
        .getState()
        .loadMine()
        .catch((err: unknown) => toast('error', errorMessage(t, err))),
    [t, toast],
  );

  if (!mine) return <p className="muted">{t('common.loading')}</p>;
  if (mine.length === 0) return <p className="muted">{t('review.mine.empty')}</p>;
  return (
    <ul className="request-list">
      {mine.map((r) => (
        <li key={r.id}>
          <RequestCard request={r}>
            <ul className="review-summaries">
              {r.reviews.map((v) => (
                <li key={v.id}>
                  {v.status === 'submitted'
                    ? t('review.mine.reviewBy', {
                        name: isolate(v.reviewer.name || t('review.someone')),
                        date: isolate(formatWhen(v.submittedAt!, i18n.language)),
                      })
                    : t('review.mine.inProgressBy', { name: isolate(v.reviewer.name || t('review.someone')) })}
                  {v.plan && <span className="pill pill-done">{t('review.mine.planned', { count: v.plan.goals.length })}</span>}
                </li>
              ))}
            </ul>
            <span className="spacer" />
            <button
              type="button"
              className="small"
              onClick={() => go({ name: 'lesson', id: r.lessonId })}
              aria-label={t('review.mine.openFor', { title: r.lessonTitle })}
            >
              {t('review.mine.open')}
            </button>
            {r.canWithdraw && (
              <WithdrawButton requestId={r.id} ariaLabel={t('review.mine.withdrawFor', { title: r.lessonTitle })} onError={fail} />
            )}
          </RequestCard>
        </li>
      ))}
    </ul>
  );
}
