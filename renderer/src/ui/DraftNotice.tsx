import { useTranslation } from 'react-i18next';
import type { DraftText } from '../lib/draft-text';

/** Said by every editor whose record changed elsewhere while the person was typing: the text is kept. */
export function DraftNotice({ draft }: { draft: Pick<DraftText<unknown>, 'changedUnderneath' | 'discard'> }) {
  const { t } = useTranslation();
  if (!draft.changedUnderneath) return null;
  return (
    <p className="banner draft-notice" role="status">
      {t('drafts.changedUnderneath')}{' '}
      <button type="button" className="small ghost" onClick={draft.discard}>
        {t('drafts.useTheirs')}
      </button>
    </p>
  );
}
