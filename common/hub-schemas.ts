import { z } from 'zod';
import { roleSchema } from './permissions';
import { countryCodeSchema, epochMsSchema, languageTagSchema, sha256Schema, timeZoneSchema } from './sync/fields';

/** The bodies the hub's REST routes (hub-api.ts, which re-exports all of this) take and answer. */

// Accounts

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const passwordSchema = z.string().min(8).max(256);
export const displayNameSchema = z.string().trim().min(1).max(100);

export const profileSchema = z.object({
  displayName: displayNameSchema,
  country: countryCodeSchema.nullable(),
  languages: z.array(languageTagSchema).max(20),
  timezone: timeZoneSchema.nullable(),
});
export type Profile = z.infer<typeof profileSchema>;

export const userSchema = profileSchema.extend({ id: z.uuid(), email: z.string() });
export type HubUser = z.infer<typeof userSchema>;

export const signUpRequestSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    displayName: displayNameSchema,
    country: countryCodeSchema.nullable().default(null),
    languages: z.array(languageTagSchema).max(20).default([]),
    timezone: timeZoneSchema.nullable().default(null),
  })
  .strict();
export type SignUpRequest = z.input<typeof signUpRequestSchema>;

/**
 * Sign-up answers the same for a new email and for one that already has an account, and signs no
 * one in: an answer that differed (an error, a session) would tell anyone which emails have accounts.
 * A new email gets its account; a taken one is left as it was. The studio then signs in with the same
 * email and password, which works for a new account (and for a person who already had one with that
 * password) and otherwise fails like any wrong password, rate-limited per account and per address.
 */
export const signUpResponseSchema = z.object({ status: z.literal('accepted') });
export type SignUpResponse = z.infer<typeof signUpResponseSchema>;

export const signInRequestSchema = z.object({ email: emailSchema, password: z.string().max(256) }).strict();
export type SignInRequest = z.input<typeof signInRequestSchema>;

/**
 * Sessions slide: each use pushes `expiresAt` to 30 days ahead, up to 90 days after sign-in; then the
 * person signs in again. The token is shown once; the hub keeps only its hash.
 */
export const sessionResponseSchema = z.object({ token: z.string(), expiresAt: epochMsSchema, user: userSchema });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const updateProfileRequestSchema = profileSchema.partial().strict();
export const meResponseSchema = z.object({ user: userSchema });

// Communities, invites, members

export const communityFieldsSchema = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).default(''),
  languages: z.array(languageTagSchema).max(20).default([]),
});
export const createCommunityRequestSchema = communityFieldsSchema.strict();
export type CreateCommunityRequest = z.input<typeof createCommunityRequestSchema>;
export const updateCommunityRequestSchema = z
  .object({
    name: communityFieldsSchema.shape.name,
    description: z.string().max(2000),
    languages: z.array(languageTagSchema).max(20),
  })
  .partial()
  .strict();

export const communitySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  languages: z.array(z.string()),
  createdAt: epochMsSchema,
  myRole: roleSchema,
});
export type Community = z.infer<typeof communitySchema>;
export const communityResponseSchema = z.object({ community: communitySchema });
export const communitiesResponseSchema = z.object({ communities: z.array(communitySchema) });

export const INVITE_MAX_HOURS = 24 * 90;
export const createInviteRequestSchema = z
  .object({
    role: roleSchema.default('member'),
    expiresInHours: z
      .int()
      .min(1)
      .max(INVITE_MAX_HOURS)
      .default(24 * 7),
    /** null: any number of people may join with it until it expires. */
    maxUses: z.int().min(1).max(10_000).nullable().default(null),
  })
  .strict();
export type CreateInviteRequest = z.input<typeof createInviteRequestSchema>;

export const inviteSchema = z.object({
  id: z.uuid(),
  role: roleSchema,
  expiresAt: epochMsSchema,
  maxUses: z.int().nullable(),
  uses: z.int(),
  createdAt: epochMsSchema,
  revoked: z.boolean(),
});
export type Invite = z.infer<typeof inviteSchema>;
/** The code is shown once, at creation: the hub stores only its hash. */
export const createInviteResponseSchema = z.object({ invite: inviteSchema, code: z.string(), link: z.string() });
export const invitesResponseSchema = z.object({ invites: z.array(inviteSchema) });

/** Codes are typed by people: case, spaces and dashes do not matter. */
export const inviteCodeSchema = z
  .string()
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z2-9]{8,32}$/, 'not an invite code'));

export const inviteCodeRequestSchema = z.object({ code: inviteCodeSchema }).strict();
export type InviteCodeRequest = z.input<typeof inviteCodeRequestSchema>;

export const invitePreviewResponseSchema = z.object({
  communityId: z.uuid(),
  name: z.string(),
  description: z.string(),
  languages: z.array(z.string()),
  role: roleSchema,
  expiresAt: epochMsSchema,
});

/** An invite link is the hub's URL plus `/join/<code>`; the studio takes both parts from it. */
export function inviteLink(hubUrl: string, code: string): string {
  return `${hubUrl.replace(/\/+$/, '')}/join/${code}`;
}

export function parseInviteLink(link: string): { hubUrl: string; code: string } | null {
  const match = /^(https?:\/\/[^\s]+?)\/join\/([A-Za-z0-9-]+)\/?$/.exec(link.trim());
  return match ? { hubUrl: match[1] as string, code: match[2] as string } : null;
}

export const memberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: roleSchema,
  country: z.string().nullable(),
  languages: z.array(z.string()),
  timezone: z.string().nullable(),
  joinedAt: epochMsSchema,
});
export type Member = z.infer<typeof memberSchema>;
export const membersResponseSchema = z.object({ members: z.array(memberSchema) });
export const changeRoleRequestSchema = z.object({ role: roleSchema }).strict();

// Media

/** Sent by tus clients as `Upload-Metadata`; the hub refuses an upload without it. */
export const uploadMetadataSchema = z.object({
  sha256: sha256Schema,
  communityId: z.uuid(),
  filename: z.string().min(1).max(255),
  type: z.string().min(1).max(127),
});
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

/** Optional scope for blob requests: answer only if the blob belongs to this community. */
export const blobQuerySchema = z.object({ community: z.uuid().optional() }).strict();

/** tus answers a finished upload whose bytes do not hash to the announced sha256 with this status. */
export const HASH_MISMATCH_STATUS = 460;

// Events pushed over the WebSocket while a device is online

export const hubEventSchema = z.discriminatedUnion('type', [
  /** New ops landed in a community the person belongs to; pull to catch up to `seq`. */
  z.object({ type: z.literal('ops'), community: z.uuid(), seq: z.int().positive() }),
]);
export type HubEvent = z.infer<typeof hubEventSchema>;

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  version: z.string(),
  protocol: z.int(),
  hubTime: z.number(),
  /** What the hub checked to answer (older hubs send none); a failing check answers 503 `hub_unreachable` instead, naming it. */
  checks: z.object({ database: z.literal('ok'), blobStore: z.literal('ok') }).optional(),
});
