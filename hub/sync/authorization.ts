import { StudioError } from '../../common/errors';
import type { Role } from '../../common/permissions';
import { entityDefinition, type EntityDefinition } from '../../common/sync/entities';
import { assertHlcWithinDrift } from '../../common/sync/hlc';
import type { Op } from '../../common/sync/ops';
import { requireCan } from '../communities/membership';
import { credentialRules } from '../credentials/rules';
import { entityRules, type RuleContext } from '../review/rules';
import { recordKey, type CachedRecord } from './record-cache';

/**
 * Whether a pushed op may be applied, checked before anything is written so a rejected op leaves
 * nothing behind. Each check throws the StudioError the op is rejected with.
 */

/** The op is the sender's own, stamped by a sane clock, for a community they belong to; their role there. */
export function checkSender(op: Op, userId: string, now: number, roles: ReadonlyMap<string, Role>): Role {
  if (op.authorId !== userId) throw new StudioError('forbidden', { reason: 'author' });
  assertHlcWithinDrift(op.hlc, now);
  const role = roles.get(op.communityId);
  if (!role) throw new StudioError('forbidden', { reason: 'not_member' });
  return role;
}

export interface ChangeCheck {
  op: Op;
  role: Role;
  userId: string;
  /** The record as the batch knows it (no head: it does not exist yet). */
  record: CachedRecord;
  /** Every community's record with the op's `entity/id`. */
  sameIds: readonly CachedRecord[];
  /** What the entity's own rules (hub/review/rules.ts) may look up. */
  ruleContext(live: boolean): RuleContext;
}

/**
 * The change itself: the id is the sender's to use, the permission table allows the operation (as
 * owner or not), a deleted record of someone else's is not revived, immutable fields keep their
 * values, and the entity's own rules agree.
 */
export async function checkChange({ op, role, userId, record, sameIds, ruleContext }: ChangeCheck): Promise<void> {
  const definition = entityDefinition(op.entity);
  const { head } = record;
  if (head === null) checkIdFree(op, userId, sameIds);
  const live = head !== null && head.deletedHlc === null;
  const isOwner = head === null || head.ownerId === userId;
  const { permissions } = definition;
  requireCan(role, op.action === 'delete' ? permissions.delete : live ? permissions.update : permissions.create, { isOwner });
  if (op.action === 'upsert' && head !== null && !isOwner && !live) throw new StudioError('forbidden', { reason: 'owner' });
  if (op.action === 'upsert' && live) checkImmutable(definition, record, op);
  const rule = entityRules[op.entity] ?? credentialRules[op.entity];
  if (rule) await rule(ruleContext(live));
}

/**
 * An id belongs for good to the first account that used it, in every community: ids travel in
 * packages and exports, so a member who learnt one could otherwise claim someone's lesson before it
 * was shared. The owner may use it again elsewhere only once it is gone where it was (a lesson
 * unshared from one community and shared into another).
 */
function checkIdFree(op: Op, userId: string, sameIds: readonly CachedRecord[]): void {
  for (const other of sameIds) {
    if (!other.head) continue;
    if (other.head.ownerId !== userId) throw new StudioError('forbidden', { reason: 'id_taken' });
    if (other.head.deletedHlc === null) throw new StudioError('conflict', { reason: 'shared_elsewhere' });
  }
}

function checkImmutable(definition: EntityDefinition, record: CachedRecord, op: Op): void {
  for (const field of definition.immutable) {
    const current = record.fields.get(field);
    if (field in op.fields && current !== undefined && JSON.stringify(op.fields[field]) !== JSON.stringify(current.value)) {
      throw new StudioError('invalid_input', { path: `fields.${field}`, issue: 'cannot change once set' });
    }
  }
}

/** A new record names its creator as owner, where the entity has an owner field. */
export function checkOwnerField(definition: EntityDefinition, op: Op, userId: string): void {
  if (definition.ownerField && op.fields[definition.ownerField] !== userId) {
    throw new StudioError('forbidden', { reason: 'owner', field: definition.ownerField });
  }
}

/** A record with a parent may only be created under a live parent in the same community; its parent's id. */
export function checkParent(cache: ReadonlyMap<string, CachedRecord>, definition: EntityDefinition, op: Op): string | null {
  if (!definition.parent) return null;
  const parentId = op.fields[definition.parent.field];
  const parent = typeof parentId === 'string' ? cache.get(recordKey(op.communityId, definition.parent.entity, parentId)) : undefined;
  if (!parent?.head || parent.head.deletedHlc !== null) {
    throw new StudioError('not_found', { entity: definition.parent.entity, id: String(parentId) });
  }
  return parentId as string;
}
