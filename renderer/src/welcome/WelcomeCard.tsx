import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../common/schemas/settings';
import { applyLanguage } from '../../i18n';
import { errorMessage } from '../lib/errors';
import { LanguageSelect } from '../settings/LanguageSelect';
import { useSettings } from '../store/settings';
import './welcome.css';

/**
 * The first-run welcome: a name for the teacher's notes and exports, and the language of the studio.
 * A card at the top of the library rather than a dialog, so nothing waits on it; both answers stay
 * changeable in Settings.
 */
export function WelcomeCard() {
  const { t, i18n } = useTranslation();
  const update = useSettings((s) => s.update);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const language = i18n.language as Language;

  const finish = (patch: { displayName?: string }) =>
    update({ ...patch, language, welcomeDone: true }).catch((err: unknown) => setError(errorMessage(t, err)));

  return (
    <section className="welcome-card" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('welcome.title')}</h2>
      <p>{t('welcome.body')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void finish(name.trim() ? { displayName: name.trim() } : {});
        }}
      >
        <label className="field">
          <span>{t('welcome.name')}</span>
          <input dir="auto" autoComplete="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          <span className="muted small-text">{t('welcome.nameHelp')}</span>
        </label>
        <label className="field">
          <span>{t('welcome.language')}</span>
          {/* Shown at once in the chosen language; stored with the answers. */}
          <LanguageSelect value={language} onChange={applyLanguage} />
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary">
            {t('welcome.start')}
          </button>
          <button type="button" onClick={() => void finish({})}>
            {t('welcome.skip')}
          </button>
        </div>
      </form>
    </section>
  );
}
