import { sql } from 'kysely';
import { toErrorPayload } from '../../common/errors';
import type { Role } from '../../common/permissions';
import { entityDefinition } from '../../common/sync/entities';
import { parseOp, rejection, type Op, type PushResult } from '../../common/sync/ops';
import { checkSession, tokenHashOf, type SessionUser } from '../auth/sessions';
import { jsonObjectAggText } from '../db/dialect';
import type { HubDb } from '../db/open';

/** A pushed op, parsed, or its rejection when it is not an op. */
export type Parsed = { op: Op; rejected?: undefined } | { op?: undefined; rejected: PushResult };

function opIdOf(raw: unknown): string | null {
  const opId = (raw as { opId?: unknown } | null)?.opId;
  return typeof opId === 'string' ? opId.slice(0, 64) : null;
}

/** Parses each pushed op on its own, before the push's transaction begins. */
export function parsePushed(rawOps: readonly unknown[]): Parsed[] {
  return rawOps.map((raw) => {
    try {
      return { op: parseOp(raw) };
    } catch (err) {
      const { code, params } = toErrorPayload(err);
      return { rejected: rejection(opIdOf(raw), code, params) };
    }
  });
}

/**
 * The records a batch's ops read, locked (record-locks.ts) and loaded before anything else: each
 * op's own, and what its checks read or other batches' checks look for: its parent (a record's
 * children are found under its lock) and the rubric it refers to (whether a rubric is in use).
 */
export function recordIdsOf(ops: readonly Op[]): Set<string> {
  const ids = new Set<string>();
  for (const op of ops) {
    ids.add(op.id);
    const parentField = entityDefinition(op.entity).parent?.field;
    for (const value of [parentField && op.fields[parentField], op.fields.rubricId]) if (typeof value === 'string') ids.add(value);
  }
  return ids;
}

/** Who is pushing: the session, checked as `authenticate` does, and the sender's role in each of their communities. */
export interface PushSender {
  account: SessionUser;
  roles: Map<string, Role>;
}

/** Reads the session and the sender's memberships in one round trip (401 for a bad session). */
export async function pushSender(db: HubDb, authorization: string | undefined, now: number): Promise<PushSender> {
  const tokenHash = tokenHashOf(authorization);
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'created_at', 'expires_at'])
    .select((eb) =>
      eb
        .selectFrom('members')
        .select(jsonObjectAggText(db, sql`community_id`, sql`role`).as('roles'))
        .whereRef('members.user_id', '=', 'sessions.user_id')
        .as('roles'),
    )
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  const account = await checkSession(db, tokenHash, row, now);
  return { account, roles: new Map(Object.entries(JSON.parse(row!.roles ?? '{}') as Record<string, Role>)) };
}
