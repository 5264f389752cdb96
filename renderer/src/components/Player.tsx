import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimecode } from '../lib/format';

const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];

export function Player({ src, poster, videoRef, durationMs }: { src: string; poster?: string | undefined; videoRef: RefObject<HTMLVideoElement | null>; durationMs: number | null }) {
  const { t, i18n } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const [currentMs, setCurrentMs] = useState(0);
  const [mediaMs, setMediaMs] = useState(durationMs ?? 0);
  const [volume, setVolume] = useState(1);
  const [muted, setMuted] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [fullscreen, setFullscreen] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const video = () => videoRef.current;
  const seekBy = (deltaMs: number) => {
    const v = video();
    if (v) v.currentTime = Math.max(0, Math.min(v.duration || Infinity, v.currentTime + deltaMs / 1000));
  };
  const totalMs = Number.isFinite(mediaMs) && mediaMs > 0 ? mediaMs : (durationMs ?? 0);

  return (
    <div className="player" data-fullscreen={fullscreen}>
      <video
        ref={videoRef}
        src={src}
        poster={poster}
        preload="metadata"
        aria-label={t('player.label')}
        onClick={() => (video()?.paused ? void video()?.play() : video()?.pause())}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onTimeUpdate={(e) => setCurrentMs(e.currentTarget.currentTime * 1000)}
        onSeeked={(e) => setCurrentMs(e.currentTarget.currentTime * 1000)}
        onLoadedMetadata={(e) => setMediaMs(e.currentTarget.duration * 1000)}
        onDurationChange={(e) => setMediaMs(e.currentTarget.duration * 1000)}
        onVolumeChange={(e) => {
          setVolume(e.currentTarget.volume);
          setMuted(e.currentTarget.muted);
        }}
        onRateChange={(e) => setSpeed(e.currentTarget.playbackRate)}
        onError={() => setFailed(true)}
      />
      {failed && <p className="error-text player-error">{t('player.cannotPlay')}</p>}
      {/* Time flows left to right in every player, so the controls stay LTR even in Arabic. */}
      <div className="controls" dir="ltr">
        <button type="button" className="icon-button" onClick={() => seekBy(-5000)} aria-label={t('player.back5')} title={t('player.back5')}>
          ⏪
        </button>
        <button
          type="button"
          className="icon-button play"
          onClick={() => (playing ? video()?.pause() : void video()?.play())}
          aria-label={playing ? t('player.pause') : t('player.play')}
          title={playing ? t('player.pause') : t('player.play')}
        >
          {playing ? '⏸' : '▶'}
        </button>
        <button type="button" className="icon-button" onClick={() => seekBy(5000)} aria-label={t('player.forward5')} title={t('player.forward5')}>
          ⏩
        </button>
        <input
          type="range"
          className="seek"
          min={0}
          max={Math.max(1, Math.round(totalMs))}
          step={100}
          value={Math.min(currentMs, totalMs)}
          aria-label={t('player.seek')}
          aria-valuetext={formatTimecode(currentMs, i18n.language)}
          onChange={(e) => {
            const v = video();
            if (v) v.currentTime = Number(e.target.value) / 1000;
          }}
        />
        <span className="time" data-testid="player-time">
          {t('player.time', { current: formatTimecode(currentMs, i18n.language), total: formatTimecode(totalMs, i18n.language) })}
        </span>
        <select
          value={speed}
          aria-label={t('player.speed')}
          onChange={(e) => {
            const v = video();
            if (v) v.playbackRate = Number(e.target.value);
          }}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {new Intl.NumberFormat(i18n.language).format(s)}×
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button"
          onClick={() => {
            const v = video();
            if (v) v.muted = !v.muted;
          }}
          aria-label={muted ? t('player.unmute') : t('player.mute')}
          title={muted ? t('player.unmute') : t('player.mute')}
        >
          {muted || volume === 0 ? '🔇' : '🔊'}
        </button>
        <input
          type="range"
          className="volume"
          min={0}
          max={1}
          step={0.05}
          value={muted ? 0 : volume}
          aria-label={t('player.volume')}
          onChange={(e) => {
            const v = video();
            if (!v) return;
            v.volume = Number(e.target.value);
            v.muted = v.volume === 0;
          }}
        />
        <button
          type="button"
          className="icon-button"
          onClick={() => {
            const el = video()?.closest('.player');
            if (document.fullscreenElement) void document.exitFullscreen();
            else void el?.requestFullscreen();
          }}
          aria-label={fullscreen ? t('player.exitFullscreen') : t('player.fullscreen')}
          title={fullscreen ? t('player.exitFullscreen') : t('player.fullscreen')}
        >
          ⛶
        </button>
      </div>
    </div>
  );
}
