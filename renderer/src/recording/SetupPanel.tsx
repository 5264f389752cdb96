import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordingModes, recordingResolutions, recordingTimeLimits, type RecordingTimeLimit } from '../../../common/schemas/recording';
import type { Settings } from '../../../common/schemas/settings';
import { errorMessage } from '../lib/errors';
import { useSettings } from '../store/settings';
import { useToasts } from '../store/toasts';
import { LevelMeter } from './LevelMeter';
import { useRecording } from './session';
import { TitleField } from './TitleField';

/** Everything chosen before recording; each choice is remembered for next time. */
export function SetupPanel({ settings: saved }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((s) => s.update);
  const toast = useToasts((s) => s.show);
  const { inputs, screen, devices, chooseDevice, chooseScreen } = useRecording();
  // A choice shows at once, while it is being saved; a failed save falls back to what is stored.
  const [draft, setDraft] = useState<Partial<Settings>>({});
  const settings = { ...saved, ...draft };
  const mode = settings.recordMode;
  const resolution = settings.recordResolution;
  const change = (patch: Partial<Settings>) => {
    setDraft((d) => ({ ...d, ...patch }));
    void update(patch)
      .catch((err: unknown) => toast('error', errorMessage(t, err)))
      .finally(() => setDraft((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !(k in patch)))));
  };
  const cameraId = inputs?.getVideoTracks()[0]?.getSettings().deviceId ?? '';
  const microphoneId = inputs?.getAudioTracks()[0]?.getSettings().deviceId ?? '';
  const needsScreen = mode !== 'camera';

  return (
    <div className="record-setup">
      <fieldset className="mode-choice" aria-describedby="mode-hint">
        <legend>{t('record.mode')}</legend>
        <div className="mode-options">
          {recordingModes.map((m) => (
            <label key={m} className="mode-option">
              <input type="radio" name="record-mode" checked={mode === m} onChange={() => change({ recordMode: m })} />
              <span>{t(`record.modes.${m}`)}</span>
            </label>
          ))}
        </div>
        <p id="mode-hint" className="muted small-text">
          {t(`record.modeHints.${mode}`)}
        </p>
      </fieldset>

      {needsScreen && (
        <div className="screen-choice">
          <button type="button" className={screen ? undefined : 'primary'} onClick={() => void chooseScreen(resolution)}>
            {t(screen ? 'record.changeScreen' : 'record.chooseScreen')}
          </button>
          <span className="muted" dir="auto">
            {screen ? t('record.sharing', { name: screen.getVideoTracks()[0]?.label ?? '' }) : t('record.noScreenYet')}
          </span>
        </div>
      )}

      {mode !== 'screen' && (
        <label>
          <span>{t('record.camera')}</span>
          <select value={cameraId} disabled={!inputs} onChange={(e) => void chooseDevice('camera', e.target.value, mode, resolution)}>
            {devices.cameras.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>{t('record.microphone')}</span>
        <select value={microphoneId} disabled={!inputs} onChange={(e) => void chooseDevice('microphone', e.target.value, mode, resolution)}>
          {devices.microphones.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <LevelMeter stream={inputs} />

      <label>
        <span>{t('record.resolution')}</span>
        <select value={resolution} onChange={(e) => change({ recordResolution: e.target.value as Settings['recordResolution'] })}>
          {recordingResolutions.map((r) => (
            <option key={r} value={r}>
              {t(`record.resolutions.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('record.timeLimit')}</span>
        <select
          value={settings.recordTimeLimitMin}
          onChange={(e) => change({ recordTimeLimitMin: Number(e.target.value) as RecordingTimeLimit })}
        >
          {recordingTimeLimits.map((m) => (
            <option key={m} value={m}>
              {t(`record.timeLimits.${m}`)}
            </option>
          ))}
        </select>
      </label>

      <TitleField />
    </div>
  );
}
