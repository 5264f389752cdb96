import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../../common/schemas/review';
import { useRoute, type Route } from '../store/route';
import { formatWhen, isolate } from './format';
import { useReviews } from './store';
import { noticeActions } from './actions';

/** Where a notice leads: the lesson for anything about one lesson, else the inbox. */
export function noticeRoute(n: Notification): Route {
  return n.lessonId ? { name: 'lesson', id: n.lessonId } : { name: 'reviews', tab: 'inbox' };
}

export function noticeText(t: TFunction, n: Notification): string {
  return t(`review.notices.${n.kind}`, {
    name: isolate(n.actor?.name || t('review.someone')),
    title: isolate(n.lessonTitle || t('review.untitledLesson')),
  });
}

/** The in-app inbox of notices: new requests, submitted reviews, replies, due dates drawing near. */
export function Notices() {
  const { t, i18n } = useTranslation();
  const { notices, unread } = useReviews();
  const go = useRoute((s) => s.go);
  useEffect(() => void useReviews.getState().loadNotices(), []);

  const open = (n: Notification) => {
    void noticeActions.read({ ids: [n.id] });
    go(noticeRoute(n));
  };
  return (
    <section aria-labelledby="notices-title">
      <div className="panel-head">
        <h2 id="notices-title">{t('review.notices.title')}</h2>
        <button type="button" className="small" disabled={unread === 0} onClick={() => void noticeActions.read({})}>
          {t('review.notices.readAll')}
        </button>
      </div>
      {notices.length === 0 && <p className="muted">{t('review.notices.empty')}</p>}
      <ul className="notice-list">
        {notices.map((n) => (
          <li key={n.id} className={n.readAt === null ? 'unread' : undefined}>
            <button type="button" className="notice" onClick={() => open(n)}>
              <span className={`notice-kind notice-${n.kind}`}>{t(`review.notices.kinds.${n.kind}`)}</span>
              <span dir="auto">{noticeText(t, n)}</span>
              <span className="muted small-text">{formatWhen(n.createdAt, i18n.language)}</span>
              {n.readAt === null && <span className="visually-hidden">{t('review.notices.unread')}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
