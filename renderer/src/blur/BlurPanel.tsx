import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlurMode } from '../../../common/schemas/blur';
import { blurModes } from '../../../common/schemas/blur';
import { errorMessage } from '../lib/errors';
import { formatPercent } from '../lib/format';
import { cancelJob } from '../store/jobs';
import { usePlayback } from '../store/playback';
import { useToasts } from '../store/toasts';
import { SharedBlurPanel } from './SharedBlurPanel';
import { useBlur, useBlurJob, type BlurTool } from './useBlur';

const tools: BlurTool[] = ['pick', 'draw', 'fixed'];

/**
 * The Blur tab: look for faces (standard or thorough), review what was found on the player, draw
 * over missed faces or fix a region for the whole lesson, undo, and make the blurred copy.
 * All of it runs on this computer.
 */
export function BlurPanel({ lessonId }: { lessonId: string }) {
  const { t, i18n } = useTranslation();
  const { state, tool, setTool, selected, remove, undo, end, detect, render } = useBlur(lessonId);
  const detecting = useBlurJob(lessonId, 'blur_detect');
  const rendering = useBlurJob(lessonId, 'blur_render');
  const following = useBlurJob(lessonId, 'blur_follow');
  const toast = useToasts((s) => s.show);
  const [mode, setMode] = useState<BlurMode>('standard');
  const fail = (err: unknown) => toast('error', errorMessage(t, err));
  if (!state) return <p className="muted">{t('common.loading')}</p>;
  if (state.source === 'community') return <SharedBlurPanel state={state} />;
  const kept = state.regions.filter((r) => !r.removed);
  const drawnSelected = state.regions.find((r) => r.id === selected && r.source === 'drawn');
  const progress = (value: number, label: string) => (
    <p className="blur-progress">
      <span>{label}</span> <progress value={value} max={1} aria-label={label} /> {formatPercent(value, i18n.language)}
    </p>
  );

  return (
    <section className="blur-panel" aria-labelledby="blur-title">
      <h3 id="blur-title">{t('blur.title')}</h3>
      <p className="muted small-text">{t('blur.intro')}</p>
      <fieldset>
        <legend>{t('blur.mode.label')}</legend>
        {blurModes.map((m) => (
          <label key={m} className="check">
            <input type="radio" name="blur-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            <span>{t(`blur.mode.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      <button type="button" disabled={Boolean(detecting)} onClick={() => detect(mode).catch(fail)}>
        {t('blur.detect')}
      </button>
      {detecting && progress(detecting.progress, t('blur.detecting'))}
      {state.status === 'ready' && (
        <>
          <p role="status">{t('blur.found', { count: kept.length })}</p>
          <div className="blur-tools" role="radiogroup" aria-label={t('blur.tool.label')}>
            {tools.map((x) => (
              <label key={x} className="check">
                <input type="radio" name="blur-tool" checked={tool === x} onChange={() => setTool(x)} />
                <span>{t(`blur.tool.${x}`)}</span>
              </label>
            ))}
          </div>
          <div className="blur-actions">
            <button type="button" disabled={!selected} onClick={() => selected && remove(selected).catch(fail)}>
              {t('blur.remove')}
            </button>
            <button
              type="button"
              disabled={!drawnSelected}
              onClick={() => drawnSelected && end(drawnSelected.id, usePlayback.getState().nowMs()).catch(fail)}
            >
              {t('blur.endHere')}
            </button>
            <button type="button" disabled={state.undoable === 0} onClick={() => undo().catch(fail)}>
              {t('blur.undo')}
            </button>
          </div>
          {following && (
            <div className="blur-following">
              {progress(following.progress, t('blur.following'))}
              <button type="button" className="small" onClick={() => cancelJob(following.id)}>
                {t('blur.stopFollowing')}
              </button>
            </div>
          )}
          <button type="button" disabled={Boolean(rendering) || kept.length === 0} onClick={() => render().catch(fail)}>
            {t('blur.render')}
          </button>
          {rendering && progress(rendering.progress, t('blur.rendering'))}
          <p className="small-text" data-testid="blur-copy">
            {t(`blur.copy.${state.copy}`)}
          </p>
        </>
      )}
    </section>
  );
}
