import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { useCommunities } from '../store/communities';
import { useRoute } from '../store/route';
import { languageNames, timeAgo } from './format';
import { useNow } from './useNow';
import { usePendingInvite } from './pending-invite';
import { communityActions, inviteActions } from './actions';

/** The person's communities, and the two ways into a new one: create it, or join with an invite. */
export function CommunityList() {
  const { t, i18n } = useTranslation();
  const { communities, loaded, load } = useCommunities();
  const go = useRoute((s) => s.go);
  const now = useNow();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [languages, setLanguages] = useState(i18n.language);
  const invite = usePendingInvite((s) => s.invite);
  const [code, setCode] = useState(invite);
  useEffect(() => setCode(invite), [invite]);
  const [error, setError] = useState<{ where: 'create' | 'join'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (where: 'create' | 'join', action: () => Promise<{ id: string }>) => {
    setBusy(true);
    setError(null);
    try {
      const community = await action();
      await load();
      go({ name: 'community', id: community.id });
    } catch (err) {
      setError({ where, text: errorMessage(t, err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="community-list" aria-labelledby="communities-title">
      <h2 id="communities-title">{t('hub.communities')}</h2>
      {loaded && communities.length === 0 && <p className="muted">{t('hub.noCommunities')}</p>}
      <ul className="community-cards">
        {communities.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="community-card"
              onClick={() => go({ name: 'community', id: c.id })}
              aria-label={t('hub.openCommunity', { name: c.name })}
            >
              <span className="community-name" dir="auto">
                {c.name}
              </span>
              {c.description && (
                <span className="muted" dir="auto">
                  {c.description}
                </span>
              )}
              <span className="small-text">
                {t(`community.roles.${c.myRole}`)} · {t('hub.memberCount', { count: c.memberCount })} ·{' '}
                {t('hub.lessonCount', { count: c.lessonCount })}
              </span>
              {c.languages.length > 0 && <span className="small-text muted">{languageNames(c.languages, i18n.language)}</span>}
              <span className="small-text muted">
                {c.syncedAt ? t('sync.lastSynced', { when: timeAgo(c.syncedAt, now, i18n.language) }) : t('sync.neverSynced')}
              </span>
            </button>
          </li>
        ))}
      </ul>

      <div className="community-forms">
        <form
          aria-labelledby="create-community-title"
          onSubmit={(e) => {
            e.preventDefault();
            const tags = languages.split(/[\s,،]+/).filter(Boolean);
            void run('create', () => communityActions.create({ name, description, languages: tags }));
          }}
        >
          <h3 id="create-community-title">{t('hub.createTitle')}</h3>
          <label className="field">
            <span>{t('hub.communityName')}</span>
            <input required dir="auto" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('hub.communityDescription')}</span>
            <textarea dir="auto" rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('hub.languages')}</span>
            <input dir="ltr" value={languages} onChange={(e) => setLanguages(e.target.value)} />
          </label>
          {error?.where === 'create' && (
            <p className="error-text" role="alert">
              {error.text}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('hub.create')}
          </button>
        </form>

        <form
          aria-labelledby="join-community-title"
          onSubmit={(e) => {
            e.preventDefault();
            void run('join', () => inviteActions.join({ codeOrLink: code }));
          }}
        >
          <h3 id="join-community-title">{t('hub.joinTitle')}</h3>
          <label className="field">
            <span>{t('hub.inviteCode')}</span>
            <input required dir="ltr" value={code} onChange={(e) => setCode(e.target.value)} placeholder="ABCD-EFGH-JKMN" />
            <span className="muted small-text">{t('hub.inviteCodeHelp')}</span>
          </label>
          {error?.where === 'join' && (
            <p className="error-text" role="alert">
              {error.text}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('hub.join')}
          </button>
        </form>
      </div>
    </section>
  );
}
