import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationReport } from '../../../common/credentials/schema';
import { credentialActions } from './actions';
import { errorMessage } from '../lib/errors';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Verify a credential: drop or pick a JSON file, a baked PNG badge, or a picture of its QR code. */
export function VerifyPanel() {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setReport(null);
    setError(null);
    try {
      setReport(await credentialActions.verify({ fileName: file.name, base64: await base64Of(file) }));
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void check(e.dataTransfer.files[0]);
  };
  const holds = report?.signature === 'valid';

  return (
    <section aria-labelledby="verify-title" className="verify-panel">
      <h2 id="verify-title">{t('credentials.verify.title')}</h2>
      <p className="muted">{t('credentials.verify.intro')}</p>
      <div className="drop-zone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <label>
          {t('credentials.verify.pick')}
          <input type="file" accept=".json,.jsonld,.png,application/json,image/png" onChange={(e) => void check(e.target.files?.[0])} />
        </label>
      </div>
      {busy && <p className="muted">{t('credentials.verify.checking')}</p>}
      {error && (
        <p role="alert" className="verify-result bad">
          {error}
        </p>
      )}
      {report && (
        <div role="status" className={`verify-result ${holds && report.revocation !== 'revoked' ? 'good' : 'bad'}`}>
          <p className="verify-verdict">
            {holds ? t('credentials.verify.signatureValid') : t(`credentials.verify.problem.${report.problem ?? 'signature_invalid'}`)}
          </p>
          <p>{t(`credentials.verify.revocation.${report.revocation}`)}</p>
          <dl>
            <dt>{t('credentials.verify.issuer')}</dt>
            <dd dir="auto">
              {report.issuer.name ?? ''} <code className="did">{report.issuer.id}</code>
            </dd>
            <dt>{t('credentials.verify.recipient')}</dt>
            <dd dir="auto">{report.recipient ?? '—'}</dd>
            <dt>{t('credentials.verify.achievement')}</dt>
            <dd dir="auto">
              <strong>{report.achievement.name}</strong>
              <br />
              {report.achievement.description}
            </dd>
            <dt>{t('credentials.verify.issuedAt')}</dt>
            <dd>{report.issuedAt ? new Date(report.issuedAt).toLocaleDateString(i18n.language, { dateStyle: 'long' }) : '—'}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
