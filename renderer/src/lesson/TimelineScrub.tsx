import { memo, useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimecode } from '../lib/format';
import { msAtPointer, seekStepMs } from '../lib/timeline';
import { usePlayback } from '../store/playback';

interface Props {
  durationMs: number;
  zoom: number;
  viewport: RefObject<HTMLDivElement | null>;
  content: RefObject<HTMLDivElement | null>;
  onHover(ms: number | null): void;
  children: ReactNode;
}

/**
 * The lane that seeks: a click jumps, a drag scrubs, Home/End go to either end. It alone follows the
 * current time (for its slider value and, when zoomed, to keep the playhead in view), so the rest of
 * the timeline does not re-render as the video plays.
 */
export const TimelineScrub = memo(function TimelineScrub({ durationMs, zoom, viewport, content, onHover, children }: Props) {
  const { t, i18n } = useTranslation();
  const seek = usePlayback((s) => s.seek);
  const currentMs = usePlayback((s) => s.currentMs);
  const scrubbing = useRef(false);

  useEffect(() => {
    const v = viewport.current;
    if (!v || zoom === 1 || durationMs <= 0) return;
    const x = (currentMs / durationMs) * v.scrollWidth;
    if (x < v.scrollLeft || x > v.scrollLeft + v.clientWidth) v.scrollLeft = Math.max(0, x - v.clientWidth * 0.1);
  }, [currentMs, zoom, durationMs, viewport]);

  const at = (clientX: number) => msAtPointer(clientX, content.current!.getBoundingClientRect(), durationMs);
  return (
    <div
      className="timeline-scrub"
      role="slider"
      tabIndex={0}
      aria-label={t('timeline.seek')}
      aria-valuemin={0}
      aria-valuemax={Math.round(durationMs)}
      aria-valuenow={Math.round(currentMs)}
      aria-valuetext={formatTimecode(currentMs, i18n.language)}
      onKeyDown={(e) => {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        // Taken here (default prevented) so the workspace's own arrow keys, a frame at a time, do not also run.
        const step = seekStepMs(e.key, e.shiftKey);
        if (step !== null) {
          e.preventDefault();
          seek(Math.min(durationMs, Math.max(0, usePlayback.getState().nowMs() + step)));
        } else if (e.key === 'Home' || e.key === 'End') {
          e.preventDefault();
          seek(e.key === 'Home' ? 0 : durationMs);
        }
      }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        scrubbing.current = true;
        seek(at(e.clientX));
      }}
      onPointerMove={(e) => {
        const ms = at(e.clientX);
        onHover(ms);
        if (scrubbing.current) seek(ms);
      }}
      onPointerUp={() => (scrubbing.current = false)}
      onPointerLeave={() => onHover(null)}
    >
      {children}
    </div>
  );
});
