import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX_CHARS } from '../../../common/schemas/note';
import { formatTimecode } from '../lib/format';
import { usePlayback } from '../store/playback';
import { useWorkspace } from '../store/workspace';

export type FeedbackKind = 'praise' | 'suggestion';

interface Props {
  disabled: boolean;
  onAdd(note: { kind: FeedbackKind; startMs: number; endMs: number | null; text: string }): Promise<void>;
}

/**
 * The review's own notes: a glow (praise) or a grow (suggestion), pinned to the moment the video is at,
 * or to the range last marked on the timeline (I and O, or a drag).
 */
export function GlowGrow({ disabled, onAdd }: Props) {
  const { t, i18n } = useTranslation();
  const lastRange = useWorkspace((s) => s.lastRange);
  const [kind, setKind] = useState<FeedbackKind | null>(null);
  const [at, setAt] = useState<{ startMs: number; endMs: number | null }>({ startMs: 0, endMs: null });
  const [useRange, setUseRange] = useState(false);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);

  const start = (k: FeedbackKind) => {
    usePlayback.getState().video?.pause();
    setAt({ startMs: usePlayback.getState().nowMs(), endMs: null });
    setUseRange(false);
    setKind(k);
    setText('');
  };
  const where = useRange && lastRange ? lastRange : at;
  const fmt = (ms: number) => formatTimecode(ms, i18n.language);
  const save = async () => {
    if (!kind || !text.trim()) return;
    setSaving(true);
    try {
      await onAdd({
        kind,
        startMs: Math.round(where.startMs),
        endMs: where.endMs === null ? null : Math.round(where.endMs),
        text: text.trim(),
      });
      setKind(null);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="glow-grow">
      <div className="toolbar">
        <button type="button" className="glow-button" disabled={disabled} onClick={() => start('praise')}>
          {t('review.draft.addGlow')}
        </button>
        <button type="button" className="grow-button" disabled={disabled} onClick={() => start('suggestion')}>
          {t('review.draft.addGrow')}
        </button>
      </div>
      {kind && (
        <form
          className={`note-composer feedback-${kind}`}
          aria-label={t(kind === 'praise' ? 'review.draft.glowAt' : 'review.draft.growAt', { time: fmt(where.startMs) })}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <p className="composer-head">
            <span className="timecode">
              {where.endMs === null ? fmt(where.startMs) : t('notes.range', { start: fmt(where.startMs), end: fmt(where.endMs) })}
            </span>
            {lastRange && (
              <label className="inline-field small-text">
                <input type="checkbox" checked={useRange} onChange={(e) => setUseRange(e.target.checked)} />
                {t('review.draft.useRange', { start: fmt(lastRange.startMs), end: fmt(lastRange.endMs) })}
              </label>
            )}
          </p>
          <textarea
            autoFocus
            dir="auto"
            rows={3}
            maxLength={NOTE_MAX_CHARS}
            value={text}
            aria-label={t(kind === 'praise' ? 'review.draft.glowText' : 'review.draft.growText')}
            placeholder={t(kind === 'praise' ? 'review.draft.glowPlaceholder' : 'review.draft.growPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setKind(null);
            }}
          />
          <div className="composer-actions">
            <button type="button" onClick={() => setKind(null)}>
              {t('notes.cancel')}
            </button>
            <button type="submit" className="primary" disabled={saving || !text.trim()}>
              {t(kind === 'praise' ? 'review.draft.saveGlow' : 'review.draft.saveGrow')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
