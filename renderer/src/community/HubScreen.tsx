import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useCommunities } from '../store/communities';
import { useSync } from '../store/sync';
import { useToasts } from '../store/toasts';
import { AccountForm } from './AccountForm';
import { CommunityList } from './CommunityList';
import { HubIntro } from './HubIntro';
import { countryName } from './format';
import { KeyringNotice } from './KeyringNotice';
import { TransferSettings } from './TransferSettings';
import './community.css';
import { hubActions } from './actions';

/** The community hub: who is signed in where, their communities, and how media travels. */
export function HubScreen() {
  const { t, i18n } = useTranslation();
  const hub = useSync((s) => s.hub);
  const signedIn = useSync((s) => s.state?.signedIn ?? false);
  const toast = useToasts((s) => s.show);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);

  useEffect(() => {
    void useSync.getState().refreshHub();
  }, []);
  useEffect(() => {
    if (signedIn) void useCommunities.getState().load();
  }, [signedIn]);

  const signOut = async (everywhere: boolean) => {
    try {
      await hubActions.signOut({ everywhere });
      await useSync.getState().refreshHub();
    } catch (err) {
      toast('error', errorMessage(t, err));
    }
  };

  if (!hub) return <p className="muted">{t('common.loading')}</p>;
  const account = hub.account;
  return (
    <section className="hub-screen" aria-labelledby="hub-title">
      <h1 id="hub-title">{t('hub.title')}</h1>
      <KeyringNotice />
      {signedIn && account ? (
        <div className="account-card" aria-label={t('hub.account')}>
          <p>
            {t('hub.signedInAs', { name: account.displayName, email: account.email })}
            {account.country && ` · ${countryName(account.country, i18n.language)}`}
          </p>
          <p className="muted small-text" dir="ltr">
            {hub.hubUrl}
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => void signOut(false)}>
              {t('hub.signOut')}
            </button>
            {confirmEverywhere ? (
              <button type="button" className="danger" onClick={() => void signOut(true)}>
                {t('hub.signOutEverywhereConfirm')}
              </button>
            ) : (
              <button type="button" onClick={() => setConfirmEverywhere(true)}>
                {t('hub.signOutEverywhere')}
              </button>
            )}
          </div>
        </div>
      ) : (
        <>
          {!account && <HubIntro />}
          <AccountForm status={hub} />
        </>
      )}
      {signedIn && <CommunityList />}
      <TransferSettings />
    </section>
  );
}
