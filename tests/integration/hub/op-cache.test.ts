import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAchievement, pushAward } from '../credentials/fixtures';
import { decodeCursor, encodeCursor, type PullResponse } from '../../../common/sync/ops';
import type { Role } from '../../../common/permissions';
import { tokenHashOf } from '../../../hub/auth/sessions';
import { openDatabase, type HubDb } from '../../../hub/db/open';
import { OpCache } from '../../../hub/sync/op-cache';
import { pullPage } from '../../../hub/sync/pull';
import {
  addMember,
  createCommunity,
  lessonFields,
  noteFields,
  op,
  pushOk,
  signUp,
  startHub,
  type RunningHub,
  type TestUser,
} from './helpers';

/**
 * The op cache (hub/sync/op-cache.ts) must answer every page exactly as the database does: the same
 * ops, cursor and hasMore, with nothing a tombstone removed, whatever it held before and however
 * little room it has. These tests read pages both ways, through a second connection to the hub's
 * own database, while a real hub takes pushes and deletions.
 */
let hub: RunningHub;
let db: HubDb;
let epoch: string;
let lead: TestUser;
let mentor: TestUser;
let member: TestUser;
let communityId: string;

beforeAll(async () => {
  hub = await startHub();
  ({ db, epoch } = await openDatabase({ dataDir: hub.dataDir, databaseUrl: hub.databaseUrl }));
  lead = await signUp(hub, 'Lead');
  mentor = await signUp(hub, 'Mentor');
  member = await signUp(hub, 'Member');
  communityId = (await createCommunity(hub, lead)).id;
  await addMember(hub, lead, communityId, mentor, 'mentor');
  await addMember(hub, lead, communityId, member, 'member');
});
afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
});

const direct = <T>(work: () => Promise<T>) => work();

async function head(): Promise<number> {
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', 'seq').executeTakeFirst();
  return Number(row?.value ?? 0);
}

/** One page both ways; the cache's answer, checked against the database's. */
async function bothWays(cache: OpCache, viewer: TestUser, role: Role, after: number | undefined, limit: number): Promise<PullResponse> {
  const who = { userId: viewer.user.id, tokenHash: tokenHashOf(`Bearer ${viewer.token}`), role };
  const query = { community: communityId, after: after === undefined ? undefined : encodeCursor(epoch, after), limit };
  const newest = await head();
  const fromDb = await pullPage({ db, cache: null, read: direct }, epoch, who, query, newest, 0);
  const fromCache = await pullPage({ db, cache, read: direct }, epoch, who, query, newest, 0);
  expect(fromDb.fromMemory).toBe(false);
  expect({ json: fromCache.json.toString(), count: fromCache.count }).toEqual({ json: fromDb.json.toString(), count: fromDb.count });
  expect(fromCache.json.equals(fromDb.json)).toBe(true);
  return JSON.parse(fromCache.json.toString()) as PullResponse;
}

describe('the op cache', () => {
  it('answers every page as the database does, through pushes and deletions, with room for few ops', async () => {
    // Room for about twenty ops: older cursors fall to the database as the cache drops its oldest.
    const small = new OpCache(db, 20 * 700);
    const roomy = new OpCache(db);
    const lessons: string[] = [];
    let round = 0;
    const check = async () => {
      const newest = await head();
      for (const cache of [small, roomy]) {
        for (const [viewer, role] of [
          [mentor, 'mentor'],
          [member, 'member'],
          [lead, 'lead'],
        ] as const) {
          for (const after of [undefined, 0, Math.floor(newest / 3), newest - 5, newest - 1, newest]) {
            if (after !== undefined && after < 0) continue;
            for (const limit of [1, 4, 1000]) await bothWays(cache, viewer, role, after, limit);
          }
        }
      }
    };
    for (; round < 6; round += 1) {
      const made = [0, 1, 2].map(() => uuidv7());
      lessons.push(...made);
      await pushOk(
        hub,
        lead,
        made.map((id) => op(lead, communityId, 'lesson', id, 'upsert', lessonFields(lead, { title: `Lesson ${round}: الكسور 🧮` }))),
      );
      const target = lessons[round]!;
      await pushOk(hub, mentor, [op(mentor, communityId, 'note', uuidv7(), 'upsert', noteFields(target, { text: `Round ${round}` }))]);
      await pushOk(hub, member, [op(member, communityId, 'note', uuidv7(), 'upsert', noteFields(target, { text: 'Mine' }))]);
      await check();
      // Unsharing a lesson (with its notes) the caches already hold: its earlier ops leave the log.
      if (round % 2 === 1) await pushOk(hub, lead, [op(lead, communityId, 'lesson', lessons[round - 1]!, 'delete')]);
      await check();
    }
    expect(small.heldBytes).toBeLessThanOrEqual(20 * 700);
    expect(roomy.heldBytes).toBeGreaterThan(small.heldBytes);
    // The small one no longer holds the start of the log (the database answered those pages above).
    expect(await small.page(communityId, 0, 10, await head(), direct)).toBeNull();
    expect(await roomy.page(communityId, 0, 10, await head(), direct)).not.toBeNull();
  });

  it("never shows a member someone else's credential, from memory as from the database", async () => {
    const cache = new OpCache(db);
    // The cache holds the log before the awards, so their ops arrive in it by a catch-up read.
    await bothWays(cache, member, 'member', undefined, 1000);
    const achievementId = await defineAchievement(hub, lead, communityId);
    const toMentor = await pushAward(hub, lead, communityId, mentor.user.id, { achievementId });
    const toMember = await pushAward(hub, lead, communityId, member.user.id, { achievementId });
    expect([toMentor.result.status, toMember.result.status]).toEqual(['applied', 'applied']);
    const credentials = async (viewer: TestUser, role: Role) =>
      (await bothWays(cache, viewer, role, undefined, 1000)).ops.filter((o) => o.entity === 'credential').map((o) => o.id);
    expect(await credentials(member, 'member')).toEqual([toMember.id]);
    expect(await credentials(mentor, 'mentor')).toEqual([toMentor.id]);
    expect((await credentials(lead, 'lead')).sort()).toEqual([toMentor.id, toMember.id].sort());
  });

  it('never serves what a tombstone removed, even when the tombstone came after the page it held', async () => {
    const cache = new OpCache(db);
    const lessonId = uuidv7();
    const noteId = uuidv7();
    await pushOk(hub, lead, [op(lead, communityId, 'lesson', lessonId, 'upsert', lessonFields(lead, { title: 'Soon gone' }))]);
    await pushOk(hub, mentor, [op(mentor, communityId, 'note', noteId, 'upsert', noteFields(lessonId, { text: 'Soon gone too' }))]);
    const before = await bothWays(cache, mentor, 'mentor', undefined, 1000);
    expect(before.ops.some((o) => o.id === lessonId)).toBe(true);

    // Filler after the lesson, so a one-op page from the start stops long before the tombstone.
    await pushOk(hub, lead, [op(lead, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(lead))]);
    await pushOk(hub, lead, [op(lead, communityId, 'lesson', lessonId, 'delete')]);
    const ops = [];
    let after: number | undefined;
    for (let more = true; more;) {
      const page = await bothWays(cache, mentor, 'mentor', after, 1);
      ops.push(...page.ops);
      after = decodeCursor(page.cursor).seq;
      more = page.hasMore;
    }
    const trace = ops.filter((o) => o.id === lessonId || o.id === noteId);
    expect(trace.map((o) => [o.entity, o.action])).toEqual([
      ['lesson', 'delete'],
      ['note', 'delete'],
    ]);
    expect(JSON.stringify(trace)).not.toContain('Soon gone');
  });
});
