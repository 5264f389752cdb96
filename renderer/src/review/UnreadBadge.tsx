import { useTranslation } from 'react-i18next';

/** The count of unread notices; screen readers hear it as words ("3 unread"), not a bare number. */
export function UnreadBadge({ count }: { count: number }) {
  const { t, i18n } = useTranslation();
  if (count === 0) return null;
  return (
    <span className="badge badge-error">
      <span aria-hidden="true">{new Intl.NumberFormat(i18n.language).format(count)}</span>
      <span className="visually-hidden">{t('review.notices.unreadCount', { count })}</span>
    </span>
  );
}
