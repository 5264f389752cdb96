import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnfinishedRecording } from '../../../common/schemas/recording';
import { errorMessage } from '../lib/errors';
import { formatBytes, formatDate, formatTimecode } from '../lib/format';
import { useRoute } from '../store/route';
import { useToasts } from '../store/toasts';
import './recording.css';
import { recordingActions } from './actions';

/**
 * Shown on launch when a crash (or a flat battery) cut recordings off: each can be recovered into a
 * normal lesson, discarded after a second confirmation, or left for the next start.
 */
export function RecoveryDialog() {
  const { t, i18n } = useTranslation();
  const go = useRoute((s) => s.go);
  const toast = useToasts((s) => s.show);
  const [items, setItems] = useState<UnfinishedRecording[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    recordingActions.listUnfinished({}).then(setItems, (err: unknown) => toast('error', errorMessage(t, err)));
  }, [t, toast]);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (items.length && !d.open) d.showModal();
    if (!items.length && d.open) d.close();
  }, [items.length]);

  const settle = (id: string) => setItems((list) => list.filter((r) => r.id !== id));
  const when = (r: UnfinishedRecording) => formatDate(r.startedAt, i18n.language);

  const recover = async (r: UnfinishedRecording) => {
    setBusy(r.id);
    try {
      const lesson = await recordingActions.recover({ id: r.id, title: t('recovery.recoveredTitle', { date: when(r) }) });
      settle(r.id);
      toast('info', t('recovery.recovered'));
      go({ name: 'lesson', id: lesson.id });
    } catch (err) {
      toast('error', errorMessage(t, err));
    } finally {
      setBusy(null);
    }
  };
  const discard = async (r: UnfinishedRecording) => {
    setBusy(r.id);
    try {
      await recordingActions.discardUnfinished({ id: r.id });
      settle(r.id);
    } catch (err) {
      toast('error', errorMessage(t, err));
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  };

  return (
    <dialog ref={dialog} className="recovery" aria-labelledby="recovery-title" onCancel={() => setItems([])}>
      <h2 id="recovery-title">{t('recovery.title')}</h2>
      <p>{t('recovery.body', { count: items.length })}</p>
      <ul className="recovery-list">
        {items.map((r) => (
          <li key={r.id}>
            <div>
              <strong>{t(r.mode ? `record.modes.${r.mode}` : 'recovery.unknownMode')}</strong>
              <span className="muted">
                {t('recovery.item', {
                  date: when(r),
                  duration: formatTimecode(r.durationMs, i18n.language),
                  size: formatBytes(r.sizeBytes, i18n.language),
                })}
              </span>
              {r.deviceLabel && (
                <span className="muted small-text" dir="auto">
                  {r.deviceLabel}
                </span>
              )}
            </div>
            {confirming === r.id ? (
              <div className="recovery-actions" role="group" aria-label={t('recovery.confirmDiscard')}>
                <span>{t('recovery.confirmDiscard')}</span>
                <button type="button" onClick={() => setConfirming(null)} autoFocus>
                  {t('recovery.keep')}
                </button>
                <button type="button" className="danger" disabled={busy !== null} onClick={() => void discard(r)}>
                  {t('recovery.confirmDiscardButton')}
                </button>
              </div>
            ) : (
              <div className="recovery-actions">
                <button
                  type="button"
                  className="primary"
                  disabled={busy !== null}
                  onClick={() => void recover(r)}
                  aria-label={t('recovery.recoverNamed', { date: when(r) })}
                >
                  {t('recovery.recover')}
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={busy !== null}
                  onClick={() => setConfirming(r.id)}
                  aria-label={t('recovery.discardNamed', { date: when(r) })}
                >
                  {t('recovery.discard')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="recovery-footer">
        <button type="button" onClick={() => setItems([])}>
          {t('recovery.later')}
        </button>
      </div>
    </dialog>
  );
}
