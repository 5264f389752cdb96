import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { formatPercent } from '../lib/format';
import { useToasts } from '../store/toasts';
import { useCollectionMutations } from './mutations';

/**
 * Imports a `.pcircle` package. The core checks it before anything is written and refuses a bad one
 * with its reason; a good one imports as a job the jobs indicator follows.
 */
export function ImportPackageButton() {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const toast = useToasts((s) => s.show);
  const { importPackage } = useCollectionMutations();
  const [sending, setSending] = useState<number | null>(null);

  const importFile = async (file: File) => {
    try {
      setSending(0);
      await importPackage(file, (fraction) => setSending(fraction));
      toast('info', t('packages.importStarted', { name: file.name }));
    } catch (err) {
      toast('error', t('packages.importRefused', { name: file.name, reason: errorMessage(t, err) }));
    } finally {
      setSending(null);
    }
  };

  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={sending !== null}>
        {t('packages.import')}
      </button>
      {sending !== null && (
        <progress max={1} value={sending} aria-label={t('packages.sending', { percent: formatPercent(sending, i18n.language) })} />
      )}
      <input
        ref={input}
        type="file"
        hidden
        accept=".pcircle"
        data-testid="package-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </>
  );
}
