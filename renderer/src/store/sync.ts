import { create } from 'zustand';
import { setRegion } from '../lib/locale';
import type { HubStatus } from '../../../common/schemas/community';
import type { SyncState, Transfer } from '../../../common/schemas/sync';
import { call, studio } from '../bridge/studio';

interface SyncStore {
  state: SyncState | null;
  hub: HubStatus | null;
  transfers: Record<string, Transfer>;
  load(): Promise<void>;
  refreshHub(): Promise<HubStatus>;
  loadTransfers(): Promise<void>;
}

/** The hub session, the sync engine's state and the transfers, kept current by the core's events. */
export const useSync = create<SyncStore>((set) => ({
  state: null,
  hub: null,
  transfers: {},
  async load() {
    const [state, hub, transfers] = await Promise.all([call('sync.status', {}), call('hub.status', {}), call('transfers.list', {})]);
    set({ state, hub, transfers: Object.fromEntries(transfers.map((t) => [t.id, t])) });
  },
  async refreshHub() {
    const hub = await call('hub.status', {});
    set({ hub });
    return hub;
  },
  async loadTransfers() {
    const transfers = await call('transfers.list', {});
    set({ transfers: Object.fromEntries(transfers.map((t) => [t.id, t])) });
  },
}));

studio.on('sync.state', (state) => {
  const previous = useSync.getState().state;
  useSync.setState({ state });
  // A session that ended or came back changes what the account panel shows.
  if (previous?.signedIn !== state.signedIn || previous?.sessionExpired !== state.sessionExpired) void useSync.getState().refreshHub();
});
studio.on('transfers.progress', (t) => useSync.setState({ transfers: { ...useSync.getState().transfers, [t.id]: t } }));

export function activeTransfers(transfers: Record<string, Transfer>): Transfer[] {
  return Object.values(transfers).filter((t) => t.state !== 'done');
}

// Dates are written in the UI language with the region of the person's account (see lib/locale.ts).
useSync.subscribe((s) => setRegion(s.hub?.account?.country));
