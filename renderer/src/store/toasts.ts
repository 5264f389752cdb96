import { create } from 'zustand';

/** A button on a toast that offers the obvious next step (importing the videos of a folder). */
export interface ToastAction {
  label: string;
  run(): void;
}

export interface Toast {
  id: number;
  /** A warning is news that something went only partly well: like an error, it stays until dismissed. */
  kind: 'info' | 'warning' | 'error';
  text: string;
  action?: ToastAction;
}

interface ToastState {
  toasts: Toast[];
  show(kind: Toast['kind'], text: string, action?: ToastAction): void;
  dismiss(id: number): void;
}

let next = 1;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(kind, text, action) {
    const id = next++;
    set({ toasts: [...get().toasts, { id, kind, text, ...(action && { action }) }] });
    // Errors stay until dismissed: a person must be able to read why something was refused.
    if (kind === 'info') setTimeout(() => get().dismiss(id), 5000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
