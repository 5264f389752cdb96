import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmStore } from '../store/confirm';

/**
 * The one confirmation dialog, mounted once for the whole app. A modal <dialog> keeps focus inside it
 * and answers Esc with "cancel"; focus goes back to the control that asked, since the page behind may
 * re-render and the browser would otherwise drop focus on the body.
 */
export function ConfirmDialog() {
  const { t } = useTranslation();
  const pending = useConfirmStore((s) => s.pending);
  const answer = useConfirmStore((s) => s.answer);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!pending || !d) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
    return () => {
      d.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [pending]);

  if (!pending) return null;
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      role="alertdialog"
      aria-labelledby="confirm-message"
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      <p id="confirm-message" dir="auto">
        {pending.message}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => answer(false)} autoFocus>
          {pending.cancelLabel ?? t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => answer(true)}>
          {pending.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
