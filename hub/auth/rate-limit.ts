import { StudioError } from '../../common/errors';
import type { HubDb } from '../db/open';

/**
 * At most 5 failed sign-ins per email and address in 15 minutes. Kept in the database rather than in
 * memory so several hub processes behind a load balancer count together.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const SIGN_IN_MAX_FAILURES = 5;

export async function assertSignInAllowed(db: HubDb, key: string, now: number): Promise<void> {
  const failures = await db
    .selectFrom('sign_in_failures')
    .select(['failed_at'])
    .where('key', '=', key)
    .where('failed_at', '>', now - SIGN_IN_WINDOW_MS)
    .orderBy('failed_at')
    .execute();
  const oldest = failures[0];
  if (failures.length >= SIGN_IN_MAX_FAILURES && oldest) {
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest.failed_at + SIGN_IN_WINDOW_MS - now) / 1000));
    throw new StudioError('rate_limited', { retryAfterSeconds });
  }
}

export async function recordSignInFailure(db: HubDb, key: string, now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sign_in_failures').where('key', '=', key).where('failed_at', '<=', now - SIGN_IN_WINDOW_MS).execute();
    await trx.insertInto('sign_in_failures').values({ key, failed_at: now }).execute();
  });
}

export async function clearSignInFailures(db: HubDb, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
