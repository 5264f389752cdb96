import { useTranslation } from 'react-i18next';
import type { BlurSource, BlurState } from '../../../common/schemas/blur';
import { formatTimecode } from '../lib/format';
import { percentAt } from '../lib/timeline';
import { usePlayback } from '../store/playback';
import { useBlur } from './useBlur';

/** A region's name: the teacher's own say who drew them; a shared lesson's say the teacher blurred them. */
export function boxLabel(state: BlurState['source'], source: BlurSource): string {
  if (state === 'community' && source !== 'fixed') return 'blur.shared.face';
  return `blur.box.${source}`;
}

/**
 * Where faces and regions are blurred, under the timeline (which stays left to right in every
 * language, so inset-inline here follows the timeline's own direction). Each span seeks to its start.
 */
export function BlurLane({ lessonId, durationMs }: { lessonId: string; durationMs: number }) {
  const { t, i18n } = useTranslation();
  const { state } = useBlur(lessonId);
  if (!state || state.regions.length === 0) return null;
  const time = (ms: number) => formatTimecode(ms, i18n.language);
  return (
    <div className="blur-lane" role="group" aria-label={t('blur.lane.label')} data-testid="blur-lane">
      {state.regions.map((r) => (
        <button
          key={r.id}
          type="button"
          className={`blur-span blur-${r.source}${r.removed ? ' removed' : ''}`}
          aria-label={`${t(boxLabel(state.source, r.source), { from: time(r.startMs), to: time(r.endMs) })}${r.removed ? `, ${t('blur.lane.removed')}` : ''}`}
          style={{
            insetInlineStart: `${percentAt(r.startMs, durationMs)}%`,
            inlineSize: `${percentAt(r.endMs - r.startMs, durationMs)}%`,
          }}
          onClick={() => usePlayback.getState().seek(r.startMs)}
        />
      ))}
    </div>
  );
}
