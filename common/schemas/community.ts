import { z } from 'zod';
import {
  communitySchema,
  createCommunityRequestSchema,
  createInviteRequestSchema,
  emailSchema,
  inviteSchema,
  memberSchema,
  signUpRequestSchema,
} from '../hub-api';
import { roleSchema } from '../permissions';
import { idSchema, timestampSchema } from './ids';
import { sharerFields } from './sharing';

/** A hub address as people type it: http(s) only, no credentials, trailing slashes dropped. */
export const hubUrlSchema = z
  .url({ protocol: /^https?$/, error: 'hub_address_invalid' })
  .max(2000, 'hub_address_invalid')
  .transform((url) => url.replace(/\/+$/, ''));

export const accountSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  country: z.string().nullable(),
  languages: z.array(z.string()),
  timezone: z.string().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const hubStatusSchema = z.object({
  hubUrl: z.string().nullable(),
  /** The person last signed in on this device; kept while their session is expired so nothing is lost. */
  account: accountSchema.nullable(),
  /** The hub no longer accepts the session: the person must sign in again (as the same account). */
  sessionExpired: z.boolean(),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;

/** The hub's own sign-up request, plus which hub to send it to. */
export const signUpInputSchema = signUpRequestSchema.extend({ hubUrl: hubUrlSchema }).strict();

export const signInInputSchema = z.object({ hubUrl: hubUrlSchema, email: emailSchema, password: z.string().min(1).max(256) }).strict();
export const signOutInputSchema = z.object({ everywhere: z.boolean().default(false) }).strict();

/** A community as this device knows it; `syncedAt` says how fresh the cached copy is. */
export const localCommunitySchema = communitySchema.extend({
  memberCount: z.int().nonnegative(),
  lessonCount: z.int().nonnegative(),
  syncedAt: timestampSchema.nullable(),
});
export type LocalCommunity = z.infer<typeof localCommunitySchema>;

export const createCommunityInputSchema = createCommunityRequestSchema;
export const communityRefSchema = z.object({ communityId: z.uuid() }).strict();

export const inviteCreateInputSchema = z.object({ communityId: z.uuid() }).extend(createInviteRequestSchema.shape).strict();
export const inviteCreatedSchema = z.object({ invite: inviteSchema, code: z.string(), link: z.string() });
/** An open invitation as a lead sees it: the code and link only on the device that made it (the hub keeps a hash). */
export const localInviteSchema = inviteSchema.extend({ code: z.string().nullable(), link: z.string().nullable() });
export type LocalInvite = z.infer<typeof localInviteSchema>;
export const inviteRefSchema = z.object({ communityId: z.uuid(), inviteId: z.uuid() }).strict();

/** What a person pastes to join: the code alone, or the whole invite link (which names the hub). */
export const joinInputSchema = z.object({ codeOrLink: z.string().trim().min(8).max(2100) }).strict();
export const invitePreviewSchema = z.object({
  communityId: z.uuid(),
  name: z.string(),
  description: z.string(),
  languages: z.array(z.string()),
  role: roleSchema,
  expiresAt: timestampSchema,
});

export const memberRefSchema = z.object({ communityId: z.uuid(), userId: z.uuid() }).strict();
export const changeRoleInputSchema = memberRefSchema.extend({ role: roleSchema }).strict();
export const membersOutputSchema = z.object({ members: z.array(memberSchema), syncedAt: timestampSchema.nullable() });

/** A lesson shared into a community, as its page lists it. */
export const sharedLessonSchema = z.object({
  lessonId: idSchema,
  title: z.string(),
  durationMs: z.int().nonnegative().nullable(),
  posterAssetId: idSchema.nullable(),
  ...sharerFields,
});
export type SharedLesson = z.infer<typeof sharedLessonSchema>;
