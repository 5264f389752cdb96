import type { EvidenceInput } from './schema';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './schema';

/** The achievement as the credential states it: one language of a community's `achievement` record. */
export interface AchievementInput {
  id: string;
  name: string;
  description: string;
  criteria: string;
  language: string;
  /** A PNG, JPEG or WebP data URL (common/credentials/records.ts). */
  image?: string;
}

/** Everything an Open Badges 3.0 credential says, before the hub signs it. */
export interface CredentialFacts {
  credentialId: string;
  issuer: { did: string; name: string };
  holder: { id: string; name: string };
  achievement: AchievementInput;
  evidence: EvidenceInput[];
  /** A lead's note when the award was made by hand. */
  note: string | null;
  issuedAt: Date;
  status: { listUrl: string; index: number };
}

/**
 * The unsigned `OpenBadgeCredential` (VC 2.0 data model, OB 3.0 context 3.0.3). The holder is named
 * in plain text (an `IdentityObject` of type `name`), since a certificate must say to whom; their
 * hub id is a `urn:uuid`. Evidence names lessons and reviews by id only: they stay private.
 */
export function buildCredential(f: CredentialFacts): Record<string, unknown> {
  const achievement: Record<string, unknown> = {
    id: `urn:uuid:${f.achievement.id}`,
    type: ['Achievement'],
    name: f.achievement.name,
    description: f.achievement.description,
    criteria: { narrative: f.achievement.criteria },
    inLanguage: f.achievement.language,
  };
  if (f.achievement.image) achievement.image = { id: f.achievement.image, type: 'Image' };
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${f.credentialId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: f.issuer.did, type: ['Profile'], name: f.issuer.name },
    validFrom: f.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    name: f.achievement.name,
    credentialSubject: {
      id: `urn:uuid:${f.holder.id}`,
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: f.holder.name, identityType: 'name', hashed: false }],
      achievement,
    },
    ...(f.evidence.length > 0 || f.note
      ? {
          evidence: [
            ...f.evidence.map((e) => ({ id: `urn:uuid:${e.id}`, type: ['Evidence'], name: e.name, genre: e.kind })),
            ...(f.note ? [{ type: ['Evidence'], narrative: f.note }] : []),
          ],
        }
      : {}),
    credentialStatus: {
      id: `${f.status.listUrl}#${f.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(f.status.index),
      statusListCredential: f.status.listUrl,
    },
  };
}
