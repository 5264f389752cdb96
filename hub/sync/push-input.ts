import { toErrorPayload } from '../../common/errors';
import { entityDefinition } from '../../common/sync/entities';
import { parseOp, rejection, type Op, type PushResult } from '../../common/sync/ops';

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
