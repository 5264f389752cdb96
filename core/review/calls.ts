import type { StudioApi } from '../../common/contract';
import type { CoreContext } from '../app/context';
import { listCalibrations, markExemplar, scoreExemplar } from '../calibration/calibration';
import { adoptRubric, deleteRubric, exportRubric, getRubric, importRubric, listRubrics, saveRubric } from '../rubrics/rubrics';
import { addDraftNote, amendReview, claimRequest, discardDraft, saveDraft, submitDraft } from './drafts';
import { communityStats, growthOf } from './growth';
import { listNotifications, readNotifications } from './notifications';
import { lessonReviews, mentorInbox, myRequests, requestReview, withdrawRequest } from './requests';
import { markActedOn, savePlan } from './response';

type ReviewApi = Pick<
  StudioApi,
  Extract<keyof StudioApi, `rubrics.${string}` | `reviews.${string}` | `notifications.${string}` | `calibration.${string}`>
>;

/** The review domain's calls, spread into the core's API (core/api.ts). */
export function reviewApi(ctx: CoreContext): ReviewApi {
  const ok = { ok: true } as const;
  return {
    'rubrics.list': async ({ communityId }) => listRubrics(ctx.db, communityId),
    'rubrics.get': async ({ id }) => getRubric(ctx.db, id),
    'rubrics.save': async (args) => saveRubric(ctx, args),
    'rubrics.import': async (args) => importRubric(ctx, args),
    'rubrics.adopt': async (args) => adoptRubric(ctx, args),
    'rubrics.delete': async ({ id }) => {
      deleteRubric(ctx, id);
      return ok;
    },
    'rubrics.export': async ({ id }) => exportRubric(ctx.db, id),

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

    'calibration.list': async (args) => listCalibrations(ctx, args),
    'calibration.mark': async (args) => markExemplar(ctx, args),
    'calibration.score': async (args) => scoreExemplar(ctx, args),
  };
}
