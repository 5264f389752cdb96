import { v7 as uuidv7 } from 'uuid';
import type { AchievementFields, AchievementText } from '../../../common/credentials/records';
import type { EvidenceInput } from '../../../common/credentials/schema';
import type { PushResult } from '../../../common/sync/ops';
import { op, pullAll, push, pushOk, type HubAddress, type TestUser } from '../hub/helpers';

export const english: AchievementText = {
  name: 'Reflective practitioner',
  description: 'Completed three practice cycles with a mentor.',
  criteria: 'Three cycles: lesson shared, review received, response written, a goal marked met.',
};
export const arabic: AchievementText = { name: 'ممارس متأمل', description: 'أكمل ثلاث دورات ممارسة.', criteria: 'ثلاث دورات.' };

/** A 1×1 PNG, as an achievement's image. */
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function achievementFields(overrides: Partial<AchievementFields> = {}): AchievementFields {
  return { texts: { en: english, ar: arabic }, image: null, rule: null, retiredAt: null, ...overrides };
}

/** A lead defines an achievement in the community, through sync; its id. */
export async function defineAchievement(hub: HubAddress, lead: TestUser, communityId: string, overrides: Partial<AchievementFields> = {}) {
  const id = uuidv7();
  await pushOk(hub, lead, [op(lead, communityId, 'achievement', id, 'upsert', achievementFields(overrides))]);
  return id;
}

export interface AwardInput {
  achievementId: string;
  language?: string;
  note?: string | null;
  evidence?: EvidenceInput[];
}

/** An award pushed as an op (as a lead's studio does); the push's one result and the award's id. */
export async function pushAward(
  hub: HubAddress,
  by: TestUser,
  communityId: string,
  recipientId: string,
  input: AwardInput,
): Promise<{ id: string; result: PushResult }> {
  const id = uuidv7();
  const fields = {
    achievementId: input.achievementId,
    recipientId,
    language: input.language ?? 'en',
    note: input.note ?? null,
    evidence: input.evidence ?? [],
    revokedAt: null,
  };
  const res = await push(hub, by, [op(by, communityId, 'award', id, 'upsert', fields)]);
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, result: res.body.results[0]! };
}

/** The credential records (merged, newest field wins) a person pulls from the community. */
export async function pulledCredentials(hub: HubAddress, user: TestUser, communityId: string) {
  const { ops } = await pullAll(hub, user, communityId);
  const found = new Map<string, Record<string, unknown>>();
  for (const o of ops.filter((x) => x.entity === 'credential')) found.set(o.id, { ...found.get(o.id), ...o.fields });
  return found;
}

/** A lead awards and the hub signs: the signed document as the holder pulls it. */
export async function awardAndPull(hub: HubAddress, lead: TestUser, holder: TestUser, communityId: string, input: AwardInput) {
  const { id, result } = await pushAward(hub, lead, communityId, holder.user.id, input);
  if (result.status !== 'applied') throw new Error(`award refused: ${JSON.stringify(result)}`);
  const record = (await pulledCredentials(hub, holder, communityId)).get(id);
  if (!record) throw new Error('the holder did not pull the credential');
  return { id, document: record.document as Record<string, unknown>, record };
}

/** The status list named in a credential, fetched over HTTP as any verifier would. */
export async function fetchStatusList(credential: Record<string, unknown>): Promise<{ url: string; credential: unknown }> {
  const url = (credential.credentialStatus as { statusListCredential: string }).statusListCredential;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`status list: ${res.status}`);
  return { url, credential: await res.json() };
}
