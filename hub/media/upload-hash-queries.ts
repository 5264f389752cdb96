import type { HubDb } from '../db/open';

/** A saved running hash: the hasher's state after the upload's first `hashedBytes` bytes. */
export interface SavedHash {
  hashedBytes: number;
  /** base64; null when no byte has been hashed yet. */
  state: string | null;
}

/**
 * Claims an upload's running hash for a write starting at `offset`: answers the saved hash when it
 * covers exactly the bytes before `offset` and no other write holds it, or starts one at offset 0
 * when the upload has none. Otherwise (another write holds it, offsets do not line up, or it is
 * broken) answers null and breaks it for good, since this write's bytes will not be in it.
 * One UPDATE or INSERT each, so two processes can never both claim it.
 */
export async function claimHash(db: HubDb, uploadId: string, offset: number, writer: string, now: number): Promise<SavedHash | null> {
  const claimed = await db
    .updateTable('upload_hashes')
    .set({ writer, updated_at: now })
    .where('upload_id', '=', uploadId)
    .where('hashed_bytes', '=', offset)
    .where('writer', 'is', null)
    .where('broken', '=', 0)
    .returning(['hashed_bytes', 'state'])
    .executeTakeFirst();
  if (claimed) return { hashedBytes: claimed.hashed_bytes, state: claimed.state };
  if (offset === 0) {
    const inserted = await db
      .insertInto('upload_hashes')
      .values({ upload_id: uploadId, hashed_bytes: 0, state: null, writer, broken: 0, updated_at: now })
      .onConflict((oc) => oc.column('upload_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { hashedBytes: 0, state: null };
  }
  await breakHash(db, uploadId, now);
  return null;
}

/** Saves the hash a write extended, if that write still holds it (and nothing broke it meanwhile). */
export async function saveHash(db: HubDb, uploadId: string, writer: string, saved: SavedHash, now: number): Promise<boolean> {
  const result = await db
    .updateTable('upload_hashes')
    .set({ hashed_bytes: saved.hashedBytes, state: saved.state, writer: null, updated_at: now })
    .where('upload_id', '=', uploadId)
    .where('writer', '=', writer)
    .where('broken', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks an upload's hash as never again to be trusted (a row is made if there is none, so a write
 * that starts later at offset 0 cannot start a fresh one while this write's bytes are in the upload).
 */
export async function breakHash(db: HubDb, uploadId: string, now: number): Promise<void> {
  await db
    .insertInto('upload_hashes')
    .values({ upload_id: uploadId, hashed_bytes: 0, state: null, writer: null, broken: 1, updated_at: now })
    .onConflict((oc) => oc.column('upload_id').doUpdateSet({ broken: 1, writer: null, updated_at: now }))
    .execute();
}

/** The upload's saved hash, if it is whole (not broken, no write holding it). */
export async function savedHash(db: HubDb, uploadId: string): Promise<SavedHash | null> {
  const row = await db
    .selectFrom('upload_hashes')
    .select(['hashed_bytes', 'state'])
    .where('upload_id', '=', uploadId)
    .where('writer', 'is', null)
    .where('broken', '=', 0)
    .executeTakeFirst();
  return row ? { hashedBytes: row.hashed_bytes, state: row.state } : null;
}

export async function forgetHash(db: HubDb, uploadId: string): Promise<void> {
  await db.deleteFrom('upload_hashes').where('upload_id', '=', uploadId).execute();
}

/** Rows of uploads untouched since `before` (abandoned: the upload itself expires with them). */
export async function pruneHashes(db: HubDb, before: number): Promise<void> {
  await db.deleteFrom('upload_hashes').where('updated_at', '<', before).execute();
}
