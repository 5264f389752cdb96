import { z } from 'zod';
import { idSchema } from './schemas/ids';
import { jobSchema } from './schemas/job';
import { appInfoSchema } from './schemas/app';
import {
  folderVideosSchema,
  importResultSchema,
  importSourceSchema,
  lessonListInputSchema,
  lessonListOutputSchema,
  lessonPatchSchema,
  lessonSchema,
} from './schemas/lesson';
import { noteAddSchema, notePatchSchema, noteSchema } from './schemas/note';
import { captionImportSchema, captionTrackSchema } from './schemas/caption';
import { clipAddSchema, clipRenameSchema, clipSchema } from './schemas/clip';
import { codingListSchema, codingSchemeSchema, schemeSaveSchema } from './schemas/coding';
import { exportFileSchema, noteExportSchema, talkVttSchema } from './schemas/export';
import { reflectionSaveSchema, reflectionSchema } from './schemas/reflection';
import { talkAdultsSchema, talkAnalysisSchema, talkCorrectSchema, talkGrowthInputSchema, talkGrowthSchema } from './schemas/talk';
import { blurDetectSchema, blurDrawSchema, blurEndSchema, blurFixedSchema, blurRegionRefSchema, blurStateSchema } from './schemas/blur';
import { searchInputSchema, searchOutputSchema } from './schemas/search';
import {
  collectionCreateSchema,
  collectionPatchSchema,
  collectionSchema,
  collectionSummarySchema,
  itemAddSchema,
  itemMoveSchema,
  itemUpdateSchema,
  publishSchema,
} from './schemas/collection';
import { exportEstimateSchema, exportRequestSchema, exportStartedSchema, importRequestSchema } from './schemas/package';
import {
  recordingChunkResultSchema,
  recordingChunkSchema,
  recordingRecoverSchema,
  recordingStartSchema,
  recordingStopSchema,
  screenSourceSchema,
  unfinishedRecordingSchema,
} from './schemas/recording';
import { settingsPatchSchema, settingsSchema } from './schemas/settings';
import {
  changeRoleInputSchema,
  communityRefSchema,
  createCommunityInputSchema,
  hubStatusSchema,
  invitePreviewSchema,
  inviteCreatedSchema,
  inviteCreateInputSchema,
  inviteRefSchema,
  localInviteSchema,
  joinInputSchema,
  localCommunitySchema,
  memberRefSchema,
  membersOutputSchema,
  sharedLessonSchema,
  signInInputSchema,
  signOutInputSchema,
  signUpInputSchema,
} from './schemas/community';
import { shareDetailsSchema, shareInputSchema } from './schemas/sharing';
import { connectionInputSchema, syncStateSchema, transferSchema } from './schemas/sync';
import { errorPayloadSchema, type ErrorCode } from './errors';
import { reviewCalls, reviewEvents } from './review/calls';
import { credentialCalls } from './credentials/calls';

/**
 * The one list of everything the UI can ask of the core, and everything the core pushes back.
 * main/ registers these on ipcMain, preload/ exposes them as window.studio, web/ serves them as
 * POST /rpc/<name>; the renderer gets the same typed client either way.
 */
function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

const none = z.object({}).strict().default({});
const byId = z.object({ id: idSchema }).strict();
const byLesson = z.object({ lessonId: idSchema }).strict();
const ok = z.object({ ok: z.literal(true) });

export const calls = {
  'app.info': call(none, appInfoSchema),

  'settings.get': call(none, settingsSchema),
  'settings.set': call(settingsPatchSchema.strict(), settingsSchema),

  'lessons.list': call(lessonListInputSchema, lessonListOutputSchema),
  'lessons.get': call(byId, lessonSchema),
  'lessons.import': call(z.object({ sources: z.array(importSourceSchema).min(1).max(100) }).strict(), importResultSchema),
  /** The videos directly inside a folder that was given to import (Electron hands the core paths). */
  'lessons.listFolder': call(z.object({ path: z.string().min(1).max(4096) }).strict(), folderVideosSchema),
  'lessons.update': call(z.object({ id: idSchema, patch: lessonPatchSchema.strict() }).strict(), lessonSchema),
  'lessons.delete': call(byId, ok),

  'notes.list': call(z.object({ lessonId: idSchema }).strict(), z.array(noteSchema)),
  'notes.add': call(noteAddSchema.strict(), noteSchema),
  'notes.update': call(notePatchSchema.strict(), noteSchema),
  'notes.delete': call(byId, ok),
  'notes.restore': call(byId, noteSchema),

  'coding.list': call(byLesson, codingListSchema),
  'coding.choose': call(z.object({ lessonId: idSchema, schemeId: idSchema }).strict(), ok),
  'coding.save': call(schemeSaveSchema.strict(), codingSchemeSchema),
  'coding.delete': call(byId, ok),

  'clips.list': call(byLesson, z.array(clipSchema)),
  'clips.add': call(clipAddSchema, clipSchema),
  'clips.rename': call(clipRenameSchema.strict(), clipSchema),
  'clips.delete': call(byId, ok),
  'clips.export': call(byId, jobSchema),

  'reflection.get': call(byLesson, reflectionSchema),
  'reflection.save': call(reflectionSaveSchema.strict(), reflectionSchema),

  'search.query': call(searchInputSchema.strict(), searchOutputSchema),

  'captions.list': call(byLesson, z.array(captionTrackSchema)),
  'captions.import': call(captionImportSchema.strict(), captionTrackSchema),
  'captions.text': call(byId, z.object({ vtt: z.string() })),
  'captions.delete': call(byId, ok),

  'exports.notes': call(noteExportSchema.strict(), exportFileSchema),

  /** Who talks in a lesson (core/talk/): the analysis with the teacher's corrections applied. */
  'talk.get': call(byLesson, talkAnalysisSchema),
  /** The teacher labels a stretch teacher, co-teacher, student or other; the figures come back updated. */
  'talk.correct': call(talkCorrectSchema, talkAnalysisSchema),
  /** The teacher says whether two adults teach the lesson; the analysis comes back labelled again. */
  'talk.adults': call(talkAdultsSchema, talkAnalysisSchema),
  /** Analyses (again) on demand, for lessons from before the analysis existed: the job it queued. */
  'talk.analyse': call(byLesson, jobSchema),
  /** The analysis as a WebVTT track of its own (who speaks when), for the teacher to save. */
  'talk.vtt': call(talkVttSchema, exportFileSchema),
  /** A teacher's analysed lessons over time, for Growth: their own from this device, others' as shared with it. */
  'talk.growth': call(talkGrowthInputSchema, talkGrowthSchema),

  /** Faces blurred before a lesson leaves the device (core/blur/): the regions with the teacher's edits. */
  'blur.get': call(byLesson, blurStateSchema),
  /** Looks for faces as a job; a new detection replaces what an earlier one found, never the teacher's own regions. */
  'blur.detect': call(blurDetectSchema, jobSchema),
  'blur.remove': call(blurRegionRefSchema, blurStateSchema),
  'blur.draw': call(blurDrawSchema, blurStateSchema),
  'blur.end': call(blurEndSchema, blurStateSchema),
  'blur.addFixed': call(blurFixedSchema, blurStateSchema),
  'blur.undo': call(byLesson, blurStateSchema),
  /** Renders the blurred copy (a new version of the lesson's video) as a job; the original is never changed. */
  'blur.render': call(byLesson, jobSchema),

  'collections.list': call(none, z.array(collectionSummarySchema)),
  'collections.get': call(byId, collectionSchema),
  'collections.create': call(collectionCreateSchema.strict(), collectionSchema),
  'collections.update': call(collectionPatchSchema.strict(), collectionSchema),
  'collections.delete': call(byId, ok),
  'collections.addItem': call(itemAddSchema, collectionSchema),
  'collections.updateItem': call(itemUpdateSchema.strict(), collectionSchema),
  'collections.moveItem': call(itemMoveSchema.strict(), collectionSchema),
  'collections.removeItem': call(byId, collectionSchema),
  'collections.publish': call(publishSchema.strict(), collectionSchema),

  // .pcircle packages and offline web exports, both as jobs with progress (core/packages, core/web-export).
  'packages.estimate': call(exportRequestSchema.strict(), exportEstimateSchema),
  'packages.export': call(exportRequestSchema.strict(), exportStartedSchema),
  'packages.import': call(importRequestSchema.strict(), jobSchema),

  'recording.start': call(recordingStartSchema.strict(), z.object({ id: idSchema })),
  'recording.chunk': call(recordingChunkSchema.strict(), recordingChunkResultSchema),
  'recording.pause': call(byId, ok),
  'recording.resume': call(byId, ok),
  'recording.stop': call(recordingStopSchema.strict(), lessonSchema),
  'recording.discard': call(byId, ok),
  'recording.listUnfinished': call(none, z.array(unfinishedRecordingSchema)),
  'recording.recover': call(recordingRecoverSchema.strict(), lessonSchema),
  'recording.discardUnfinished': call(byId, ok),
  // The desktop app's screen picker; in the browser shell the list is empty and the browser picks.
  'capture.sources': call(none, z.array(screenSourceSchema)),
  'capture.choose': call(z.object({ id: screenSourceSchema.shape.id }).strict(), ok),

  'jobs.list': call(z.object({ lessonId: idSchema.optional() }).strict(), z.array(jobSchema)),
  'jobs.cancel': call(byId, jobSchema),
  'jobs.retry': call(byId, jobSchema),

  // Peer review: rubrics, requests, reviews, responses, growth, notifications, calibration (core/review).
  ...reviewCalls,
  ...credentialCalls,

  // Community hub: accounts, communities, sharing, sync and media transfers (core/sync, core/transfers).
  'hub.status': call(none, hubStatusSchema),
  'hub.signUp': call(signUpInputSchema, hubStatusSchema),
  'hub.signIn': call(signInInputSchema, hubStatusSchema),
  'hub.signOut': call(signOutInputSchema, hubStatusSchema),
  'communities.list': call(none, z.array(localCommunitySchema)),
  'communities.create': call(createCommunityInputSchema, localCommunitySchema),
  'communities.get': call(communityRefSchema, localCommunitySchema),
  'communities.lessons': call(communityRefSchema, z.array(sharedLessonSchema)),
  'communities.leave': call(communityRefSchema, ok),
  'members.list': call(communityRefSchema, membersOutputSchema),
  'members.changeRole': call(changeRoleInputSchema, membersOutputSchema),
  'members.remove': call(memberRefSchema, membersOutputSchema),
  'invites.create': call(inviteCreateInputSchema, inviteCreatedSchema),
  'invites.list': call(communityRefSchema, z.array(localInviteSchema)),
  'invites.revoke': call(inviteRefSchema, ok),
  'invites.preview': call(joinInputSchema, invitePreviewSchema),
  'invites.join': call(joinInputSchema, localCommunitySchema),
  'sharing.share': call(shareInputSchema.strict(), shareDetailsSchema),
  'sharing.unshare': call(byLesson, ok),
  'sharing.get': call(byLesson, shareDetailsSchema.nullable()),
  'sync.status': call(none, syncStateSchema),
  'sync.now': call(none, syncStateSchema),
  'sync.connection': call(connectionInputSchema, ok),
  'transfers.list': call(none, z.array(transferSchema)),
  'transfers.pause': call(byId, ok),
  'transfers.resume': call(byId, ok),
  'transfers.download': call(byLesson, ok),
} as const;

export const events = {
  'jobs.progress': jobSchema,
  'library.changed': z.object({ lessonIds: z.array(idSchema) }),
  ...reviewEvents,
  'collections.changed': z.object({ ids: z.array(idSchema) }),
  /** A community's achievements, awards or credentials changed, here or through sync. */
  'credentials.changed': z.object({ communityId: z.uuid() }),
  'sync.state': syncStateSchema,
  'transfers.progress': transferSchema,
  /** The desktop shell was opened on an invitation (a `practicecircle://join` link): show the join screen. */
  'app.openInvite': z.object({ link: z.string() }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallArgs<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}

/**
 * Calls whose input carries bytes, and the field that holds them. The browser shell sends that field
 * as the raw body of POST /rpc-binary/<name> (the other fields as JSON in the query), never as JSON;
 * Electron's IPC passes a Uint8Array through as is.
 */
export const binaryFields: Partial<Record<CallName, string>> = { 'recording.chunk': 'data' };

/** What the core implements: one async function per call, taking already-parsed input. */
export type StudioApi = { [N in CallName]: (args: CallArgs<N>) => Promise<CallOutput<N>> };

/** What a shell exposes to the renderer as window.studio. */
export interface StudioBridge {
  shell: 'electron' | 'web';
  invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** A URL the renderer can put in <video>/<img> for a media asset, named by id only. */
  mediaUrl(assetId: string): string;
  /** Hands a user-chosen file to the core without JSON: a path in Electron, a streamed upload in the browser. */
  prepareImport(file: File, onProgress?: (fraction: number) => void): Promise<z.input<typeof importSourceSchema>>;
  /** Electron only: saves the page shown (the printable report) as a PDF where the person chooses. */
  savePdf?(title: string): Promise<PdfSaveResult>;
}

/** What saving a PDF came to: saved, cancelled by the person (no error), or refused with a code. */
export interface PdfSaveResult {
  saved: boolean;
  error: ErrorCode | null;
}

/** Thrown by bridges when a call fails; carries the core's error payload. */
export class StudioCallError extends Error {
  constructor(readonly payload: z.output<typeof errorPayloadSchema>) {
    super(payload.message);
    this.name = 'StudioCallError';
  }
}
