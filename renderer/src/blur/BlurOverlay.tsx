import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { boxAt } from '../../../common/blur-geometry';
import type { BlurBox } from '../../../common/schemas/blur';
import { errorMessage } from '../lib/errors';
import { formatTimecode } from '../lib/format';
import { usePlayback } from '../store/playback';
import { useToasts } from '../store/toasts';
import { boxLabel } from './BlurLane';
import { useBlur } from './useBlur';
import './blur.css';

/** Where the picture is inside the video element (object-fit: contain leaves bars), relative to the host around the player. */
function pictureRect(video: HTMLVideoElement) {
  const v = video.getBoundingClientRect();
  const host = (video.closest('.blur-host') ?? video).getBoundingClientRect();
  const ratio = video.videoWidth && video.videoHeight ? video.videoWidth / video.videoHeight : v.width / v.height;
  const width = Math.min(v.width, v.height * ratio);
  const height = width / ratio;
  return { left: v.left - host.left + (v.width - width) / 2, top: v.top - host.top + (v.height - height) / 2, width, height };
}

/** The moment the shown frame belongs to, frame by frame while playing (requestVideoFrameCallback). */
function useFrameTime(video: HTMLVideoElement | null): number {
  const [ms, setMs] = useState(0);
  useEffect(() => {
    if (!video) return;
    let handle = 0;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      setMs(meta.mediaTime * 1000);
      handle = video.requestVideoFrameCallback(onFrame);
    };
    handle = video.requestVideoFrameCallback(onFrame);
    const onSeeked = () => setMs(video.currentTime * 1000);
    video.addEventListener('seeked', onSeeked);
    onSeeked();
    return () => {
      video.cancelVideoFrameCallback(handle);
      video.removeEventListener('seeked', onSeeked);
    };
  }, [video]);
  return ms;
}

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/**
 * The regions to blur over the player, as they are on the frame shown. Each is a button (Delete
 * removes it). With the draw or fixed-region tool, dragging on the picture makes a box; Enter makes
 * one in the middle, for the keyboard. Boxes are placed physically (left/top): the picture does not flip.
 */
export function BlurOverlay({ lessonId }: { lessonId: string }) {
  const { t, i18n } = useTranslation();
  const video = usePlayback((s) => s.video);
  const { state, selected, tool, select, remove, draw, addFixed } = useBlur(lessonId);
  const toast = useToasts((s) => s.show);
  const tMs = useFrameTime(video);
  const [rect, setRect] = useState<ReturnType<typeof pictureRect> | null>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const surface = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (!video) return;
    const update = () => setRect(pictureRect(video));
    const observer = new ResizeObserver(update);
    observer.observe(video);
    video.addEventListener('loadedmetadata', update);
    update();
    return () => {
      observer.disconnect();
      video.removeEventListener('loadedmetadata', update);
    };
  }, [video]);

  if (!state || !rect || !video) return null;
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  const commit = (box: BlurBox) => (tool === 'fixed' ? addFixed(box) : draw(video.currentTime * 1000, box)).catch(fail);
  const at = (e: ReactPointerEvent) => {
    const r = surface.current!.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)) };
  };
  const dragBox = drag && {
    x: Math.min(drag.x0, drag.x1),
    y: Math.min(drag.y0, drag.y1),
    w: Math.abs(drag.x1 - drag.x0),
    h: Math.abs(drag.y1 - drag.y0),
  };
  const time = (ms: number) => formatTimecode(ms, i18n.language);
  const shown = state.regions.flatMap((r) => {
    const box = r.removed ? null : boxAt(r, tMs);
    return box ? [{ region: r, box }] : [];
  });

  return (
    <div
      ref={surface}
      className={`blur-overlay${tool !== 'pick' ? ' drawing' : ''}`}
      style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }}
      data-testid="blur-overlay"
      {...(tool !== 'pick' && {
        role: 'application',
        tabIndex: 0,
        'aria-label': t(tool === 'fixed' ? 'blur.overlay.fixedHint' : 'blur.overlay.drawHint'),
        onKeyDown: (e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void commit({ x: 0.4, y: 0.35, w: 0.2, h: 0.3 });
        },
        onPointerDown: (e) => {
          const p = at(e);
          surface.current!.setPointerCapture(e.pointerId);
          setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
        },
        onPointerMove: (e) => drag && setDrag({ ...drag, x1: at(e).x, y1: at(e).y }),
        onPointerUp: () => {
          if (dragBox && dragBox.w > 0.01 && dragBox.h > 0.01) void commit(dragBox);
          setDrag(null);
        },
      })}
    >
      {state.source === 'community' &&
        shown.map(({ region, box }) => (
          <div
            key={region.id}
            role="img"
            className={`blur-box blur-shared blur-${region.source}`}
            aria-label={t(boxLabel('community', region.source), { from: time(region.startMs), to: time(region.endMs) })}
            style={{ left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h) }}
          />
        ))}
      {state.source === 'device' &&
        shown.map(({ region, box }) => (
          <button
            key={region.id}
            type="button"
            className={`blur-box blur-${region.source}`}
            aria-pressed={selected === region.id}
            aria-label={t(`blur.box.${region.source}`, { from: time(region.startMs), to: time(region.endMs) })}
            aria-keyshortcuts="Delete"
            style={{ left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h) }}
            onClick={() => select(region.id)}
            onKeyDown={(e) => {
              if (e.key !== 'Delete' && e.key !== 'Backspace') return;
              e.preventDefault();
              void remove(region.id).catch(fail);
            }}
          />
        ))}
      {dragBox && (
        <div
          className="blur-box blur-drag"
          style={{ left: pct(dragBox.x), top: pct(dragBox.y), width: pct(dragBox.w), height: pct(dragBox.h) }}
        />
      )}
    </div>
  );
}
