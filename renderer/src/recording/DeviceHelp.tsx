import { useTranslation } from 'react-i18next';
import { detectOs, type MediaProblem } from './sources';
import { shell } from '../lib/shell';

/** What went wrong with the camera, microphone or screen, and the steps that fix it on this computer. */
export function DeviceHelp({ kind, source, onRetry }: { kind: MediaProblem; source: 'inputs' | 'screen'; onRetry(): void }) {
  const { t } = useTranslation();
  const os = detectOs();
  const screen = source === 'screen';
  const steps =
    kind === 'in_use' || kind === 'failed'
      ? [t(`record.help.${kind}`)]
      : [
          t(`record.help.os.${os}.${screen ? 'screen' : kind}`),
          ...(shell === 'web' && kind === 'permission' && !screen ? [t('record.help.browser')] : []),
        ];
  return (
    <div className="device-help" role="alert">
      <h2>{t(screen ? 'record.problem.screenPermission' : `record.problem.${kind}`)}</h2>
      {steps.map((step) => (
        <p key={step}>{step}</p>
      ))}
      <button type="button" className="primary" onClick={onRetry}>
        {t('record.tryAgain')}
      </button>
    </div>
  );
}
