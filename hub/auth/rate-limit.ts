import { sql } from 'kysely';
import { StudioError } from '../../common/errors';
import type { HubDb } from '../db/open';

/**
 * The attempts a key may make in a fixed window. Counters live in the hub database, not in memory, so
 * several hub processes behind a load balancer count together.
 */
export interface AttemptLimit {
  scope: string;
  max: number;
  windowMs: number;
}

const MINUTE = 60 * 1000;

/**
 * Per account, whoever asks: guessing one person's password from many addresses is slow. An unknown
 * email is counted like a known one, so the limit itself does not tell which emails have accounts.
 */
export const SIGN_IN_PER_ACCOUNT: AttemptLimit = { scope: 'sign-in:account', max: 5, windowMs: 15 * MINUTE };
/** Per address, across accounts (password spraying). Generous: a whole school may share one address. */
export const SIGN_IN_PER_ADDRESS: AttemptLimit = { scope: 'sign-in:address', max: 50, windowMs: 15 * MINUTE };
/** Per address: room for a workshop signing up together, not for a script creating accounts. */
export const SIGN_UP_PER_ADDRESS: AttemptLimit = { scope: 'sign-up:address', max: 30, windowMs: 60 * MINUTE };

const LONGEST_WINDOW_MS = Math.max(SIGN_IN_PER_ACCOUNT.windowMs, SIGN_IN_PER_ADDRESS.windowMs, SIGN_UP_PER_ADDRESS.windowMs);

const keyOf = (limit: AttemptLimit, subject: string) => `${limit.scope}|${subject}`;

/**
 * Counts one attempt, before the work it guards (hashing a password) is done, and refuses it with
 * `rate_limited` when the window is already full. One upsert, so attempts sent at once, to one hub
 * process or several, cannot all read the same count: each gets its own number. A refused attempt
 * still counts, but does not move the window, so hammering does not extend the wait.
 */
export async function countAttempt(db: HubDb, limit: AttemptLimit, subject: string, now: number): Promise<void> {
  const lapsed = now - limit.windowMs;
  const row = await db
    .insertInto('auth_attempts')
    .values({ key: keyOf(limit, subject), window_start: now, attempts: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        attempts: sql<number>`CASE WHEN auth_attempts.window_start <= ${lapsed} THEN 1 ELSE auth_attempts.attempts + 1 END`,
        window_start: sql<number>`CASE WHEN auth_attempts.window_start <= ${lapsed} THEN ${now} ELSE auth_attempts.window_start END`,
      }),
    )
    .returning(['attempts', 'window_start'])
    .executeTakeFirstOrThrow();
  if (row.attempts > limit.max) {
    const retryAfterSeconds = Math.max(1, Math.ceil((Number(row.window_start) + limit.windowMs - now) / 1000));
    throw new StudioError('rate_limited', { retryAfterSeconds });
  }
}

/** Takes back one counted attempt that turned out well, so a successful sign-in costs the address nothing. */
export async function forgiveAttempt(db: HubDb, limit: AttemptLimit, subject: string): Promise<void> {
  await db
    .updateTable('auth_attempts')
    .set({ attempts: sql<number>`attempts - 1` })
    .where('key', '=', keyOf(limit, subject))
    .where('attempts', '>', 0)
    .execute();
}

/** Forgets a key's attempts: the person proved who they are, their earlier typos no longer count. */
export async function clearAttempts(db: HubDb, limit: AttemptLimit, subject: string): Promise<void> {
  await db.deleteFrom('auth_attempts').where('key', '=', keyOf(limit, subject)).execute();
}

/** Drops counters whose window has passed; they would restart at 1 anyway. */
export async function pruneAttempts(db: HubDb, now: number): Promise<void> {
  await db
    .deleteFrom('auth_attempts')
    .where('window_start', '<=', now - LONGEST_WINDOW_MS)
    .execute();
}
