import { create } from 'zustand';

/**
 * An invitation the person brought before they had an account (pasted on the sign-in form, or a
 * `practicecircle://join` link): it names the hub to sign in to, then fills in the join form.
 */
export const usePendingInvite = create<{ invite: string; set(invite: string): void }>((set) => ({
  invite: '',
  set: (invite) => set({ invite }),
}));

/**
 * The desktop app opens its window on `#/join?invite=<link>` when started from a join link
 * (main/join-links.ts): the invite is kept here and the hub screen shown.
 */
export function inviteFromAddress(hash: string): string | null {
  const match = /^#\/join\?(.*)$/.exec(hash);
  return match ? new URLSearchParams(match[1]).get('invite') : null;
}
