import { StudioError } from '../../common/errors';
import type { HubDb } from '../db/open';
import { hashSecret, newSessionToken } from './tokens';

/**
 * Sliding sessions: each use moves the expiry to 30 days ahead, never past 90 days after sign-in. A
 * teacher who syncs now and then stays signed in; a stolen token still dies within 90 days. The
 * expiry is rewritten at most hourly so reads do not turn into writes.
 */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 90 * 24 * 60 * 60 * 1000;
const REFRESH_STEP_MS = 60 * 60 * 1000;

export interface SessionUser {
  userId: string;
  tokenHash: string;
}

export async function createSession(db: HubDb, userId: string, now: number): Promise<{ token: string; expiresAt: number }> {
  const token = newSessionToken();
  const expiresAt = now + SESSION_IDLE_MS;
  // Signing in is a good moment to forget this person's lapsed sessions.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
  await db
    .insertInto('sessions')
    .values({ token_hash: hashSecret(token), user_id: userId, created_at: now, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** Accepts `Bearer <token>`; a missing or unknown token is `unauthorized`, a lapsed one `session_expired`. */
export async function authenticate(db: HubDb, authorization: string | undefined, now: number): Promise<SessionUser> {
  const tokenHash = tokenHashOf(authorization);
  const session = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return checkSession(db, tokenHash, session, now);
}

/** The hash a `Bearer <token>` header's session is stored under; `unauthorized` for any other header. */
export function tokenHashOf(authorization: string | undefined): string {
  const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '')?.[1];
  if (!token) throw new StudioError('unauthorized');
  return hashSecret(token);
}

/**
 * `authenticate`'s verdict on the session row read under `tokenHash` (none: `unauthorized`), for a
 * query that reads the session together with what the request needs next (hub/sync/pull.ts).
 */
export async function checkSession(
  db: HubDb,
  tokenHash: string,
  session: { user_id: string; created_at: number; expires_at: number } | undefined,
  now: number,
): Promise<SessionUser> {
  if (!session) throw new StudioError('unauthorized');
  if (session.expires_at <= now) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    throw new StudioError('session_expired');
  }
  const slid = Math.min(now + SESSION_IDLE_MS, session.created_at + SESSION_MAX_MS);
  if (slid - session.expires_at >= REFRESH_STEP_MS) {
    await db.updateTable('sessions').set({ expires_at: slid }).where('token_hash', '=', tokenHash).execute();
  }
  return { userId: session.user_id, tokenHash };
}

export async function endSession(db: HubDb, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function endAllSessions(db: HubDb, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
