import { memo } from 'react';
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
 * else its kind's. Memoized: a lesson may hold thousands, and playback must not redraw them.
 * Pointer-only: the list beside the video is the keyboard's way to the same notes.
 */
export const TimelineMarkers = memo(function TimelineMarkers({ notes, rows, codes, durationMs }: Props) {
  const { t, i18n } = useTranslation();
  const seek = usePlayback.getState().seek;
  const kindLabels = Object.fromEntries(noteKinds.map((k) => [k, t(`notes.kinds.${k}`)]));
  const marks = notes.map((n) => {
    const code = n.codeId ? codes.get(n.codeId) : undefined;
    const what = code ? (code.labels?.[i18n.language] ?? code.name) : kindLabels[n.kind];
    const when = n.endMs !== null ? `${formatTimecode(n.startMs, i18n.language)}–${formatTimecode(n.endMs, i18n.language)}` : formatTimecode(n.startMs, i18n.language);
    const common = {
      'data-note-id': n.id,
      title: `${when} ${what}${n.text ? `: ${n.text.slice(0, 120)}` : ''}`,
      onClick: () => seek(n.startMs),
    } as const;
    const color = code ? { backgroundColor: code.color } : {};
    return n.endMs === null ? (
      <div key={n.id} {...common} className={`marker point kind-bg-${n.kind}`} style={{ insetInlineStart: `${percentAt(n.startMs, durationMs)}%`, ...color }} />
    ) : (
      <div
        key={n.id}
        {...common}
        className={`marker range kind-bg-${n.kind}`}
        style={{
          insetInlineStart: `${percentAt(n.startMs, durationMs)}%`,
          inlineSize: `${percentAt(n.endMs - n.startMs, durationMs)}%`,
          insetBlockStart: `${(1 + (rows.get(n.id) ?? 0)) * ROW_PX + 3}px`,
          ...color,
        }}
      />
    );
  });
  return (
    <div className="markers" aria-hidden="true">
      {marks}
    </div>
  );
});
