import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACHIEVEMENT_IMAGE_MAX_BYTES } from '../../../common/credentials/records';
import { verifyOpenBadge } from '../../../common/credentials/verify';
import {
  achievementFields,
  awardAndPull,
  defineAchievement,
  fetchStatusList,
  pulledCredentials,
  pushAward,
  TINY_PNG,
} from '../credentials/fixtures';
import {
  addMember,
  createCommunity,
  op,
  pullAll,
  push,
  pushOk,
  queryHub,
  signUp,
  startHub,
  type RunningHub,
  type TestUser,
} from './helpers';

/**
 * Recognition as synced records on a real hub (SQLite, and PostgreSQL in the `hub-postgres` project):
 * only leads define achievements and award them; the hub signs each award as it applies it and the
 * credential travels to its holder and the leads, nobody else; hostile ops are refused and change nothing.
 */
let hub: RunningHub;
let lead: TestUser;
let teacher: TestUser;
let mentor: TestUser;
let member: TestUser;
let communityId: string;

beforeAll(async () => {
  hub = await startHub();
  [lead, teacher, mentor, member] = (await Promise.all(['Layla', 'Amina', 'Omar', 'Sara'].map((n) => signUp(hub, n)))) as [
    TestUser,
    TestUser,
    TestUser,
    TestUser,
  ];
  communityId = (await createCommunity(hub, lead, 'Maths across borders')).id;
  await addMember(hub, lead, communityId, teacher, 'member');
  await addMember(hub, lead, communityId, mentor, 'mentor');
  await addMember(hub, lead, communityId, member, 'member');
});
afterAll(async () => {
  await hub.stop();
});

const count = async (sql: string, ...params: unknown[]) => Number((await queryHub<{ n: number }>(hub, sql, ...params))[0]!.n);
const recordsOf = (entity: string) => count(`SELECT COUNT(*) AS n FROM records WHERE community_id = ? AND entity = ?`, communityId, entity);
const ids = async (user: TestUser, entity: string) =>
  (await pullAll(hub, user, communityId)).ops.filter((o) => o.entity === entity).map((o) => o.id);

async function refused(user: TestUser, ops: unknown[]): Promise<{ reason?: string; params?: Record<string, unknown> }> {
  const res = await push(hub, user, ops);
  expect(res.status).toBe(200);
  const [result] = res.body.results;
  expect(result?.status).toBe('rejected');
  return result!;
}

describe('achievements', () => {
  it('are defined by a lead and reach every member through pull, in the community’s languages', async () => {
    const id = await defineAchievement(hub, lead, communityId, { image: TINY_PNG, rule: { kind: 'practice_cycles', count: 3 } });
    for (const user of [teacher, mentor, member]) expect(await ids(user, 'achievement')).toContain(id);
    const [created] = (await pullAll(hub, member, communityId)).ops.filter((o) => o.id === id);
    expect(created!.fields).toMatchObject({ texts: { ar: { name: 'ممارس متأمل' } }, image: TINY_PNG });
  });

  it('refuses a member’s or a mentor’s definition or edit, and nothing changes', async () => {
    const before = await recordsOf('achievement');
    for (const user of [teacher, mentor]) {
      const result = await refused(user, [op(user, communityId, 'achievement', uuidv7(), 'upsert', achievementFields())]);
      expect(result.reason).toBe('forbidden');
    }
    const id = await defineAchievement(hub, lead, communityId);
    const edit = await refused(member, [op(member, communityId, 'achievement', id, 'upsert', { retiredAt: 1 })]);
    expect(edit.reason).toBe('forbidden');
    expect(await recordsOf('achievement')).toBe(before + 1);
    const [row] = await queryHub<{ fields: string }>(hub, `SELECT fields FROM records WHERE record_id = ?`, id);
    expect(JSON.parse(row!.fields).retiredAt).toBeNull();
  });

  it('refuses an oversized or disguised image and a malformed rule with a clear code', async () => {
    const before = await recordsOf('achievement');
    const big = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(Math.ceil((ACHIEVEMENT_IMAGE_MAX_BYTES * 4) / 3))}`;
    const svg = `data:image/svg+xml;base64,${Buffer.from('<svg onload="alert(1)"/>').toString('base64')}`;
    const jpegAsPng = `data:image/png;base64,${Buffer.from('\xff\xd8\xff\xe0 not a png', 'latin1').toString('base64')}`;
    const cases: [Record<string, unknown>, string][] = [
      [{ image: big }, 'achievement_image_too_large'],
      [{ image: svg }, 'achievement_image_invalid'],
      [{ image: jpegAsPng }, 'achievement_image_invalid'],
      [{ rule: { kind: 'practice_cycles', count: 0 } }, 'achievement_rule_invalid'],
      [{ rule: { kind: 'lessons_watched', count: 3 } }, 'achievement_rule_invalid'],
      [{ rule: 'three cycles' }, 'achievement_rule_invalid'],
    ];
    for (const [overrides, code] of cases) {
      const result = await refused(lead, [op(lead, communityId, 'achievement', uuidv7(), 'upsert', achievementFields(overrides as never))]);
      expect(result.reason, JSON.stringify(overrides).slice(0, 80)).toBe(code);
    }
    expect(await recordsOf('achievement')).toBe(before);
  });
});

describe('awards', () => {
  it('are signed by the hub as it applies them and reach the holder and the leads, nobody else', async () => {
    const achievementId = await defineAchievement(hub, lead, communityId, { image: TINY_PNG });
    const { id, document, record } = await awardAndPull(hub, lead, teacher, communityId, { achievementId, language: 'ar', note: 'Steady' });
    // The image stays in the achievement record: the credential must fit a certificate's QR code.
    expect(JSON.stringify(document)).not.toContain('data:image');
    expect(record).toMatchObject({ holderId: teacher.user.id, achievementId, revokedAt: null });
    expect((document.proof as { cryptosuite: string }).cryptosuite).toBe('eddsa-rdfc-2022');
    expect(await verifyOpenBadge(document, await fetchStatusList(document))).toMatchObject({
      signature: 'valid',
      revocation: 'active',
      recipient: 'Amina',
      achievement: { name: 'ممارس متأمل' },
      issuer: { name: 'Maths across borders' },
    });
    expect(await ids(lead, 'credential')).toContain(id);
    expect(await ids(lead, 'award')).toContain(id);
    for (const other of [mentor, member]) {
      expect(await ids(other, 'credential')).not.toContain(id);
      expect(await ids(other, 'award')).not.toContain(id);
    }
    expect(await ids(teacher, 'award')).not.toContain(id);
  });

  it('refuses an award or a credential pushed by anyone but a lead, and nothing is signed', async () => {
    const achievementId = await defineAchievement(hub, lead, communityId);
    const signed = () => count(`SELECT COUNT(*) AS n FROM issued_credentials WHERE community_id = ?`, communityId);
    const before = { signed: await signed(), awards: await recordsOf('award'), credentials: await recordsOf('credential') };
    for (const user of [teacher, mentor]) {
      expect((await pushAward(hub, user, communityId, user.user.id, { achievementId })).result).toMatchObject({
        status: 'rejected',
        reason: 'forbidden',
      });
      const forged = { holderId: user.user.id, achievementId, issuedAt: 1, revokedAt: null, document: { name: 'forged' } };
      expect((await refused(user, [op(user, communityId, 'credential', uuidv7(), 'upsert', forged)])).reason).toBe('forbidden');
    }
    expect(await signed()).toBe(before.signed);
    expect(await recordsOf('award')).toBe(before.awards);
    expect(await recordsOf('credential')).toBe(before.credentials);
  });

  it('refuses an award of a retired achievement, to someone outside, or in a language it lacks', async () => {
    const retired = await defineAchievement(hub, lead, communityId, { retiredAt: 1 });
    const achievementId = await defineAchievement(hub, lead, communityId, { texts: { en: achievementFields().texts.en! } });
    const outsider = await signUp(hub, 'Outsider');
    const award = (recipientId: string, input: Parameters<typeof pushAward>[4]) => pushAward(hub, lead, communityId, recipientId, input);
    expect((await award(teacher.user.id, { achievementId: retired })).result.reason).toBe('achievement_retired');
    expect((await award(outsider.user.id, { achievementId })).result.reason).toBe('not_found');
    expect((await award(teacher.user.id, { achievementId, language: 'ar' })).result.reason).toBe('invalid_input');
    expect((await award(teacher.user.id, { achievementId: uuidv7() })).result.reason).toBe('not_found');
  });

  it('are revoked by a lead only, for good; the status list and the holder’s record say so', async () => {
    const achievementId = await defineAchievement(hub, lead, communityId);
    const { id, document } = await awardAndPull(hub, lead, teacher, communityId, { achievementId });
    const revoke = (by: TestUser, revokedAt: number | null) => op(by, communityId, 'award', id, 'upsert', { revokedAt });
    expect((await refused(teacher, [revoke(teacher, 5)])).reason).toBe('forbidden');
    expect((await verifyOpenBadge(document, await fetchStatusList(document))).revocation).toBe('active');

    await pushOk(hub, lead, [revoke(lead, hub.clock.now())]);
    expect((await verifyOpenBadge(document, await fetchStatusList(document))).revocation).toBe('revoked');
    expect((await pulledCredentials(hub, teacher, communityId)).get(id)?.revokedAt).toEqual(expect.any(Number));
    expect((await refused(lead, [revoke(lead, null)])).reason).toBe('invalid_input');
    expect((await refused(lead, [op(lead, communityId, 'award', id, 'delete')])).reason).toBe('invalid_input');
  });
});
