import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimecode } from '../lib/format';
import { percentAt } from '../lib/timeline';
import { usePlayback } from '../store/playback';
import { bandAfterKey, isLongMonologue, markedBand, shortWaits } from './bands';
import { useTalk } from './useTalk';
import './talk.css';

/**
 * The talk lane under the waveform, inside the timeline's zoomed content so it lines up with it: one
 * option per stretch of speech in a listbox (one tab stop; arrows move, the player follows), silence is
 * the lane itself. Long monologues are hatched and short waits flagged, and both are said in the name.
 */
export function TalkLane({ lessonId, durationMs }: { lessonId: string; durationMs: number }) {
  const { t, i18n } = useTranslation();
  const { analysis, selected, select } = useTalk(lessonId);
  const segments = useMemo(() => analysis?.segments ?? [], [analysis]);
  const waits = useMemo(() => shortWaits(segments), [segments]);
  if (!analysis || analysis.status !== 'ready' || segments.length === 0) return null;

  const time = (ms: number) => formatTimecode(ms, i18n.language);
  const pick = (index: number) => {
    select(index);
    usePlayback.getState().seek(segments[index]!.startMs);
  };
  const nameOf = (index: number) => {
    const s = segments[index]!;
    const parts = [t(`talk.labels.${s.label}`), `${time(s.startMs)}–${time(s.endMs)}`];
    if (isLongMonologue(s)) parts.push(t('talk.lane.longMonologue'));
    if (waits.some((w) => w.startMs === s.endMs)) parts.push(t('talk.lane.shortWaitAfter'));
    if (s.corrected) parts.push(t('talk.lane.corrected'));
    return parts.join(', ');
  };

  return (
    <div className="talk-lane-wrap">
      <div
        className="talk-lane"
        role="listbox"
        aria-orientation="horizontal"
        aria-label={t('talk.lane.label')}
        aria-keyshortcuts="PageDown PageUp"
        tabIndex={0}
        aria-activedescendant={selected !== null ? `talk-band-${selected}` : undefined}
        data-testid="talk-lane"
        onKeyDown={(e) => {
          // Page Down and Page Up jump between the marked bands, as ] and [ do between notes.
          const jump = e.key === 'PageDown' ? 1 : e.key === 'PageUp' ? -1 : 0;
          const next = jump ? markedBand(segments, selected, jump) : bandAfterKey(e.key, selected, segments.length);
          if (next === null) return;
          e.preventDefault();
          pick(next);
        }}
      >
        {segments.map((s, i) => (
          <div
            key={`${s.startMs}-${s.endMs}`}
            id={`talk-band-${i}`}
            role="option"
            aria-selected={selected === i}
            aria-label={nameOf(i)}
            title={nameOf(i)}
            className={`talk-band talk-${s.label}${isLongMonologue(s) ? ' long' : ''}${s.corrected ? ' corrected' : ''}`}
            style={{
              insetInlineStart: `${percentAt(s.startMs, durationMs)}%`,
              inlineSize: `${percentAt(s.endMs - s.startMs, durationMs)}%`,
            }}
            onClick={() => pick(i)}
          />
        ))}
      </div>
      {waits.map((w) => (
        <span
          key={w.startMs}
          className="talk-short-wait"
          aria-hidden="true"
          style={{ insetInlineStart: `${percentAt(w.startMs, durationMs)}%` }}
        />
      ))}
    </div>
  );
}
