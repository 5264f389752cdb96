import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Updates a few times a second are enough to see that the microphone hears you, and cost nothing. */
const UPDATE_MS = 80;
/** Levels from -60 dB (silence, for a meter) to 0 dB (full scale). */
const FLOOR_DB = -60;

/** A live microphone level, so a teacher sees before recording that the right microphone hears them. */
export function LevelMeter({ stream }: { stream: MediaStream | null }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState(0);

  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    if (!stream || !track) return;
    const audio = new AudioContext();
    const source = audio.createMediaStreamSource(new MediaStream([track]));
    const analyser = audio.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const db = 10 * Math.log10(sum / samples.length || 1e-12);
      setLevel(Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB)));
    }, UPDATE_MS);
    // A context made before any click may start suspended.
    void audio.resume();
    return () => {
      clearInterval(timer);
      source.disconnect();
      void audio.close();
      setLevel(0);
    };
  }, [stream]);

  return (
    <div className="level-meter">
      <span id="mic-level-label">{t('record.micLevel')}</span>
      <meter aria-labelledby="mic-level-label" min={0} max={1} low={0.7} high={0.9} optimum={0.4} value={level} />
    </div>
  );
}
