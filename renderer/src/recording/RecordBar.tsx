import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../common/schemas/settings';
import { formatTimecode } from '../lib/format';
import { askConfirm } from '../store/confirm';
import { useRecording } from './session';

/**
 * Under the preview, like a camera's shutter: the start button while setting up; the timer, pause and
 * resume, stop, and discard (asked twice) while recording.
 */
export function RecordBar({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const { phase, inputs, screen, problem, elapsedMs, pausedForMs, begin, pause, resume, stop, discard } = useRecording();
  const time = (ms: number) => formatTimecode(ms, i18n.language);

  if (phase === 'setup' || phase === 'countdown') {
    const needsScreen = settings.recordMode !== 'camera';
    const ready = phase === 'setup' && Boolean(inputs) && (!needsScreen || Boolean(screen)) && !problem;
    const hint = problem ? null : !inputs ? 'record.opening' : needsScreen && !screen ? 'record.noScreenYet' : null;
    return (
      <div className="record-bar">
        <button
          type="button"
          className="primary record-start"
          disabled={!ready}
          onClick={() => begin({ mode: settings.recordMode, resolution: settings.recordResolution, limitMin: settings.recordTimeLimitMin })}
        >
          <span className="rec-dot" aria-hidden="true" />
          {t('record.start')}
        </button>
        {hint && <span className="muted">{t(hint)}</span>}
      </div>
    );
  }

  const stopping = phase === 'stopping';
  return (
    <div className="record-bar-wrap">
      <div className={`record-bar rec-${phase}`}>
        <span className="rec-state">
          <span className="rec-dot" aria-hidden="true" />
          {t(stopping ? 'record.saving' : phase === 'paused' ? 'record.paused' : 'record.recording')}
        </span>
        <span className="rec-timer" role="timer" aria-label={t('record.elapsed')}>
          {time(elapsedMs)}
        </span>
        {phase === 'paused' && <span className="muted">{t('record.pausedFor', { time: time(pausedForMs) })}</span>}
        <span className="spacer" />
        {phase === 'paused' ? (
          <button type="button" onClick={() => void resume()}>
            {t('record.resume')}
          </button>
        ) : (
          <button type="button" onClick={() => void pause()} disabled={stopping}>
            {t('record.pause')}
          </button>
        )}
        <button type="button" className="primary" onClick={() => void stop()} disabled={stopping}>
          {t('record.stop')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={stopping}
          onClick={async () => {
            const confirmed = await askConfirm({
              message: t('record.confirmDiscard'),
              confirmLabel: t('record.confirmDiscardButton'),
              cancelLabel: t('record.keepRecording'),
            });
            // The recording may have stopped (its time limit) while the question was open.
            const { phase: now } = useRecording.getState();
            if (confirmed && (now === 'recording' || now === 'paused')) void discard();
          }}
        >
          {t('record.discard')}
        </button>
      </div>
    </div>
  );
}
