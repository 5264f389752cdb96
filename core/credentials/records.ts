import type { AchievementFields, AwardFields, CredentialFields } from '../../common/credentials/records';
import type { Db } from '../db/open';

/** Typed reads of the recognition records this studio holds in `sync_records` (common/credentials/records.ts). */

interface Fields {
  achievement: AchievementFields;
  award: AwardFields;
  credential: CredentialFields;
}
export type RecognitionEntity = keyof Fields;

export interface LiveRecognition<E extends RecognitionEntity> {
  id: string;
  communityId: string;
  ownerId: string;
  fields: Fields[E];
}

interface Row {
  record_id: string;
  community_id: string;
  owner_id: string;
  fields: string;
}

const toLive = <E extends RecognitionEntity>(r: Row): LiveRecognition<E> => ({
  id: r.record_id,
  communityId: r.community_id,
  ownerId: r.owner_id,
  fields: JSON.parse(r.fields) as Fields[E],
});

export function liveOf<E extends RecognitionEntity>(db: Db, entity: E, communityId: string): LiveRecognition<E>[] {
  const rows = db
    .prepare(
      `SELECT record_id, community_id, owner_id, fields FROM sync_records
       WHERE entity = ? AND community_id = ? AND deleted_hlc IS NULL ORDER BY created_hlc`,
    )
    .all(entity, communityId) as Row[];
  return rows.map((r) => toLive<E>(r));
}

export function liveOne<E extends RecognitionEntity>(db: Db, entity: E, id: string): LiveRecognition<E> | null {
  const row = db
    .prepare(
      `SELECT record_id, community_id, owner_id, fields FROM sync_records WHERE entity = ? AND record_id = ? AND deleted_hlc IS NULL`,
    )
    .get(entity, id) as Row | undefined;
  return row ? toLive<E>(row) : null;
}
