import type {
  ActionPlanFields,
  CalibrationFields,
  CalibrationScoreFields,
  EntityName,
  ReviewFields,
  ReviewRequestFields,
  RubricFields,
} from '../../common/sync/entities';
import type { Db } from '../db/open';

/**
 * Typed reads of the review records this device holds in `sync_records`: its own, written through the
 * sync outbox, and everyone else's, pulled from the hub.
 */

export interface Live<F> {
  id: string;
  communityId: string;
  ownerId: string;
  fields: F;
}

export interface ReviewEntityFields {
  rubric: RubricFields;
  reviewRequest: ReviewRequestFields;
  review: ReviewFields;
  actionPlan: ActionPlanFields;
  calibration: CalibrationFields;
  calibrationScore: CalibrationScoreFields;
}
export type ReviewEntity = keyof ReviewEntityFields;

interface Row {
  record_id: string;
  community_id: string;
  owner_id: string;
  fields: string;
}

const toLive = <E extends ReviewEntity>(r: Row): Live<ReviewEntityFields[E]> => ({
  id: r.record_id,
  communityId: r.community_id,
  ownerId: r.owner_id,
  fields: JSON.parse(r.fields) as ReviewEntityFields[E],
});

export function liveRecords<E extends ReviewEntity>(
  db: Db,
  entity: E,
  where: { communityId?: string; field?: [string, string] } = {},
): Live<ReviewEntityFields[E]>[] {
  const clauses = ['entity = ?', 'deleted_hlc IS NULL'];
  const params: string[] = [entity];
  if (where.communityId) {
    clauses.push('community_id = ?');
    params.push(where.communityId);
  }
  if (where.field) {
    clauses.push(`json_extract(fields, '$.' || ?) = ?`);
    params.push(...where.field);
  }
  const rows = db
    .prepare(`SELECT record_id, community_id, owner_id, fields FROM sync_records WHERE ${clauses.join(' AND ')}`)
    .all(...params) as Row[];
  return rows.map((r) => toLive<E>(r));
}

export function liveRecord<E extends ReviewEntity>(db: Db, entity: E, id: string): Live<ReviewEntityFields[E]> | null {
  const row = db
    .prepare(
      `SELECT record_id, community_id, owner_id, fields FROM sync_records WHERE entity = ? AND record_id = ? AND deleted_hlc IS NULL`,
    )
    .get(entity satisfies EntityName, id) as Row | undefined;
  return row ? toLive<E>(row) : null;
}
