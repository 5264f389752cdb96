import { create } from 'zustand';
import type { Notification, ReviewRequest } from '../../../common/schemas/review';
import { call, studio } from '../bridge/studio';

/** The review screens' shared state: the mentor inbox, the teacher's requests, and the notices. */
interface ReviewsState {
  inbox: { forMe: ReviewRequest[]; open: ReviewRequest[] } | null;
  mine: ReviewRequest[] | null;
  notices: Notification[];
  unread: number;
  /** Bumped whenever something under review changes, so screens holding their own data reload. */
  version: number;
  loadInbox(): Promise<void>;
  loadMine(): Promise<void>;
  loadNotices(): Promise<void>;
}

export const useReviews = create<ReviewsState>((set) => ({
  inbox: null,
  mine: null,
  notices: [],
  unread: 0,
  version: 0,
  async loadInbox() {
    set({ inbox: await call('reviews.inbox', {}) });
  },
  async loadMine() {
    set({ mine: await call('reviews.mine', {}) });
  },
  async loadNotices() {
    const { items, unread } = await call('notifications.list', {});
    set({ notices: items, unread });
  },
}));

const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);

studio.on('reviews.changed', () => {
  const { inbox, mine, version, loadInbox, loadMine } = useReviews.getState();
  useReviews.setState({ version: version + 1 });
  if (inbox) quietly(loadInbox());
  if (mine) quietly(loadMine());
});
studio.on('notifications.changed', () => quietly(useReviews.getState().loadNotices()));
