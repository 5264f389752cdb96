import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimecode } from '../lib/format';
import { mediaProblem, type MediaProblem } from '../lib/media-problem';
import type { LoadedTrack } from '../store/captions';
import { SPEEDS, usePlayback } from '../store/playback';

interface Props {
  src: string;
  poster?: string | undefined;
  videoRef: RefObject<HTMLVideoElement | null>;
  durationMs: number | null;
  tracks: LoadedTrack[];
  onMediaDuration(ms: number): void;
}

export function Player({ src, poster, videoRef, durationMs, tracks, onMediaDuration }: Props) {
  const { t, i18n } = useTranslation();
  const { playing, currentMs, rate: speed, attach, sync } = usePlayback();
  const [mediaMs, setMediaMs] = useState(durationMs ?? 0);
  const [volume, setVolume] = useState(1);
  const [muted, setMuted] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const [problem, setProblem] = useState<MediaProblem | null>(null);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  useEffect(() => {
    attach(videoRef.current);
    return () => attach(null);
  }, [attach, videoRef, src]);

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
        onPlay={sync}
        onPause={sync}
        onTimeUpdate={sync}
        onSeeked={sync}
        onLoadedMetadata={(e) => {
          setMediaMs(e.currentTarget.duration * 1000);
          onMediaDuration(e.currentTarget.duration * 1000);
        }}
        onDurationChange={(e) => {
          setMediaMs(e.currentTarget.duration * 1000);
          onMediaDuration(e.currentTarget.duration * 1000);
        }}
        onVolumeChange={(e) => {
          setVolume(e.currentTarget.volume);
          setMuted(e.currentTarget.muted);
        }}
        onRateChange={sync}
        onError={(e) => setProblem(mediaProblem(e.currentTarget.error))}
        onLoadStart={() => setProblem(null)}
      >
        {tracks.map((track, i) => (
          <track
            key={track.id}
            kind="captions"
            src={track.url}
            label={track.label}
            srcLang={track.language || undefined}
            default={i === 0}
          />
        ))}
      </video>
      {problem && (
        <div className="error-text player-error" role="alert">
          <p>{t(`player.problems.${problem}.reason`)}</p>
          <p>{t(`player.problems.${problem}.next`)}</p>
          {problem === 'network' && (
            <button type="button" className="small" onClick={() => video()?.load()}>
              {t('player.tryAgain')}
            </button>
          )}
        </div>
      )}
      {/* Time flows left to right in every player, so the controls stay LTR even in Arabic. */}
      <div className="controls" dir="ltr">
        <button
          type="button"
          className="icon-button"
          onClick={() => seekBy(-5000)}
          aria-label={t('player.back5')}
          title={t('player.back5')}
        >
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
        <button
          type="button"
          className="icon-button"
          onClick={() => seekBy(5000)}
          aria-label={t('player.forward5')}
          title={t('player.forward5')}
        >
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
