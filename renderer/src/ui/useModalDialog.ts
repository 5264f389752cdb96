import { useEffect, useRef } from 'react';

/** A `<dialog>` shown as a modal while the component is mounted; put the ref on the dialog. */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  return dialog;
}
