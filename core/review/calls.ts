import type { CoreContext } from '../app/context';
import { ok, type CallsOf } from '../app/calls';
import { addDraftNote, amendReview, claimRequest, discardDraft, saveDraft, submitDraft } from './drafts';
import { communityStats, growthOf } from './growth';
import { listNotifications, readNotifications } from './notifications';
import { lessonReviews, mentorInbox, myRequests, requestReview, withdrawRequest } from './requests';
import { markActedOn, savePlan } from './response';

/** The `reviews.*` calls and `notifications.*` (the review notices: requests, replies, due dates). */
export function reviewCalls(ctx: CoreContext): CallsOf<'reviews' | 'notifications'> {
  return {
    'reviews.request': async (args) => requestReview(ctx, args),
    'reviews.withdraw': async ({ id }) => withdrawRequest(ctx, id),
    'reviews.inbox': async () => mentorInbox(ctx),
    'reviews.mine': async () => myRequests(ctx),
    'reviews.forLesson': async ({ lessonId }) => lessonReviews(ctx, lessonId),
    'reviews.claim': async ({ id }) => claimRequest(ctx, id),
    'reviews.saveDraft': async (args) => saveDraft(ctx, args),
    'reviews.addNote': async (args) => addDraftNote(ctx, args),
    'reviews.submit': async ({ id }) => submitDraft(ctx, id),
    'reviews.amend': async ({ id }) => amendReview(ctx, id),
    'reviews.discard': async ({ id }) => {
      discardDraft(ctx, id);
      return ok;
    },
    'reviews.actOn': async (args) => markActedOn(ctx, args),
    'reviews.savePlan': async (args) => savePlan(ctx, args),
    'reviews.growth': async (args) => growthOf(ctx, args),
    'reviews.stats': async () => communityStats(ctx),

    'notifications.list': async () => listNotifications(ctx),
    'notifications.read': async ({ ids }) => {
      readNotifications(ctx, ids);
      return ok;
    },
    'notifications.present': async (notice) => {
      ctx.bus.emit('notifications.present', notice);
      return ok;
    },
  };
}
