import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code } from '../../../common/schemas/coding';
import type { Lesson } from '../../../common/schemas/lesson';
import type { Note } from '../../../common/schemas/note';
import { formatTimecode } from '../lib/format';
import { assetOf, loadPeaks, loadSprite, spriteTile, type Peaks, type Sprite } from '../lib/media-json';
import { msAtPointer, percentAt, rangeRows, tickStepMs } from '../lib/timeline';
import { usePlayback } from '../store/playback';
import { useWorkspace, ZOOM_LEVELS } from '../store/workspace';
import { Playhead } from './Playhead';
import { ROW_PX, TimelineMarkers } from './TimelineMarkers';
import { TimelineScrub } from './TimelineScrub';
import { Waveform } from './Waveform';

const RANGE_ROWS = 3;
/** A drag shorter than this on the notes lane is a click (seek), not a range. */
const MIN_DRAG_PX = 4;

interface Props {
  lesson: Lesson;
  durationMs: number;
  notes: Note[];
  codes: Map<string, Code>;
  onRange(startMs: number, endMs: number): void;
  /** Lanes drawn under the notes, on the same zoomed time axis (the talk lane). */
  children?: ReactNode;
}

export function Timeline({ lesson, durationMs, notes, codes, onRange, children }: Props) {
  const { t, i18n } = useTranslation();
  const seek = usePlayback((s) => s.seek);
  const zoom = useWorkspace((s) => s.zoom);
  const inMs = useWorkspace((s) => s.inMs);
  const draft = useWorkspace((s) => s.draft);
  const zoomBy = useWorkspace((s) => s.zoomBy);
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const [widthPx, setWidthPx] = useState(0);
  const [peaks, setPeaks] = useState<Peaks | null>(null);
  const [sprite, setSprite] = useState<Sprite | null>(null);
  const [hoverMs, setHoverMs] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ fromMs: number; toMs: number; fromX: number; moved: boolean } | null>(null);
  const onHover = useCallback((ms: number | null) => setHoverMs(ms), []);

  const peaksId = assetOf(lesson, 'peaks');
  const spriteIndexId = assetOf(lesson, 'sprite_index');
  const spriteImageId = assetOf(lesson, 'sprite');
  useEffect(() => {
    let live = true;
    if (peaksId) void loadPeaks(peaksId).then((p) => live && setPeaks(p));
    return () => {
      live = false;
    };
  }, [peaksId]);
  useEffect(() => {
    let live = true;
    if (spriteIndexId && spriteImageId) void loadSprite(spriteIndexId, spriteImageId).then((s) => live && setSprite(s));
    return () => {
      live = false;
    };
  }, [spriteIndexId, spriteImageId]);

  useEffect(() => {
    const el = content.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidthPx(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const topLevel = useMemo(() => notes.filter((n) => n.parentId === null), [notes]);
  const rows = useMemo(() => rangeRows(topLevel, RANGE_ROWS), [topLevel]);
  const usedRows = rows.size ? Math.max(...rows.values()) + 1 : 0;
  const step = tickStepMs(durationMs, widthPx || 800);
  const ticks = durationMs > 0 ? Array.from({ length: Math.floor(durationMs / step) + 1 }, (_, i) => i * step) : [];

  const at = (e: ReactPointerEvent) => msAtPointer(e.clientX, content.current!.getBoundingClientRect(), durationMs);

  const selection = drag?.moved
    ? { startMs: Math.min(drag.fromMs, drag.toMs), endMs: Math.max(drag.fromMs, drag.toMs) }
    : draft?.endMs != null
      ? { startMs: draft.startMs, endMs: draft.endMs }
      : null;

  return (
    // Time flows left to right in every player, so the timeline stays LTR even in Arabic.
    <section className="timeline" dir="ltr" aria-label={t('timeline.label')}>
      <div className="timeline-toolbar">
        <span className="muted small-text">{t('timeline.hint')}</span>
        <span className="spacer" />
        <button
          type="button"
          className="small ghost"
          onClick={() => zoomBy(-1)}
          disabled={zoom === ZOOM_LEVELS[0]}
          aria-label={t('timeline.zoomOut')}
        >
          −
        </button>
        <span className="zoom-level" aria-live="polite">
          {t('timeline.zoom', { zoom: new Intl.NumberFormat(i18n.language).format(zoom) })}
        </span>
        <button
          type="button"
          className="small ghost"
          onClick={() => zoomBy(1)}
          disabled={zoom === ZOOM_LEVELS.at(-1)}
          aria-label={t('timeline.zoomIn')}
        >
          +
        </button>
      </div>
      <div className="timeline-viewport" ref={viewport}>
        <div className="timeline-content" ref={content} data-testid="timeline-content" style={{ inlineSize: `${zoom * 100}%` }}>
          <div className="timeline-ruler" aria-hidden="true">
            {ticks.map((ms) => (
              <span key={ms} className="tick" style={{ insetInlineStart: `${percentAt(ms, durationMs)}%` }}>
                {formatTimecode(ms, i18n.language)}
              </span>
            ))}
          </div>
          <TimelineScrub durationMs={durationMs} zoom={zoom} viewport={viewport} content={content} onHover={onHover}>
            {peaks && <Waveform peaks={peaks} widthPx={widthPx} durationMs={durationMs} />}
            {inMs !== null && (
              <div
                className="in-mark"
                style={{ insetInlineStart: `${percentAt(inMs, durationMs)}%` }}
                data-testid="in-mark"
                aria-hidden="true"
              />
            )}
            <Playhead durationMs={durationMs} />
          </TimelineScrub>
          <div
            className="timeline-notes"
            data-testid="timeline-notes"
            style={{ blockSize: `${(1 + Math.max(1, usedRows)) * ROW_PX + 6}px` }}
            onPointerDown={(e) => {
              if (e.target !== e.currentTarget) return;
              e.currentTarget.setPointerCapture(e.pointerId);
              const ms = at(e);
              setDrag({ fromMs: ms, toMs: ms, fromX: e.clientX, moved: false });
            }}
            onPointerMove={(e) =>
              drag && setDrag({ ...drag, toMs: at(e), moved: drag.moved || Math.abs(e.clientX - drag.fromX) >= MIN_DRAG_PX })
            }
            onPointerUp={() => {
              if (!drag) return;
              setDrag(null);
              if (drag.moved) onRange(Math.min(drag.fromMs, drag.toMs), Math.max(drag.fromMs, drag.toMs));
              else seek(drag.fromMs);
            }}
          >
            {selection && (
              <div
                className="range-selection"
                data-testid="range-selection"
                style={{
                  insetInlineStart: `${percentAt(selection.startMs, durationMs)}%`,
                  inlineSize: `${percentAt(selection.endMs - selection.startMs, durationMs)}%`,
                }}
              />
            )}
            <TimelineMarkers notes={topLevel} rows={rows} codes={codes} durationMs={durationMs} />
          </div>
          {children}
        </div>
      </div>
      {hoverMs !== null && (
        <div
          className="scrub-preview"
          aria-hidden="true"
          style={{ insetInlineStart: `${hoverLeft(hoverMs, durationMs, viewport.current)}px` }}
        >
          {sprite && (
            <div
              className="sprite-tile"
              data-testid="scrub-thumbnail"
              style={{
                inlineSize: `${sprite.index.tileWidth}px`,
                blockSize: `${sprite.index.tileHeight}px`,
                backgroundImage: `url("${sprite.url}")`,
                backgroundPosition: `${spriteTile(sprite, hoverMs).x}px ${spriteTile(sprite, hoverMs).y}px`,
              }}
            />
          )}
          <span className="timecode">{formatTimecode(hoverMs, i18n.language)}</span>
        </div>
      )}
    </section>
  );
}

/** Where the preview sits above the timeline: over the pointer, within the visible part. */
function hoverLeft(ms: number, durationMs: number, viewport: HTMLDivElement | null): number {
  if (!viewport || durationMs <= 0) return 0;
  return viewport.offsetLeft + (ms / durationMs) * viewport.scrollWidth - viewport.scrollLeft;
}
