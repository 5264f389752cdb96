import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describe, parseOpenBadge } from '../../../common/credentials/describe';
import type { IssuedCredential } from '../../../common/credentials/hub-schemas';
import { credentialActions } from './actions';
import { formatDate } from '../lib/format';

/**
 * A one-page certificate with a QR code carrying the whole signed credential, printed with the
 * page's own print (a PDF is one of the printer choices in both shells); print CSS shows it alone.
 */
export function Certificate({ credential, onClose }: { credential: IssuedCredential; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const facts = describe(parseOpenBadge(credential.credential));
  useEffect(() => {
    void credentialActions.qr({ communityId: credential.communityId, credentialId: credential.id }).then((r) => setQr(r.dataUrl));
  }, [credential]);
  return (
    <section className="certificate-sheet" aria-labelledby="certificate-title">
      <div className="certificate">
        <p className="certificate-kicker">{t('credentials.certificate.kicker')}</p>
        <h2 id="certificate-title" dir="auto">
          {facts.achievement.name}
        </h2>
        <p className="certificate-recipient" dir="auto">
          {facts.recipient}
        </p>
        <p dir="auto">{facts.achievement.description}</p>
        {facts.achievement.criteria && (
          <p className="muted" dir="auto">
            {facts.achievement.criteria}
          </p>
        )}
        <p>
          {t('credentials.certificate.issuedBy', { issuer: facts.issuer.name ?? facts.issuer.id })} ·{' '}
          {formatDate(credential.issuedAt, i18n.language)}
        </p>
        {qr && <img className="certificate-qr" src={qr} alt={t('credentials.certificate.qrAlt')} />}
        <p className="muted small-text">{t('credentials.certificate.qrHint')}</p>
      </div>
      <div className="certificate-actions">
        <button type="button" onClick={() => window.print()}>
          {t('credentials.certificate.print')}
        </button>
        <button type="button" className="ghost" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}
