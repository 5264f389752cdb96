import type { EntityName } from '../../common/sync/entities';
import type { Db } from '../db/open';
import { myUserId } from './account';
import { getShare } from './shares';

/**
 * Who owns the local copy that carries an id. Ids travel in every package and shared record, so an
 * id alone proves nothing: a record from outside (a pull, a package) may become or change a local
 * copy only when it names the same owner and community as that copy. What this studio authored is
 * changed by this studio's own edits alone.
 */

export type LessonOrigin = 'local' | 'hub' | 'archive';

/**
 * `authored`: made on this studio (by its person, signed in or not). `received`: a copy of someone's
 * work, bound to the community and owner it came with (null where a package did not say).
 */
export type Claim = { kind: 'authored' } | { kind: 'received'; communityId: string | null; ownerId: string | null; verified: boolean };

/** What a record from outside says of itself. */
export interface Incoming {
  entity: EntityName;
  id: string;
  communityId: string;
  ownerId: string;
  fields: Record<string, unknown>;
}

/** Why a record from outside was refused; each has a message in the catalogs (`conflict.<reason>`). */
export type RefusalReason = 'own_lesson' | 'own_note' | 'own_collection' | 'other_owner' | 'other_community';

export function lessonOrigin(db: Db, lessonId: string): LessonOrigin | null {
  const row = db.prepare('SELECT origin FROM lessons WHERE id = ?').get(lessonId) as { origin: LessonOrigin } | undefined;
  return row?.origin ?? null;
}

export function isAuthoredHere(db: Db, lessonId: string): boolean {
  return lessonOrigin(db, lessonId) === 'local';
}

export function lessonClaim(db: Db, lessonId: string): Claim | null {
  const origin = lessonOrigin(db, lessonId);
  if (origin === null) return null;
  if (origin === 'local') return { kind: 'authored' };
  const share = getShare(db, lessonId);
  return { kind: 'received', communityId: share?.communityId ?? null, ownerId: share?.ownerId ?? null, verified: origin === 'hub' };
}

function isMine(db: Db, authorId: string | null): boolean {
  return authorId === null || authorId === myUserId(db);
}

function sameBinding(claim: { communityId: string | null; ownerId: string | null }, r: Incoming): RefusalReason | null {
  if (claim.communityId !== r.communityId) return 'other_community';
  if (claim.ownerId !== r.ownerId) return 'other_owner';
  return null;
}

/**
 * A lesson made here takes only its own owner's record, in the community it is shared with. A copy
 * from a package names an owner nobody checked: the hub of the community it names has the last word
 * on who that is (the hub binds each id to its first owner), so its record makes the copy its own.
 */
function lessonRefusal(db: Db, r: Incoming): RefusalReason | null {
  const claim = lessonClaim(db, r.id);
  if (!claim) return null;
  if (claim.kind === 'received' && !claim.verified && claim.communityId === r.communityId) return null;
  if (claim.kind === 'received') return sameBinding(claim, r);
  const share = getShare(db, r.id);
  if (r.ownerId !== myUserId(db)) return 'own_lesson';
  return share && share.communityId !== r.communityId ? 'other_community' : null;
}

/**
 * The community a note on a lesson may come from: the one the lesson is shared with. A lesson made
 * here that is not shared takes no notes from anywhere.
 */
function noteLessonRefusal(db: Db, lessonId: unknown, r: Incoming): RefusalReason | null {
  if (typeof lessonId !== 'string') return null;
  const claim = lessonClaim(db, lessonId);
  if (!claim) return null;
  const share = getShare(db, lessonId);
  if (claim.kind === 'authored') return share?.origin === 'local' && share.communityId === r.communityId ? null : 'own_lesson';
  return claim.communityId === r.communityId ? null : 'other_community';
}

function noteRefusal(db: Db, r: Incoming): RefusalReason | null {
  const onLesson = noteLessonRefusal(db, r.fields.lessonId, r);
  if (onLesson) return onLesson;
  const local = db.prepare('SELECT lesson_id, author_id FROM notes WHERE id = ?').get(r.id) as
    { lesson_id: string; author_id: string | null } | undefined;
  if (!local) return null;
  if (local.lesson_id !== r.fields.lessonId) return 'other_owner';
  if (isMine(db, local.author_id)) return r.ownerId === myUserId(db) ? null : 'own_note';
  return local.author_id === r.ownerId ? null : 'other_owner';
}

function collectionRefusal(db: Db, r: Incoming): RefusalReason | null {
  const local = db.prepare('SELECT origin, community_id, owner_id FROM collections WHERE id = ?').get(r.id) as
    { origin: LessonOrigin; community_id: string | null; owner_id: string | null } | undefined;
  if (!local) return null;
  if (local.origin === 'local') {
    if (!isMine(db, local.owner_id) || r.ownerId !== myUserId(db)) return 'own_collection';
    return local.community_id !== null && local.community_id !== r.communityId ? 'other_community' : null;
  }
  return sameBinding({ communityId: local.community_id, ownerId: local.owner_id }, r);
}

/** An item stays in its own collection, and joins a collection only from that collection's community. */
function itemRefusal(db: Db, r: Incoming): RefusalReason | null {
  const local = db.prepare('SELECT collection_id FROM collection_items WHERE id = ?').get(r.id) as { collection_id: string } | undefined;
  if (local && local.collection_id !== r.fields.collectionId) return 'other_owner';
  const collection = db.prepare('SELECT community_id FROM collections WHERE id = ?').get(r.fields.collectionId) as
    { community_id: string | null } | undefined;
  return collection && collection.community_id !== r.communityId ? 'other_community' : null;
}

/**
 * A lesson's talk analysis, and where its faces were blurred, come from the community its lesson is
 * in, under the lesson's own id and owner: nobody else's can attach itself to a lesson, least of all
 * to one made here.
 */
function talkRefusal(db: Db, r: Incoming): RefusalReason | null {
  if (r.fields.lessonId !== r.id) return 'other_owner';
  const claim = lessonClaim(db, r.id);
  if (claim?.kind === 'authored' && r.ownerId !== myUserId(db)) return 'own_lesson';
  if (claim?.kind === 'received' && claim.ownerId !== null && claim.ownerId !== r.ownerId) return 'other_owner';
  return noteLessonRefusal(db, r.id, r);
}

const refusals: Partial<Record<EntityName, (db: Db, r: Incoming) => RefusalReason | null>> = {
  lesson: lessonRefusal,
  note: noteRefusal,
  collection: collectionRefusal,
  collectionItem: itemRefusal,
  talkAnalysis: talkRefusal,
  blurRegions: talkRefusal,
};

/**
 * Why a record from outside may not become the local copy with its id, or null when it may. Checked
 * when a record first arrives; once admitted, the hub's own rules keep its owner and community fixed.
 */
export function refusalOf(db: Db, r: Incoming): RefusalReason | null {
  return refusals[r.entity]?.(db, r) ?? null;
}

export interface Conflict {
  entity: EntityName;
  id: string;
  communityId: string | null;
  ownerId: string | null;
  source: 'hub' | 'package';
  reason: RefusalReason;
}

/** Keeps a refusal for the person to see; the same refusal seen again only updates its time. */
export function recordConflict(db: Db, c: Conflict, now: number): void {
  db.prepare(
    `INSERT INTO sync_conflicts (entity, record_id, community_id, owner_id, source, reason, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, record_id, community_id, owner_id, source) DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at`,
  ).run(c.entity, c.id, c.communityId ?? '', c.ownerId ?? '', c.source, c.reason, now);
}

export function conflictCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM sync_conflicts').get() as { n: number }).n;
}
