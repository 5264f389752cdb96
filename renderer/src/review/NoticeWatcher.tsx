import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import { noticeRoute, noticeText } from './Notices';
import { useReviews } from './store';
import { UnreadBadge } from './UnreadBadge';
import { noticeActions } from './actions';
import { onStudioEvent, shell } from '../lib/shell';

/** At most this many desktop notices for one batch (a first sync can bring many): the inbox has the rest. */
const DESKTOP_LIMIT = 3;

/**
 * Tells the person about new notices: a toast in the page, and in the desktop app a system notice
 * (written here, in their language; the shell shows it and reports a click back to open the screen).
 */
export function NoticeWatcher() {
  const { t } = useTranslation();
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  useEffect(() => {
    void useReviews
      .getState()
      .loadNotices()
      .catch(() => undefined);
    const offNew = onStudioEvent('notifications.new', ({ items }) => {
      for (const n of items.slice(0, DESKTOP_LIMIT)) {
        toast('info', noticeText(t, n));
        if (shell === 'electron')
          void noticeActions
            .present({ id: n.id, title: t(`review.notices.kinds.${n.kind}`), body: noticeText(t, n) })
            .catch(() => undefined);
      }
    });
    const offOpen = onStudioEvent('notifications.open', ({ id }) => {
      const notice = useReviews.getState().notices.find((n) => n.id === id);
      void noticeActions.read({ ids: [id] }).catch(() => undefined);
      go(notice ? noticeRoute(notice) : { name: 'reviews', tab: 'notices' });
    });
    return () => {
      offNew();
      offOpen();
    };
  }, [t, go, toast]);
  return null;
}

/** The header's way into reviews, with the count of unread notices. */
export function ReviewsNavButton({ current }: { current: boolean }) {
  const { t } = useTranslation();
  const go = useRoute((s) => s.go);
  const unread = useReviews((s) => s.unread);
  return (
    <button
      type="button"
      className="nav-link"
      aria-current={current ? 'page' : undefined}
      onClick={() => go({ name: 'reviews', tab: unread > 0 ? 'notices' : 'inbox' })}
    >
      {t('review.nav')}
      <UnreadBadge count={unread} />
    </button>
  );
}
