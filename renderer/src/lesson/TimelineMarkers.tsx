import { memo, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Code } from '../../../common/schemas/coding';
import { noteKinds, type Note } from '../../../common/schemas/note';
import { formatTimecode } from '../lib/format';
import { percentAt } from '../lib/timeline';
import { usePlayback } from '../store/playback';

export const ROW_PX = 14;

interface Props {
  notes: Note[];
  rows: Map<string, number>;
  codes: Map<string, Code>;
  durationMs: number;
}

/**
 * One mark per note: a tick for a point, a bar (in its own row) for a range, in its code's color or
 * else its kind's. A lesson may hold thousands, so they are built straight into the DOM in one pass
 * (React's bookkeeping for each would cost more than the marks themselves) and only when the notes
 * change; a click anywhere on them is handled once, by the layer. User text goes only into `title`,
 * as text. Pointer-only: the keyboard reaches the same notes with [ and ] and through the list.
 */
export const TimelineMarkers = memo(function TimelineMarkers({ notes, rows, codes, durationMs }: Props) {
  const { t, i18n } = useTranslation();
  const layer = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = layer.current;
    if (!el) return;
    const kindLabels = Object.fromEntries(noteKinds.map((k) => [k, t(`notes.kinds.${k}`)]));
    const time = (ms: number) => formatTimecode(ms, i18n.language);
    const marks = notes.map((n) => {
      const code = n.codeId ? codes.get(n.codeId) : undefined;
      const what = code ? (code.labels?.[i18n.language] ?? code.name) : kindLabels[n.kind];
      const when = n.endMs !== null ? `${time(n.startMs)}–${time(n.endMs)}` : time(n.startMs);
      const mark = document.createElement('div');
      mark.className = `marker ${n.endMs === null ? 'point' : 'range'} kind-bg-${n.kind}`;
      mark.dataset.noteId = n.id;
      mark.title = `${when} ${what}${n.text ? `: ${n.text.slice(0, 120)}` : ''}`;
      mark.style.insetInlineStart = `${percentAt(n.startMs, durationMs)}%`;
      if (n.endMs !== null) {
        mark.style.inlineSize = `${percentAt(n.endMs - n.startMs, durationMs)}%`;
        mark.style.insetBlockStart = `${(1 + (rows.get(n.id) ?? 0)) * ROW_PX + 3}px`;
      }
      if (code) mark.style.backgroundColor = code.color;
      return mark;
    });
    el.replaceChildren(...marks);
  }, [notes, rows, codes, durationMs, t, i18n.language]);

  return (
    <div
      ref={layer}
      className="markers"
      aria-hidden="true"
      onClick={(e) => {
        const id = (e.target as HTMLElement).dataset.noteId;
        const note = id && notes.find((n) => n.id === id);
        if (note) usePlayback.getState().seek(note.startMs);
      }}
    />
  );
});
