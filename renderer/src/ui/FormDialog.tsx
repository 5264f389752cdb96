import type { ReactNode } from 'react';
import { useModalDialog } from './useModalDialog';

interface FormDialogProps {
  /** The dialog's class (its size and layout come from the feature's css). */
  className: string;
  titleId: string;
  title: ReactNode;
  onClose(): void;
  onSubmit(): void;
  /** Why the last attempt failed, announced at once. */
  problem: string | null;
  closeLabel: string;
  submitLabel: string;
  submitDisabled: boolean;
  children: ReactNode;
}

/**
 * A modal form with a title, its fields, the reason the last attempt failed, and two actions: close
 * (Escape too) and submit. Opened as a modal when it mounts, closed when it unmounts.
 */
export function FormDialog(p: FormDialogProps) {
  const dialog = useModalDialog();
  return (
    <dialog ref={dialog} className={p.className} aria-labelledby={p.titleId} onClose={p.onClose}>
      <form
        className="details-form"
        onSubmit={(e) => {
          e.preventDefault();
          p.onSubmit();
        }}
      >
        <h2 id={p.titleId}>{p.title}</h2>
        {p.children}
        {p.problem && (
          <p className="error-text" role="alert">
            {p.problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="ghost" onClick={p.onClose}>
            {p.closeLabel}
          </button>
          <button type="submit" className="primary" disabled={p.submitDisabled}>
            {p.submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
