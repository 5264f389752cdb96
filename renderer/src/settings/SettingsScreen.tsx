import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useSettings } from '../store/settings';
import { useToasts } from '../store/toasts';
import { LanguageSelect } from './LanguageSelect';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { settings, info, update } = useSettings();
  const toast = useToasts((s) => s.show);
  if (!settings) return null;
  const change = (patch: Parameters<typeof update>[0]) => update(patch).catch((err: unknown) => toast('error', errorMessage(t, err)));

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <label>
        <span>{t('settings.language')}</span>
        <LanguageSelect value={settings.language} onChange={(language) => void change({ language })} />
      </label>
      <label>
        <span>{t('settings.displayName')}</span>
        <input
          dir="auto"
          defaultValue={settings.displayName}
          maxLength={100}
          onBlur={(e) => e.target.value !== settings.displayName && void change({ displayName: e.target.value })}
        />
      </label>
      <fieldset>
        <legend>{t('settings.proxyPreset')}</legend>
        {(['standard', 'low'] as const).map((preset) => (
          <label key={preset} className="radio">
            <input
              type="radio"
              name="proxy"
              checked={settings.proxyPreset === preset}
              onChange={() => void change({ proxyPreset: preset })}
            />
            <span>{t(preset === 'standard' ? 'settings.proxyStandard' : 'settings.proxyLow')}</span>
          </label>
        ))}
      </fieldset>
      {info && (
        <dl className="about">
          <dt>{t('settings.dataFolder')}</dt>
          <dd dir="ltr">{info.dataDir}</dd>
          <dt>{t('settings.ffmpeg')}</dt>
          <dd dir="ltr">{info.ffmpeg ?? t('settings.ffmpegMissing')}</dd>
          <dt>{t('settings.version')}</dt>
          <dd dir="ltr">{info.version}</dd>
        </dl>
      )}
    </section>
  );
}
