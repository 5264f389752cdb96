import { z } from 'zod';
import { countryCodeSchema, epochMsSchema, languageTagSchema, recordIdSchema, sha256Schema } from './fields';
import { actionPlanFields, calibrationFields, calibrationScoreFields, reviewFields, reviewRequestFields } from '../review/records';
import { rubricFieldsShape } from '../review/rubric';
import { talkFiguresSchema, talkSegmentSchema } from '../schemas/talk';
import { achievementEntity, awardEntity, credentialEntity } from '../credentials/records';
import { blurRecordShape } from './blur-record';
import { defineEntity, type EntityDefinition } from './entity-definition';

export type { EntityDefinition } from './entity-definition';

export const consentVisibilities = ['no_learners', 'voices_only', 'faces'] as const;
export const licences = ['all_rights_reserved', 'cc_by', 'cc_by_sa', 'cc_by_nc', 'cc_by_nd', 'cc_by_nc_nd'] as const;
/**
 * What travels when a lesson is shared: a proxy by default, only its audio, the original file, or the
 * copy with the faces blurred (core/blur/), which receivers keep as the lesson's proxy.
 */
export const mediaKinds = ['proxy', 'audio', 'original', 'blurred'] as const;
export const noteKinds = ['observation', 'praise', 'question', 'suggestion'] as const;
export const NOTE_MAX_CHARS = 10_000;

/** The consent record asked for when a lesson is shared; one field so it always changes as a whole. */
export const consentSchema = z
  .object({
    visibility: z.enum(consentVisibilities),
    onFile: z.boolean(),
    /** null: shared until removed; otherwise for this many days from sharing (see the lesson's expiresAt). */
    durationDays: z.int().min(1).max(3650).nullable(),
    /** The copy that travels has the faces blurred (set by the studio from what it sends, not by the teacher). */
    facesBlurred: z.boolean().optional(),
    /**
     * The lesson shows faces, consent for them is not on file, and the teacher still chose to send them
     * unblurred: the explicit choice, recorded.
     */
    unblurredChosen: z.boolean().optional(),
    /**
     * The teacher ticked "Share the talk analysis": its lanes and figures travel with the lesson.
     * Absent (shares from before it existed) means no, as unticked does.
     */
    talkAnalysis: z.boolean().optional(),
  })
  .strict();
export type Consent = z.infer<typeof consentSchema>;

export const lessonEntity = defineEntity({
  fields: z
    .object({
      ownerId: z.uuid(),
      title: z.string().min(1).max(200),
      description: z.string().max(5000).optional(),
      subject: z.string().max(100).nullable().optional(),
      grade: z.string().max(50).nullable().optional(),
      language: languageTagSchema.nullable().optional(),
      country: countryCodeSchema.nullable().optional(),
      durationMs: z.int().nonnegative(),
      mediaKind: z.enum(mediaKinds),
      mediaSha: sha256Schema,
      mediaBytes: z.int().nonnegative(),
      posterSha: sha256Schema.nullable().optional(),
      spriteSha: sha256Schema.nullable().optional(),
      peaksSha: sha256Schema.nullable().optional(),
      consent: consentSchema,
      licence: z.enum(licences),
      expiresAt: epochMsSchema.nullable().optional(),
    })
    .strict(),
  immutable: ['ownerId'],
  ownerField: 'ownerId',
  expiresField: 'expiresAt',
  blobFields: ['mediaSha', 'posterSha', 'spriteSha', 'peaksSha'],
  permissions: { create: 'lesson.share', update: 'lesson.share', delete: 'lesson.unshare', view: 'lesson.view' },
});

export const noteEntity = defineEntity({
  fields: z
    .object({
      lessonId: recordIdSchema,
      kind: z.enum(noteKinds),
      startMs: z.int().nonnegative(),
      /** null for a note pinned to one moment; otherwise the end of the range it covers. */
      endMs: z.int().nonnegative().nullable(),
      text: z.string().min(1).max(NOTE_MAX_CHARS),
      codeId: z.string().max(64).nullable().optional(),
      /** The note this one replies to, in the same lesson. */
      parentId: recordIdSchema.nullable().optional(),
    })
    .strict(),
  immutable: ['lessonId', 'parentId'],
  parent: { entity: 'lesson', field: 'lessonId' },
  blobFields: [],
  permissions: { create: 'note.add', update: 'note.edit', delete: 'note.delete', view: 'lesson.view' },
});

/** A community's rubric; leads edit it, everyone scores with it. */
export const rubricEntity = defineEntity({
  fields: z.object(rubricFieldsShape).strict(),
  immutable: [],
  blobFields: [],
  permissions: { create: 'rubric.edit', update: 'rubric.edit', delete: 'rubric.edit', view: 'lesson.view' },
});

export const reviewRequestEntity = defineEntity({
  fields: z.object(reviewRequestFields).strict(),
  immutable: ['lessonId', 'requesterId', 'rubricId', 'requestedAt'],
  ownerField: 'requesterId',
  parent: { entity: 'lesson', field: 'lessonId' },
  blobFields: [],
  permissions: { create: 'review.request', update: 'review.request', delete: 'review.request', view: 'lesson.view' },
});

/** A mentor's claim on a request, which becomes their review once submitted (drafts never travel). */
export const reviewEntity = defineEntity({
  fields: z.object(reviewFields).strict(),
  immutable: ['requestId', 'lessonId', 'reviewerId'],
  ownerField: 'reviewerId',
  parent: { entity: 'reviewRequest', field: 'requestId' },
  blobFields: [],
  permissions: { create: 'review.submit', update: 'review.amend', delete: 'review.amend', view: 'lesson.view' },
});

/** The teacher's answer to a review: notes acted on, up to three goals, the next lesson. */
export const actionPlanEntity = defineEntity({
  fields: z.object(actionPlanFields).strict(),
  immutable: ['reviewId', 'teacherId'],
  ownerField: 'teacherId',
  parent: { entity: 'review', field: 'reviewId' },
  blobFields: [],
  permissions: { create: 'review.respond', update: 'review.respond', delete: 'review.respond', view: 'lesson.view' },
});

export const calibrationEntity = defineEntity({
  fields: z.object(calibrationFields).strict(),
  immutable: ['lessonId', 'leadId', 'rubricId'],
  ownerField: 'leadId',
  parent: { entity: 'lesson', field: 'lessonId' },
  blobFields: [],
  permissions: { create: 'calibration.edit', update: 'calibration.edit', delete: 'calibration.edit', view: 'lesson.view' },
});

/** A mentor's blind scores of an exemplar: final once given, so seeing the reference cannot change them. */
export const calibrationScoreEntity = defineEntity({
  fields: z.object(calibrationScoreFields).strict(),
  immutable: ['calibrationId', 'scorerId', 'scores', 'submittedAt'],
  ownerField: 'scorerId',
  parent: { entity: 'calibration', field: 'calibrationId' },
  blobFields: [],
  permissions: { create: 'calibration.score', update: 'calibration.score', delete: 'calibration.edit', view: 'lesson.view' },
});

/** A lead's curated collection of lessons and clips; any lead of its community may edit it. */
export const collectionEntity = defineEntity({
  fields: z
    .object({
      ownerId: z.uuid(),
      title: z.string().min(1).max(200),
      language: languageTagSchema.nullable().optional(),
      /** The description in each language it is written in, keyed by language tag. */
      descriptions: z.record(languageTagSchema, z.string().max(5000)).optional(),
      tags: z.array(z.string().min(1).max(60)).max(50).optional(),
      licence: z.enum(licences),
      /** The cover is a frame of one of its lessons; null for the first item's poster. */
      coverLessonId: recordIdSchema.nullable().optional(),
      coverMs: z.int().nonnegative().nullable().optional(),
    })
    .strict(),
  immutable: ['ownerId'],
  ownerField: 'ownerId',
  blobFields: [],
  permissions: { create: 'collection.edit', update: 'collection.edit', delete: 'collection.edit', view: 'collection.view' },
});

/**
 * A lesson, or a clip of one (a range), in a collection, with the curator's note. `position` is a
 * fractional index, so concurrent moves by two leads merge field by field. The lesson is a plain
 * field, not the parent: when its share is withdrawn the item stays (a lead sees it as withdrawn).
 */
export const collectionItemEntity = defineEntity({
  fields: z
    .object({
      collectionId: recordIdSchema,
      lessonId: recordIdSchema,
      startMs: z.int().nonnegative().nullable(),
      endMs: z.int().nonnegative().nullable(),
      title: z.string().max(200).optional(),
      note: z.string().max(NOTE_MAX_CHARS).optional(),
      position: z.string().regex(/^[0-9A-Za-z]{1,200}$/, 'not a fractional index'),
    })
    .strict(),
  immutable: ['collectionId', 'lessonId'],
  parent: { entity: 'collection', field: 'collectionId' },
  blobFields: [],
  permissions: { create: 'collection.edit', update: 'collection.edit', delete: 'collection.edit', view: 'collection.view' },
});

/**
 * A shared lesson's talk analysis (core/talk/): who speaks when and the figures, with the teacher's
 * corrections applied; never the sound or its measurements. It exists on the hub only while the
 * lesson is shared and its consent record says `talkAnalysis`; its id is its lesson's.
 */
export const talkAnalysisEntity = defineEntity({
  fields: z
    .object({
      lessonId: recordIdSchema,
      ownerId: z.uuid(),
      durationMs: z.int().nonnegative(),
      segments: z.array(talkSegmentSchema).max(20_000),
      figures: talkFiguresSchema,
      /** The teacher said two adults teach the lesson (absent in analyses shared before it could be said). */
      twoAdults: z.boolean().optional(),
    })
    .strict(),
  immutable: ['lessonId', 'ownerId'],
  ownerField: 'ownerId',
  parent: { entity: 'lesson', field: 'lessonId' },
  blobFields: [],
  permissions: { create: 'talk.share', update: 'talk.share', delete: 'talk.share', view: 'lesson.view' },
});

/**
 * Where a lesson shared with its faces blurred was blurred (common/sync/blur-record.ts): only while
 * its consent record says `facesBlurred`, written by its teacher alone; its id is its lesson's.
 */
export const blurRegionsEntity = defineEntity({
  fields: z.object(blurRecordShape).strict(),
  immutable: ['lessonId', 'ownerId'],
  ownerField: 'ownerId',
  parent: { entity: 'lesson', field: 'lessonId' },
  blobFields: [],
  permissions: { create: 'blur.share', update: 'blur.share', delete: 'blur.share', view: 'lesson.view' },
});

/**
 * The record types that travel through sync. Adding one (review request, review, rubric, collection,
 * collection item) means adding an entry here and its operations to the permission table; the hub's
 * push, pull, LWW and cascade code reads everything it needs from the entry.
 *
 * Memberships are deliberately not synced records: who belongs to a community and with which role is
 * decided by the hub alone (joining needs an invite, role changes need a lead), must take effect at
 * once rather than at the next sync, and must never be merged last-writer-wins. They go through REST.
 */
export const syncEntities = {
  lesson: lessonEntity,
  note: noteEntity,
  rubric: rubricEntity,
  reviewRequest: reviewRequestEntity,
  review: reviewEntity,
  actionPlan: actionPlanEntity,
  calibration: calibrationEntity,
  calibrationScore: calibrationScoreEntity,
  collection: collectionEntity,
  collectionItem: collectionItemEntity,
  talkAnalysis: talkAnalysisEntity,
  blurRegions: blurRegionsEntity,
  achievement: achievementEntity,
  award: awardEntity,
  credential: credentialEntity,
} as const;

export type EntityName = keyof typeof syncEntities;
export const entityNames = Object.keys(syncEntities) as [EntityName, ...EntityName[]];

export type LessonFields = z.infer<typeof lessonEntity.fields>;
export type NoteFields = z.infer<typeof noteEntity.fields>;
export type RubricFields = z.infer<typeof rubricEntity.fields>;
export type ReviewRequestFields = z.infer<typeof reviewRequestEntity.fields>;
export type ReviewFields = z.infer<typeof reviewEntity.fields>;
export type ActionPlanFields = z.infer<typeof actionPlanEntity.fields>;
export type CalibrationFields = z.infer<typeof calibrationEntity.fields>;
export type CalibrationScoreFields = z.infer<typeof calibrationScoreEntity.fields>;
export type TalkAnalysisFields = z.infer<typeof talkAnalysisEntity.fields>;
export type BlurRegionsFields = z.infer<typeof blurRegionsEntity.fields>;

export function entityDefinition(entity: EntityName): EntityDefinition {
  return syncEntities[entity] as unknown as EntityDefinition;
}

/** Entities whose `parent` is `entity`, for cascading deletes. */
export function childEntitiesOf(entity: EntityName): EntityName[] {
  return entityNames.filter((name) => entityDefinition(name).parent?.entity === entity);
}
