import { useTranslation } from 'react-i18next';
import type { TransferState } from '../../../common/schemas/sharing';
import { transferActions } from './actions';

/** Where a lesson from a community stands on this device, with a button to fetch it when it is not here. */
export function DownloadState({ lessonId, state, title }: { lessonId: string; state: TransferState | null; title: string }) {
  const { t } = useTranslation();
  if (state === 'done') return <span className="download-state download-done">{t('share.download.done')}</span>;
  if (state === null || state === 'failed' || state === 'paused') {
    return (
      <span className="download-state">
        {state && <span className="muted small-text">{t(`share.download.${state}`)} </span>}
        <button
          type="button"
          className="small"
          onClick={() => void transferActions.download({ lessonId })}
          aria-label={t('share.downloadNamed', { title })}
        >
          {t('share.downloadNow')}
        </button>
      </span>
    );
  }
  return <span className="download-state download-busy">{t(`share.download.${state}`)}</span>;
}
