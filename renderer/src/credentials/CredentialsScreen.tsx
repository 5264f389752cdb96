import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedCredential } from '../../../common/credentials/hub-schemas';
import { credentialActions } from './actions';
import { downloadBase64 } from '../lib/download';
import { errorMessage } from '../lib/errors';
import { formatDate } from '../lib/format';
import { onStudioEvent } from '../lib/shell';
import { useCommunities } from '../store/communities';
import { useSync } from '../store/sync';
import { useToasts } from '../store/toasts';
import { Certificate } from './Certificate';
import { VerifyPanel } from './VerifyPanel';
import './credentials.css';

/** My credentials (each with its exports and a printable certificate) and Verify a credential. */
export function CredentialsScreen() {
  const { t, i18n } = useTranslation();
  const toast = useToasts((s) => s.show);
  const myId = useSync((s) => s.hub?.account?.userId ?? null);
  const { communities, load } = useCommunities();
  const [mine, setMine] = useState<IssuedCredential[]>([]);
  const [printing, setPrinting] = useState<IssuedCredential | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!myId) return;
    // Read from this studio's synced records, so the list opens offline as well; a sync that brings one reloads it.
    const reload = () =>
      void Promise.all(communities.map((c) => credentialActions.list({ communityId: c.id }))).then(
        (lists) => setMine(lists.flatMap((l) => l.credentials).filter((c) => c.holderId === myId)),
        (err: unknown) => toast('error', errorMessage(t, err)),
      );
    reload();
    return onStudioEvent('credentials.changed', reload);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [communities, myId]);

  const exportAs = (c: IssuedCredential, format: 'json' | 'png') =>
    credentialActions.export({ communityId: c.communityId, credentialId: c.id, format }).then(
      (f) => downloadBase64(f.fileName, f.mime, f.base64),
      (err: unknown) => toast('error', errorMessage(t, err)),
    );
  const communityName = (id: string) => communities.find((c) => c.id === id)?.name ?? '';

  if (printing) return <Certificate credential={printing} onClose={() => setPrinting(null)} />;
  return (
    <section className="credentials-screen" aria-labelledby="credentials-title">
      <h1 id="credentials-title">{t('credentials.mine.title')}</h1>
      {mine.length === 0 && <p className="muted">{t('credentials.mine.none')}</p>}
      <ul className="credential-list">
        {mine.map((c) => {
          const name = String(c.credential.name ?? '');
          return (
            <li key={c.id} className="credential-card">
              <h2 dir="auto">{name}</h2>
              <p className="small-text">
                <span dir="auto">{communityName(c.communityId)}</span> · {formatDate(c.issuedAt, i18n.language)}
                {c.revokedAt !== null && <strong className="revoked"> · {t('credentials.revoked')}</strong>}
              </p>
              <div className="credential-actions">
                <button
                  type="button"
                  className="small"
                  onClick={() => void exportAs(c, 'json')}
                  aria-label={t('credentials.mine.json', { name })}
                >
                  {t('credentials.mine.jsonShort')}
                </button>
                <button
                  type="button"
                  className="small"
                  onClick={() => void exportAs(c, 'png')}
                  aria-label={t('credentials.mine.png', { name })}
                >
                  {t('credentials.mine.pngShort')}
                </button>
                <button
                  type="button"
                  className="small"
                  onClick={() => setPrinting(c)}
                  aria-label={t('credentials.mine.certificate', { name })}
                >
                  {t('credentials.mine.certificateShort')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <VerifyPanel />
    </section>
  );
}
