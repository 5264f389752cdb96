import { v7 as uuidv7 } from 'uuid';
import { buildCredential } from '../../common/credentials/build';
import type { AchievementFields, AwardFields } from '../../common/credentials/records';
import type { Hlc } from '../../common/sync/hlc';
import type { Op } from '../../common/sync/ops';
import { userById } from '../auth/queries';
import { roleIn } from '../communities/membership';
import { communityById } from '../communities/queries';
import type { HubDb } from '../db/open';
import type { CachedRecord } from '../sync/record-cache';
import { fieldValues } from '../sync/rows';
import { insertIssued, revokeIssued } from './queries';
import { takeStatusIndex } from './status-index';

// The key and signing libraries (jsonld, the cryptosuite) load with the first award, not with every hub.
const keys = () => import('./issuer-keys');
const signing = () => import('./sign');

/** What the hub needs to sign: its clock (for the ops it writes) and the address its status lists are published at. */
export interface Issuing {
  hlc: Hlc;
  publicUrl: string;
}

/** What a push's batch lends issuance: its transaction, its time, its records and a way to write the hub's own ops. */
export interface IssuingBatch {
  readonly db: HubDb;
  readonly now: number;
  record(communityId: string, entity: string, id: string): Promise<CachedRecord>;
  writeOwn(op: Op): Promise<void>;
}

/**
 * Makes each community's issuer key, where a lead pushes awards into it, before the push's
 * transaction: on PostgreSQL a lost race to create it (hub/credentials/issuer-keys.ts) would
 * otherwise abort the transaction with everything else in it.
 */
export async function prepareIssuers(db: HubDb, userId: string, rawOps: readonly unknown[], now: number): Promise<void> {
  const communities = new Set<string>();
  for (const raw of rawOps) {
    const op = raw as Partial<Op> | null;
    if (op?.entity === 'award' && op.action === 'upsert' && typeof op.communityId === 'string') communities.add(op.communityId);
  }
  for (const communityId of communities) {
    if ((await roleIn(db, communityId, userId)) === 'lead') await (await keys()).issuerFor(db, communityId, now);
  }
}

/** A stamp after the op and after every stamp the record already holds, from the hub's clock. */
function stampAfter(hlc: Hlc, op: Op, record: CachedRecord | null): string {
  const stamps = [op.hlc, ...[...(record?.fields.values() ?? [])].map((f) => f.hlc)];
  return hlc.receive(stamps.sort().at(-1)!);
}

/** The hub's own op on the holder's `credential` record (the award's id), stamped after the award and `record`. */
function writeCredential(
  batch: IssuingBatch,
  issuing: Issuing,
  op: Op,
  record: CachedRecord | null,
  authorId: string,
  fields: Op['fields'],
): Promise<void> {
  const opId = uuidv7();
  const hlc = stampAfter(issuing.hlc, op, record);
  return batch.writeOwn({ opId, communityId: op.communityId, entity: 'credential', id: op.id, action: 'upsert', fields, hlc, authorId });
}

/**
 * Answers an applied award: a new one is signed with the community's key and written back as the
 * holder's `credential` record (same id); a revocation marks the status list and the credential.
 */
export async function afterAward(batch: IssuingBatch, issuing: Issuing, op: Op, award: CachedRecord, created: boolean): Promise<void> {
  if (op.entity !== 'award' || op.action !== 'upsert') return;
  const fields = fieldValues(award) as AwardFields;
  if (created) return issue(batch, issuing, op, fields);
  if (op.fields.revokedAt === undefined || fields.revokedAt === null) return;
  if (!(await revokeIssued(batch.db, op.communityId, op.id, fields.revokedAt))) return;
  const credential = await batch.record(op.communityId, 'credential', op.id);
  await writeCredential(batch, issuing, op, credential, fields.recipientId, { revokedAt: fields.revokedAt });
}

async function issue(batch: IssuingBatch, issuing: Issuing, op: Op, award: AwardFields): Promise<void> {
  const { db, now } = batch;
  const { texts } = fieldValues(await batch.record(op.communityId, 'achievement', award.achievementId)) as AchievementFields;
  const text = texts[award.language]!;
  const issuer = await (await keys()).issuerFor(db, op.communityId, now);
  const community = await communityById(db, op.communityId);
  const holder = await userById(db, award.recipientId);
  const index = await takeStatusIndex(db, issuer.id);
  const sign = await signing();
  const unsigned = buildCredential({
    credentialId: op.id,
    issuer: { did: issuer.did, name: community.name },
    holder: { id: holder.id, name: holder.displayName },
    // The image stays out: the whole credential must fit the certificate's QR code. Studios bake the
    // badge PNG from the achievement record they hold.
    achievement: { id: award.achievementId, ...text, language: award.language },
    evidence: award.evidence,
    note: award.note,
    issuedAt: new Date(now),
    status: { listUrl: sign.statusListUrl(issuing.publicUrl, issuer.id), index },
  });
  const signed = await sign.signCredential(issuer, unsigned);
  await insertIssued(db, {
    id: op.id,
    community_id: op.communityId,
    issuer_id: issuer.id,
    holder_id: holder.id,
    achievement_id: award.achievementId,
    status_index: index,
    credential: JSON.stringify(signed),
    issued_by: op.authorId,
    issued_at: now,
    revoked_at: null,
  });
  const document = signed as Op['fields'];
  const credential = { holderId: holder.id, achievementId: award.achievementId, issuedAt: now, revokedAt: null, document };
  await writeCredential(batch, issuing, op, null, holder.id, credential);
}
