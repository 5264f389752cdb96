import { useTranslation } from 'react-i18next';
import { formatTimecode } from '../lib/format';
import { useRoute } from '../store/route';
import { useRecording } from './session';
import './recording.css';

/** Elsewhere in the app a recording keeps going; the header says so and leads back to it. */
export function RecordingIndicator() {
  const { t, i18n } = useTranslation();
  const { route, go } = useRoute();
  const phase = useRecording((s) => s.phase);
  const elapsedMs = useRecording((s) => s.elapsedMs);
  if (route.name === 'record' || (phase !== 'recording' && phase !== 'paused')) return null;
  const time = formatTimecode(elapsedMs, i18n.language);
  return (
    <button type="button" className={`recording-indicator rec-${phase}`} onClick={() => go({ name: 'record' })}>
      <span className="rec-dot" aria-hidden="true" />
      {t(phase === 'paused' ? 'record.indicatorPaused' : 'record.indicator', { time })}
    </button>
  );
}
