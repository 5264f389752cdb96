import { z } from 'zod';
import { exportFileSchema } from '../schemas/export';
import { idSchema } from '../schemas/ids';
import {
  actOnSchema,
  calibrationListSchema,
  calibrationMarkSchema,
  calibrationSchema,
  calibrationScoreInputSchema,
  communityStatsSchema,
  draftNoteSchema,
  draftSaveSchema,
  draftSchema,
  growthInputSchema,
  growthSchema,
  inboxSchema,
  lessonReviewsSchema,
  notificationListSchema,
  notificationReadSchema,
  notificationSchema,
  planSaveSchema,
  planSchema,
  requestCreateSchema,
  requestSchema,
  reviewSchema,
  rubricAdoptSchema,
  rubricImportSchema,
  rubricListSchema,
  rubricSaveSchema,
  rubricSchema,
} from '../schemas/review';

/**
 * The review domain's part of the contract (common/contract.ts spreads it in): rubrics, requests,
 * drafts and reviews, the teacher's answer, growth, notifications and calibration.
 */
function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

const none = z.object({}).strict().default({});
const byId = z.object({ id: idSchema }).strict();
const ok = z.object({ ok: z.literal(true) });

/** What the renderer asks the desktop shell to show for a notice: already in the person's language. */
export const desktopNoticeSchema = z.object({ id: idSchema, title: z.string().max(200), body: z.string().max(500) }).strict();

export const reviewCalls = {
  'rubrics.list': call(rubricListSchema.strict(), z.array(rubricSchema)),
  'rubrics.get': call(byId, rubricSchema),
  'rubrics.save': call(rubricSaveSchema.strict(), rubricSchema),
  'rubrics.import': call(rubricImportSchema.strict(), rubricSchema),
  'rubrics.adopt': call(rubricAdoptSchema.strict(), rubricSchema),
  'rubrics.delete': call(byId, ok),
  'rubrics.export': call(byId, exportFileSchema),

  'reviews.request': call(requestCreateSchema.strict(), requestSchema),
  'reviews.withdraw': call(byId, requestSchema),
  'reviews.inbox': call(none, inboxSchema),
  'reviews.mine': call(none, z.array(requestSchema)),
  'reviews.forLesson': call(z.object({ lessonId: idSchema }).strict(), lessonReviewsSchema),
  /** Takes a request (by its id) and opens the draft for it. */
  'reviews.claim': call(byId, draftSchema),
  'reviews.saveDraft': call(draftSaveSchema.strict(), draftSchema),
  'reviews.addNote': call(draftNoteSchema.strict(), draftSchema),
  'reviews.submit': call(byId, reviewSchema),
  'reviews.amend': call(byId, draftSchema),
  'reviews.discard': call(byId, ok),
  'reviews.actOn': call(actOnSchema.strict(), planSchema),
  'reviews.savePlan': call(planSaveSchema.strict(), planSchema),
  'reviews.growth': call(growthInputSchema.strict(), growthSchema),
  'reviews.stats': call(none, z.array(communityStatsSchema)),

  'notifications.list': call(none, notificationListSchema),
  'notifications.read': call(notificationReadSchema.strict(), ok),
  /** Shows a notice on the desktop; only the Electron shell listens, the browser shell shows it in the page. */
  'notifications.present': call(desktopNoticeSchema, ok),

  'calibration.list': call(calibrationListSchema.strict(), z.array(calibrationSchema)),
  'calibration.mark': call(calibrationMarkSchema.strict(), calibrationSchema),
  'calibration.score': call(calibrationScoreInputSchema.strict(), calibrationSchema),
} as const;

export const reviewEvents = {
  /** Something under review changed (here, or pulled from the hub): screens showing reviews reload. */
  'reviews.changed': z.object({}),
  'notifications.new': z.object({ items: z.array(notificationSchema) }),
  'notifications.changed': z.object({}),
  /** For the desktop shell: show this notice (see `notifications.present`). */
  'notifications.present': desktopNoticeSchema,
  /** The desktop shell's notice was clicked: the renderer opens what it is about. */
  'notifications.open': z.object({ id: idSchema }),
} as const;
