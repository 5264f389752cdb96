import { useEffect, useRef } from 'react';
import { percentAt } from '../lib/timeline';
import { usePlayback } from '../store/playback';

/**
 * The line at the current moment. While playing it follows the video every frame by writing its
 * own style, so the rest of the timeline does not re-render sixty times a second.
 */
export function Playhead({ durationMs }: { durationMs: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const playing = usePlayback((s) => s.playing);
  const currentMs = usePlayback((s) => s.currentMs);
  useEffect(() => {
    const place = (ms: number) => ref.current?.style.setProperty('inset-inline-start', `${percentAt(ms, durationMs)}%`);
    place(currentMs);
    if (!playing) return;
    let frame = requestAnimationFrame(function tick() {
      const v = usePlayback.getState().video;
      if (v) place(v.currentTime * 1000);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, currentMs, durationMs]);
  return <div ref={ref} className="playhead" aria-hidden="true" />;
}
