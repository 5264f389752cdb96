import type { HubUser, Profile } from '../../common/hub-api';
import type { HubDb } from '../db/open';
import type { HubDatabase } from '../db/schema';

export type UserRow = HubDatabase['users'];

export function toUser(row: UserRow): HubUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    country: row.country,
    languages: JSON.parse(row.languages) as string[],
    timezone: row.timezone,
  };
}

/** Adds the account unless its email already has one, which is then left exactly as it was. */
export async function insertUserUnlessTaken(db: HubDb, row: UserRow): Promise<void> {
  await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export async function userByEmail(db: HubDb, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function userById(db: HubDb, userId: string): Promise<HubUser> {
  return toUser(await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow());
}

/** Replaces a password hash only if it is still `current`; a lost race keeps a hash that still verifies. */
export async function replacePasswordHash(db: HubDb, userId: string, current: string, next: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: next }).where('id', '=', userId).where('password_hash', '=', current).execute();
}

/** Writes the profile fields that are present; an empty change writes nothing. */
export async function updateProfile(db: HubDb, userId: string, profile: Partial<Profile>): Promise<void> {
  const changes = {
    ...(profile.displayName !== undefined && { display_name: profile.displayName }),
    ...(profile.country !== undefined && { country: profile.country }),
    ...(profile.languages !== undefined && { languages: JSON.stringify(profile.languages) }),
    ...(profile.timezone !== undefined && { timezone: profile.timezone }),
  };
  if (Object.keys(changes).length > 0) await db.updateTable('users').set(changes).where('id', '=', userId).execute();
}
