import { useTranslation } from 'react-i18next';
import { useSettings } from '../store/settings';
import { meteredHint } from './connection';

/** How media travels: only on unmetered connections, lessons from others fetched by themselves, a speed limit. */
export function TransferSettings() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  if (!settings) return null;
  const metered = meteredHint();
  return (
    <section className="transfer-settings" aria-labelledby="transfer-settings-title">
      <h2 id="transfer-settings-title">{t('transfers.settingsTitle')}</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.transferOnlyUnmetered}
          onChange={(e) => void update({ transferOnlyUnmetered: e.target.checked })}
        />
        <span>{t('transfers.onlyUnmetered')}</span>
      </label>
      <p className="muted small-text">
        {t(metered === null ? 'transfers.meteredUnknown' : metered ? 'transfers.meteredYes' : 'transfers.meteredNo')}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.autoDownloadShared}
          onChange={(e) => void update({ autoDownloadShared: e.target.checked })}
        />
        <span>{t('transfers.autoDownload')}</span>
      </label>
      <label className="field inline-field">
        <span>{t('transfers.limit')}</span>
        <input
          type="number"
          min={0}
          step={50}
          dir="ltr"
          value={settings.transferLimitKBps}
          onChange={(e) => void update({ transferLimitKBps: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
        />
        <span className="muted small-text">{t('transfers.limitHelp')}</span>
      </label>
    </section>
  );
}
