import { create } from 'zustand';
import type { LocalCommunity } from '../../../common/schemas/community';
import { call, studio } from '../bridge/studio';

interface CommunitiesStore {
  communities: LocalCommunity[];
  loaded: boolean;
  load(): Promise<void>;
}

/** The communities this device knows, fresh from the hub when it answers, from the cache otherwise. */
export const useCommunities = create<CommunitiesStore>((set) => ({
  communities: [],
  loaded: false,
  async load() {
    set({ communities: await call('communities.list', {}), loaded: true });
  },
}));

// A sync can add or forget communities (joined elsewhere, removed by a lead).
studio.on('library.changed', () => {
  if (useCommunities.getState().loaded) void useCommunities.getState().load();
});
