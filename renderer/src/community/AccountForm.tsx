import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StudioCallError } from '../../../common/contract';
import { parseInviteLink } from '../../../common/hub-api';
import type { HubStatus } from '../../../common/schemas/community';
import { errorMessage } from '../lib/errors';
import { useSettings } from '../store/settings';
import { useSync } from '../store/sync';
import { timeZones } from './format';
import { usePendingInvite } from './pending-invite';
import { hubActions } from './actions';

/** Signs in to a hub, or creates an account there: hub address, email, password (and a profile for others to see). */
export function AccountForm({ status }: { status: HubStatus }) {
  const { t, i18n } = useTranslation();
  const expired = status.sessionExpired && status.account !== null;
  const [mode, setMode] = useState<'signIn' | 'signUp'>('signIn');
  const preset = useSettings((s) => s.info?.presetHubUrl ?? null);
  const { invite, set: setInvite } = usePendingInvite();
  const [hubUrl, setHubUrl] = useState(() => status.hubUrl ?? preset ?? '');
  // The hub an invitation names comes first: it is where the person was asked to join. An expired
  // session signs in again to its own hub only.
  useEffect(() => {
    const link = parseInviteLink(invite);
    if (link && !expired) setHubUrl(link.hubUrl);
  }, [invite, expired]);
  const [email, setEmail] = useState(status.account?.email ?? '');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  // A field's name is its label's first line; the help under it is its description, not part of its name.
  const ids = useId();
  const [country, setCountry] = useState('');
  const [languages, setLanguages] = useState(i18n.language);
  const [timezone, setTimezone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signIn') {
        await hubActions.signIn({ hubUrl: hubUrl.trim(), email, password });
      } else {
        const tags = languages.split(/[\s,،]+/).filter(Boolean);
        await hubActions.signUp({
          hubUrl: hubUrl.trim(),
          email,
          password,
          displayName,
          country: country.trim().toUpperCase() || null,
          languages: tags,
          timezone,
        });
      }
      await useSync.getState().refreshHub();
    } catch (err) {
      // The email already has an account (the hub does not say so; signing in with this password
      // failed): offer the sign-in form, email kept, for that account's password.
      if (err instanceof StudioCallError && err.payload.code === 'sign_up_not_completed') {
        setMode('signIn');
        setPassword('');
      }
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="account-form"
      aria-labelledby="account-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="account-form-title">{expired ? t('hub.expiredTitle') : mode === 'signIn' ? t('hub.signInTitle') : t('hub.signUpTitle')}</h2>
      {expired && <p className="notice">{t('hub.expiredBody', { name: status.account!.displayName })}</p>}
      {!expired && !status.account && (
        <label className="field">
          <span id={`${ids}-invitation`}>{t('hub.invitation')}</span>
          <input
            aria-labelledby={`${ids}-invitation`}
            aria-describedby={`${ids}-invitation-help`}
            dir="ltr"
            value={invite}
            onChange={(e) => setInvite(e.target.value)}
          />
          <span id={`${ids}-invitation-help`} className="muted small-text">
            {t('hub.invitationHelp')}
          </span>
        </label>
      )}
      {!expired && (
        <div className="segmented" role="group" aria-label={t('hub.mode')}>
          <button type="button" aria-pressed={mode === 'signIn'} onClick={() => setMode('signIn')}>
            {t('hub.haveAccount')}
          </button>
          <button type="button" aria-pressed={mode === 'signUp'} onClick={() => setMode('signUp')}>
            {t('hub.newAccount')}
          </button>
        </div>
      )}
      <label className="field">
        <span id={`${ids}-url`}>{t('hub.url')}</span>
        {/* Text, not type=url: a malformed address gets the studio's own message, in the studio's language. */}
        <input
          aria-labelledby={`${ids}-url`}
          aria-describedby={`${ids}-url-help`}
          type="text"
          inputMode="url"
          required
          dir="ltr"
          placeholder="https://hub.example.org"
          value={hubUrl}
          onChange={(e) => setHubUrl(e.target.value)}
          disabled={expired}
        />
        <span id={`${ids}-url-help`} className="muted small-text">
          {t('hub.urlHelp')}
        </span>
      </label>
      <label className="field">
        <span>{t('hub.email')}</span>
        <input
          type="email"
          required
          dir="ltr"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          disabled={expired}
        />
      </label>
      <label className="field">
        <span>{t('hub.password')}</span>
        <input
          type="password"
          required
          minLength={mode === 'signUp' ? 8 : 1}
          autoComplete={mode === 'signUp' ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {mode === 'signUp' && !expired && (
        <>
          <label className="field">
            <span>{t('hub.displayName')}</span>
            <input required dir="auto" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
          <label className="field">
            <span id={`${ids}-country`}>{t('hub.country')}</span>
            <input
              aria-labelledby={`${ids}-country`}
              aria-describedby={`${ids}-country-help`}
              dir="ltr"
              maxLength={2}
              pattern="[A-Za-z]{2}"
              placeholder="JO"
              value={country}
              onChange={(e) => setCountry(e.target.value)}
            />
            <span id={`${ids}-country-help`} className="muted small-text">
              {t('hub.countryHelp')}
            </span>
          </label>
          <label className="field">
            <span id={`${ids}-languages`}>{t('hub.languages')}</span>
            <input
              aria-labelledby={`${ids}-languages`}
              aria-describedby={`${ids}-languages-help`}
              dir="ltr"
              value={languages}
              onChange={(e) => setLanguages(e.target.value)}
            />
            <span id={`${ids}-languages-help`} className="muted small-text">
              {t('hub.languagesHelp')}
            </span>
          </label>
          <label className="field">
            <span>{t('hub.timezone')}</span>
            <select value={timezone} onChange={(e) => setTimezone(e.target.value)}>
              {timeZones().map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'signUp' && !expired ? t('hub.signUp') : t('hub.signIn')}
        </button>
      </div>
    </form>
  );
}
