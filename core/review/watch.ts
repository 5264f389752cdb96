import type { CoreContext } from '../app/context';
import { sentDrafts } from './draft-store';
import { refreshNotifications } from './notifications';
import { reviewOpRejected, settleSentDrafts } from './settle';

/** Due dates draw near with no change to any record: look again every few minutes. */
const DUE_CHECK_MS = 5 * 60_000;

/**
 * Keeps the review screens and the inbox current: after pulled review records or notes (a reply),
 * after each sync (a draft the hub has now taken, or refused), and on a timer for due dates. Returns a
 * stop function.
 */
export function watchReviews(ctx: Omit<CoreContext, 'jobs'>): () => void {
  let pending: NodeJS.Timeout | undefined;
  const refresh = () => {
    pending = undefined;
    const sent = sentDrafts(ctx.db).length;
    settleSentDrafts(ctx.db);
    const items = refreshNotifications(ctx.db, ctx.now());
    if (items.length > 0) {
      ctx.bus.emit('notifications.new', { items });
      ctx.bus.emit('notifications.changed', {});
    }
    if (items.length > 0 || sentDrafts(ctx.db).length !== sent) ctx.bus.emit('reviews.changed', {});
  };
  const soon = () => {
    if (pending) return;
    pending = setTimeout(() => {
      try {
        refresh();
      } catch (err) {
        // The database closed under a late timer, or a record this version cannot read: the next look tries again.
        ctx.logger.warn('review refresh failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }, 0).unref();
  };
  const stopHearingPulls = ctx.events.on('review.pulled', () => {
    ctx.bus.emit('reviews.changed', {});
    soon();
  });
  const stopHearingRefusals = ctx.events.on('outbox.rejected', ({ op, reason, params }) =>
    reviewOpRejected(ctx.db, op, reason, params, ctx.now()),
  );
  const unsubscribe = ctx.bus.subscribe((name) => {
    if (name === 'library.changed' || name === 'sync.state') soon();
  });
  const timer = setInterval(soon, DUE_CHECK_MS).unref();
  soon();
  return () => {
    unsubscribe();
    stopHearingPulls();
    stopHearingRefusals();
    clearInterval(timer);
    clearTimeout(pending);
  };
}
