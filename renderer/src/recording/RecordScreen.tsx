import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Countdown } from './Countdown';
import { DeviceHelp } from './DeviceHelp';
import { Preview } from './Preview';
import { RecordBar } from './RecordBar';
import { ScreenPicker } from './ScreenPicker';
import { RecordingPanel } from './RecordingPanel';
import { useRecording } from './session';
import { SetupPanel } from './SetupPanel';
import { useSettings } from '../store/settings';
import './recording.css';

export function RecordScreen() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const {
    phase,
    inputs,
    screen,
    screenChoices,
    problem,
    countdown,
    openInputs,
    closeSetup,
    chooseScreen,
    pickScreen,
    cancelScreenPick,
    skipCountdown,
    cancelCountdown,
  } = useRecording();
  const mode = settings?.recordMode ?? 'camera';
  const resolution = settings?.recordResolution ?? '720p';
  const settingUp = phase === 'setup';

  // Camera and microphone open for the preview whenever the set-up shows: first visit, another mode or
  // quality, back after a recording. Leaving the screen lets go of them, unless a recording uses them.
  useEffect(() => {
    if (settingUp) void openInputs(mode, resolution);
  }, [settingUp, mode, resolution, openInputs]);
  useEffect(() => closeSetup, [closeSetup]);

  const retry = () => (problem?.source === 'screen' ? void chooseScreen(resolution) : void openInputs(mode, resolution));
  const showsScreen = mode !== 'camera';

  return (
    <section className="record" aria-labelledby="record-title">
      <h1 id="record-title">{t('record.title')}</h1>
      <div className="record-body">
        <div className="record-main">
          <div className="record-stage" data-mode={mode}>
            {showsScreen ? (
              screen ? (
                <Preview stream={screen} className="stage-video" label={t('record.previewScreen')} />
              ) : (
                <div className="stage-empty">
                  <p>{t('record.noScreenYet')}</p>
                  {settingUp && (
                    <button type="button" className="primary" onClick={() => void chooseScreen(resolution)}>
                      {t('record.chooseScreen')}
                    </button>
                  )}
                </div>
              )
            ) : (
              <Preview stream={inputs} className="stage-video" label={t('record.previewCamera')} />
            )}
            {mode === 'screen_camera' && inputs && <Preview stream={inputs} className="stage-camera" label={t('record.previewCamera')} />}
            {(phase === 'recording' || phase === 'paused') && (
              <span className={`stage-badge rec-${phase}`} aria-hidden="true">
                {t(phase === 'paused' ? 'record.paused' : 'record.recording')}
              </span>
            )}
            {phase === 'countdown' && <Countdown seconds={countdown} onSkip={skipCountdown} onCancel={cancelCountdown} />}
            {problem && settingUp && <DeviceHelp kind={problem.kind} source={problem.source} onRetry={retry} />}
          </div>
          {settings && <RecordBar settings={settings} />}
        </div>
        <aside className="record-panel">
          {settings && (settingUp || phase === 'countdown' ? <SetupPanel settings={settings} /> : <RecordingPanel />)}
        </aside>
      </div>
      {screenChoices && (
        <ScreenPicker sources={screenChoices} onPick={(id) => void pickScreen(id, resolution)} onCancel={cancelScreenPick} />
      )}
    </section>
  );
}
