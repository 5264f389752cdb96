import { create } from 'zustand';

/** A question the person must answer before something is lost: the words are already translated. */
export interface ConfirmRequest {
  message: string;
  confirmLabel: string;
  /** "Keep recording" says more than "Cancel" where there is a better word. */
  cancelLabel?: string;
}

interface Pending extends ConfirmRequest {
  resolve(confirmed: boolean): void;
}

interface ConfirmState {
  pending: Pending | null;
  answer(confirmed: boolean): void;
}

export const useConfirmStore = create<ConfirmState>((set, get) => ({
  pending: null,
  answer(confirmed) {
    const pending = get().pending;
    set({ pending: null });
    pending?.resolve(confirmed);
  },
}));

/**
 * The studio's own confirm(): asked in its dialog (translated, styled, right to left where it should be),
 * never the browser's, whose buttons speak the browser's language and whose title names the address.
 */
export function askConfirm(request: ConfirmRequest): Promise<boolean> {
  // A second question replaces an unanswered first, which counts as a "no".
  useConfirmStore.getState().pending?.resolve(false);
  return new Promise((resolve) => useConfirmStore.setState({ pending: { ...request, resolve } }));
}
