import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useCaptions } from '../store/captions';
import { useToasts } from '../store/toasts';

export function CaptionTracks() {
  const { t, i18n } = useTranslation();
  const { tracks, remove } = useCaptions();
  const toast = useToasts((s) => s.show);
  return (
    <>
      <h3>{t('captions.title')}</h3>
      {tracks.length === 0 ? (
        <p className="muted small-text">{t('captions.empty')}</p>
      ) : (
        <ul className="asset-list">
          {tracks.map((track) => (
            <li key={track.id}>
              <span dir="auto">{track.label}</span>{' '}
              <span className="muted small-text">
                {t('captions.cues', { count: track.cueCount, formatted: new Intl.NumberFormat(i18n.language).format(track.cueCount) })}
              </span>{' '}
              <button
                type="button"
                className="small ghost danger"
                onClick={() => remove(track.id).catch((err: unknown) => toast('error', errorMessage(t, err)))}
                aria-label={t('captions.removeOf', { name: track.label })}
              >
                {t('captions.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
