import { useTranslation } from 'react-i18next';
import { useSettings } from '../store/settings';

/**
 * Linux with no keyring: the desktop app cannot lock the hub sign-in away, so it keeps it for this run
 * only. This says why the studio asks again at each start, and offers to keep it on disk anyway.
 */
export function KeyringNotice() {
  const { t } = useTranslation();
  const info = useSettings((s) => s.info);
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  if (info?.signInStorage !== 'no-keychain' || !settings) return null;
  return (
    <section className="notice" aria-labelledby="keyring-notice-title">
      <h2 id="keyring-notice-title">{t('hub.keyringTitle')}</h2>
      <p>{t('hub.keyringBody')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.keepSignInWithoutKeyring}
          onChange={(e) => void update({ keepSignInWithoutKeyring: e.target.checked })}
        />
        <span>{t('hub.keyringKeep')}</span>
      </label>
    </section>
  );
}
