import { useTranslation } from 'react-i18next';
import { formatBytes, formatTimecode } from '../lib/format';
import { LevelMeter } from './LevelMeter';
import { useRecording } from './session';
import { TitleField } from './TitleField';

const WARN_BEFORE_MS = 60_000;

/** Beside the preview while recording: the title, the time limit, what is safely on disk, the level. */
export function RecordingPanel() {
  const { t, i18n } = useTranslation();
  const { phase, elapsedMs, saved, limitMs, inputs } = useRecording();
  const time = (ms: number) => formatTimecode(ms, i18n.language);
  const leftMs = limitMs === null ? null : Math.max(0, limitMs - elapsedMs);

  return (
    <div className="record-details">
      {limitMs !== null && leftMs !== null && (
        <>
          <p>{t('record.limitInfo', { limit: time(limitMs), left: time(leftMs) })}</p>
          {leftMs <= WARN_BEFORE_MS && phase !== 'stopping' && (
            <p className="rec-warning" role="alert">
              {t('record.limitWarning', { limit: time(limitMs) })}
            </p>
          )}
        </>
      )}
      <p className="muted">{t('record.savedSize', { size: formatBytes(saved.bytes, i18n.language), time: time(saved.chunks * 1000) })}</p>
      <TitleField />
      <LevelMeter stream={inputs} />
    </div>
  );
}
