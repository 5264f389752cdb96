import { useEffect } from 'react';
import { studio } from '../bridge/studio';
import { useRoute } from '../store/route';
import { inviteFromAddress, usePendingInvite } from './pending-invite';

/** An invitation the desktop app was opened on, at start or while running, leads to the hub screen. */
export function useInviteLinks(): void {
  const go = useRoute((s) => s.go);
  useEffect(() => {
    const show = (invite: string) => {
      usePendingInvite.getState().set(invite);
      go({ name: 'hub' });
    };
    const atStart = inviteFromAddress(window.location.hash);
    if (atStart) show(atStart);
    return studio.on('app.openInvite', ({ link }) => show(link));
  }, [go]);
}
