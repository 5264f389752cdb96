import { create } from 'zustand';

export type HeaderPopover = 'sync' | 'jobs';

interface HeaderPopoverState {
  /** At most one: two popovers in the header would open one over the other. */
  open: HeaderPopover | null;
  toggle(name: HeaderPopover): void;
  close(name: HeaderPopover): void;
}

export const useHeaderPopovers = create<HeaderPopoverState>((set, get) => ({
  open: null,
  toggle(name) {
    set({ open: get().open === name ? null : name });
  },
  close(name) {
    if (get().open === name) set({ open: null });
  },
}));
