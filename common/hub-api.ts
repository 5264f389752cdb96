import { z } from 'zod';
import {
  blobQuerySchema,
  changeRoleRequestSchema,
  communitiesResponseSchema,
  communityResponseSchema,
  createCommunityRequestSchema,
  createInviteRequestSchema,
  createInviteResponseSchema,
  healthResponseSchema,
  inviteCodeRequestSchema,
  invitePreviewResponseSchema,
  invitesResponseSchema,
  meResponseSchema,
  membersResponseSchema,
  sessionResponseSchema,
  signInRequestSchema,
  signUpRequestSchema,
  signUpResponseSchema,
  updateCommunityRequestSchema,
  updateProfileRequestSchema,
} from './hub-schemas';
import { issuerResponseSchema, statusListParamsSchema, statusListResponseSchema } from './credentials/hub-schemas';
import { sha256Schema } from './sync/fields';
import { PUSH_MAX_BYTES, pullQuerySchema, pullResponseSchema, pushRequestSchema, pushResponseSchema } from './sync/ops';

export * from './hub-schemas';

/**
 * The hub's REST surface, shared by the hub (which parses every request with these schemas) and the
 * studio's sync client. Authenticated calls send `Authorization: Bearer <token>`. Every failure is an
 * `ErrorPayload` (`{code, message, params}`); `session_expired` and `unauthorized` mean "sign in again".
 */

export const HUB_PROTOCOL_VERSION = 1;

// Routes

/** Sign-up and sign-in bodies are small; a larger one is refused before any password is hashed. */
const CREDENTIALS_MAX_BYTES = 16 * 1024;

export const communityParamsSchema = z.object({ communityId: z.uuid() });
export const memberParamsSchema = communityParamsSchema.extend({ userId: z.uuid() });
export const inviteParamsSchema = communityParamsSchema.extend({ inviteId: z.uuid() });
export const blobParamsSchema = z.object({ sha256: sha256Schema });

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/**
 * One route of the hub. The hub registers, parses, authenticates and (in tests) checks its answers
 * from this entry alone (hub/http/route.ts); the studio's client calls it from the same entry.
 */
export interface HubEndpoint {
  method: Method;
  path: string;
  /** Needs `Authorization: Bearer <token>`: a missing or unknown one is 401 `unauthorized`. */
  auth: boolean;
  /** The `:name` segments of `path`. */
  params?: z.ZodType;
  body?: z.ZodType;
  /** A request with no body at all reads as `{}` (every field has a default). */
  bodyOptional?: true;
  /** Bodies over this many bytes are refused with 413 `payload_too_large` (else the hub's 1 MiB). */
  maxBodyBytes?: number;
  query?: z.ZodType;
  /** Absent for 204 No Content. */
  response?: z.ZodType;
  /** The success status when it is not 200 (or 204 without a response). */
  status?: 201 | 202;
}

function endpoint<const E extends HubEndpoint>(e: E): E {
  return e;
}

export const hubEndpoints = {
  health: endpoint({ method: 'GET', path: '/health', auth: false, response: healthResponseSchema }),
  /**
   * Prometheus text format. From the hub's own machine only (loopback, not through a proxy), or from
   * anywhere with `Authorization: Bearer <--metrics-token>` when the hub was started with one.
   */
  metrics: endpoint({ method: 'GET', path: '/metrics', auth: false, response: z.string() }),
  signUp: endpoint({
    method: 'POST',
    path: '/auth/sign-up',
    auth: false,
    body: signUpRequestSchema,
    maxBodyBytes: CREDENTIALS_MAX_BYTES,
    response: signUpResponseSchema,
    status: 202,
  }),
  signIn: endpoint({
    method: 'POST',
    path: '/auth/sign-in',
    auth: false,
    body: signInRequestSchema,
    maxBodyBytes: CREDENTIALS_MAX_BYTES,
    response: sessionResponseSchema,
  }),
  signOut: endpoint({ method: 'POST', path: '/auth/sign-out', auth: true }),
  signOutEverywhere: endpoint({ method: 'POST', path: '/auth/sign-out-everywhere', auth: true }),
  me: endpoint({ method: 'GET', path: '/me', auth: true, response: meResponseSchema }),
  updateMe: endpoint({ method: 'PATCH', path: '/me', auth: true, body: updateProfileRequestSchema, response: meResponseSchema }),
  listCommunities: endpoint({ method: 'GET', path: '/communities', auth: true, response: communitiesResponseSchema }),
  createCommunity: endpoint({
    method: 'POST',
    path: '/communities',
    auth: true,
    body: createCommunityRequestSchema,
    response: communityResponseSchema,
    status: 201,
  }),
  getCommunity: endpoint({
    method: 'GET',
    path: '/communities/:communityId',
    auth: true,
    params: communityParamsSchema,
    response: communityResponseSchema,
  }),
  updateCommunity: endpoint({
    method: 'PATCH',
    path: '/communities/:communityId',
    auth: true,
    params: communityParamsSchema,
    body: updateCommunityRequestSchema,
    response: communityResponseSchema,
  }),
  createInvite: endpoint({
    method: 'POST',
    path: '/communities/:communityId/invites',
    auth: true,
    params: communityParamsSchema,
    body: createInviteRequestSchema,
    bodyOptional: true,
    response: createInviteResponseSchema,
    status: 201,
  }),
  listInvites: endpoint({
    method: 'GET',
    path: '/communities/:communityId/invites',
    auth: true,
    params: communityParamsSchema,
    response: invitesResponseSchema,
  }),
  revokeInvite: endpoint({ method: 'DELETE', path: '/communities/:communityId/invites/:inviteId', auth: true, params: inviteParamsSchema }),
  /** Codes travel in the body, never the URL, so they do not end up in access logs. */
  previewInvite: endpoint({
    method: 'POST',
    path: '/invites/preview',
    auth: true,
    body: inviteCodeRequestSchema,
    response: invitePreviewResponseSchema,
  }),
  joinWithInvite: endpoint({
    method: 'POST',
    path: '/invites/join',
    auth: true,
    body: inviteCodeRequestSchema,
    response: communityResponseSchema,
  }),
  listMembers: endpoint({
    method: 'GET',
    path: '/communities/:communityId/members',
    auth: true,
    params: communityParamsSchema,
    response: membersResponseSchema,
  }),
  changeRole: endpoint({
    method: 'PATCH',
    path: '/communities/:communityId/members/:userId',
    auth: true,
    params: memberParamsSchema,
    body: changeRoleRequestSchema,
  }),
  /** Removing yourself is leaving (`community.leave`); removing someone else needs `member.remove`. */
  removeMember: endpoint({ method: 'DELETE', path: '/communities/:communityId/members/:userId', auth: true, params: memberParamsSchema }),
  push: endpoint({
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: pushRequestSchema,
    maxBodyBytes: PUSH_MAX_BYTES,
    response: pushResponseSchema,
  }),
  /** 410 `resync_required` when the cursor is not this hub's: drop it and pull from the start. */
  pull: endpoint({ method: 'GET', path: '/sync/pull', auth: true, query: pullQuerySchema, response: pullResponseSchema }),
  /** Bytes of a verified blob; supports `Range: bytes=a-b` (206) and HEAD. */
  blob: endpoint({ method: 'GET', path: '/blobs/:sha256', auth: true, params: blobParamsSchema, query: blobQuerySchema }),
  /** The community's issuer (`did:key`), made on first use; any member may see who signs for it. */
  credentialIssuer: endpoint({
    method: 'GET',
    path: '/communities/:communityId/issuer',
    auth: true,
    params: communityParamsSchema,
    response: issuerResponseSchema,
  }),
  /** Public, as verifiers anywhere must read it: the signed Bitstring Status List of one issuer key. */
  statusList: endpoint({
    method: 'GET',
    path: '/status/:issuerId',
    auth: false,
    params: statusListParamsSchema,
    response: statusListResponseSchema,
  }),
} as const;

/** tus endpoint for resumable uploads (creation at this path, chunks at `<path>/<id>`). */
export const TUS_PATH = '/files';
/** WebSocket carrying `HubEvent`s; authenticate with the same Bearer header. */
export const EVENTS_PATH = '/events';
/** The hub closes the event socket with this code when the session ends: sign in, do not reconnect. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof PathParams<`/${Rest}`>]: string }
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** Fills `:name` segments of a route path, URL-encoding each value. */
export function hubPath<P extends string>(path: P, params: PathParams<P>): string {
  return path.replace(/:([A-Za-z0-9]+)/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name] ?? ''));
}
