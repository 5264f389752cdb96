import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createHlc } from '../../../common/sync/hlc';
import { SECRETS_FILE } from '../../../core/secrets/secret-store';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { rewritePackage } from '../../support/package-rewrite';
import {
  invite,
  lessonFields,
  noteFields,
  op,
  pullAll,
  push,
  removeMember,
  startHub,
  type RunningHub,
  type TestUser,
} from '../hub/helpers';
import { consent, importLesson, signUp, startDevice, syncAll, type Device } from './devices';
import { seededRandom } from '../../support/seeded-random';

/**
 * Random interleavings (seeded, bounded, reproducible) of what three studios in two communities do,
 * honest and hostile: shares, edits, notes, syncs, leaves, removals, pushes claiming someone else's
 * lesson id, and packages crafted from real exports. After every step, the invariants of ownership
 * must hold on every studio and on the hub.
 */

const SEED = Number(process.env.OWNERSHIP_SEED ?? 20261206);
const STEPS = Number(process.env.OWNERSHIP_STEPS ?? 120);

interface Studio {
  name: string;
  device: Device;
  user: TestUser;
  /** Lessons made here, with what their author last wrote. */
  own: Map<string, { title: string; media: Record<string, string>; notes: Map<string, { text: string; private: boolean }> }>;
  /** A real export of one of its lessons, re-zipped by an attacker under someone else's share. */
  crafted: string;
}

let hub: RunningHub;
const studios: Studio[] = [];
const communities: string[] = [];
let work: string;
let privateCounter = 0;

const sha = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');

async function mediaOf(device: Device, lessonId: string): Promise<Record<string, string>> {
  const dir = path.join(device.dataDir, 'media', lessonId);
  return Object.fromEntries(await Promise.all((await fs.readdir(dir)).sort().map(async (f) => [f, await sha(path.join(dir, f))])));
}

async function tokenOf(device: Device): Promise<string> {
  return JSON.parse(await fs.readFile(path.join(device.dataDir, SECRETS_FILE), 'utf8'))['hub.session'] as string;
}

beforeAll(async () => {
  hub = await startHub({ now: Date.now });
  work = await makeMediaDir();
  const video = await makeTestVideo(work, { name: 'Lesson.mp4', seconds: 2, width: 160, height: 120 });
  for (const name of ['Amina', 'Budi', 'Chloé']) {
    const device = await startDevice();
    const status = await signUp(device, hub.url, name);
    const user = { email: status.email, token: await tokenOf(device), user: { id: status.account!.userId } } as TestUser;
    const own: Studio['own'] = new Map();
    for (const n of [1, 2]) {
      const lesson = await importLesson(device, video);
      const title = `${name} lesson ${n}`;
      await device.call('lessons.update', { id: lesson.id, patch: { title } });
      own.set(lesson.id, { title, media: await mediaOf(device, lesson.id), notes: new Map() });
    }
    studios.push({ name, device, user, own, crafted: '' });
  }
  // Two communities, each led by one studio, with every studio a member of both.
  for (const lead of studios.slice(0, 2)) {
    const community = await lead.device.call('communities.create', { name: `${lead.name}'s circle`, description: '', languages: ['en'] });
    communities.push(community.id);
    for (const other of studios)
      if (other !== lead)
        await other.device.call('invites.join', { codeOrLink: (await invite(hub, lead.user, community.id, 'member')).link });
  }
  // Each studio's first lesson, exported and re-zipped under the next studio's account and first community.
  for (const [i, s] of studios.entries()) {
    const [lessonId] = s.own.keys();
    const { path: exported } = await s.device.call('packages.export', { target: { kind: 'lesson', id: lessonId! } });
    await s.device.jobs.idle();
    const thief = studios[(i + 1) % studios.length]!;
    s.crafted = await rewritePackage(exported, path.join(work, `crafted-${s.name}.pcircle`), ({ lessons }) => {
      for (const lesson of lessons.values()) {
        Object.assign(lesson, { title: `Stolen by ${thief.name}`, updatedAt: Date.now() + 3_600_000 });
        lesson.share = { communityId: communities[0], ownerId: thief.user.user.id, sharedAt: Date.now() };
      }
    });
  }
}, 180_000);
afterAll(async () => {
  await Promise.all(studios.map((s) => s.device.dispose()));
  await hub?.stop();
});

/** Every invariant of ownership, on every studio and on the hub. */
async function checkInvariants(step: number, action: string): Promise<void> {
  const where = `step ${step} (${action})`;
  const privateTexts = new Set<string>();
  for (const s of studios) for (const l of s.own.values()) for (const n of l.notes.values()) if (n.private) privateTexts.add(n.text);
  const copies: Array<{ studio: string; lesson_id: string; owner_id: string }> = [];
  for (const s of studios) {
    const db = new Database(path.join(s.device.dataDir, 'studio.db'), { readonly: true });
    try {
      for (const [id, expected] of s.own) {
        const row = db.prepare('SELECT title, origin FROM lessons WHERE id = ?').get(id) as { title: string; origin: string } | undefined;
        expect(row, `${where}: ${s.name}'s lesson ${id} is gone`).toEqual({ title: expected.title, origin: 'local' });
        expect(await mediaOf(s.device, id), `${where}: ${s.name}'s media changed`).toEqual(expected.media);
        for (const [noteId, note] of expected.notes) {
          const stored = db.prepare('SELECT text, private FROM notes WHERE id = ?').get(noteId) as
            { text: string; private: number } | undefined;
          expect(stored?.text, `${where}: ${s.name}'s note changed`).toBe(note.text);
          if (note.private) expect(stored?.private, `${where}: ${s.name}'s private note is no longer private`).toBe(1);
        }
      }
      // A lesson shown as someone's from a community is whom its hub says (a package's word is not checked until its hub speaks).
      const rows = db
        .prepare(`SELECT s.lesson_id, s.owner_id FROM lesson_shares s JOIN lessons l ON l.id = s.lesson_id WHERE l.origin = 'hub'`)
        .all() as Array<{ lesson_id: string; owner_id: string }>;
      copies.push(...rows.map((r) => ({ studio: s.name, ...r })));
    } finally {
      db.close();
    }
  }
  // The hub binds each id to one owner for good, in every community. Read after the studios: records are
  // never removed from the hub, so every copy a studio showed a moment ago is there.
  const hubDb = new Database(path.join(hub.dataDir, 'hub.sqlite'), { readonly: true });
  const owners = hubDb
    .prepare(
      `SELECT record_id, COUNT(DISTINCT owner_id) AS n, MIN(owner_id) AS owner FROM records WHERE entity = 'lesson' GROUP BY record_id`,
    )
    .all() as Array<{ record_id: string; n: number; owner: string }>;
  hubDb.close();
  for (const o of owners) expect(o.n, `${where}: the hub holds ${o.record_id} under two owners`).toBe(1);
  const ownerOnHub = new Map(owners.map((o) => [o.record_id, o.owner]));
  for (const copy of copies)
    expect(copy.owner_id, `${where}: ${copy.studio} shows ${copy.lesson_id} under another owner than its hub's`).toBe(
      ownerOnHub.get(copy.lesson_id),
    );
  // Private notes never reach the hub, in either community.
  for (const [i, community] of communities.entries()) {
    const { ops } = await pullAll(hub, studios[i]!.user, community);
    for (const o of ops)
      if (o.entity === 'note') expect(privateTexts.has(String(o.fields.text)), `${where}: a private note reached the hub`).toBe(false);
  }
}

type Action = [name: string, weight: number, run: (s: Studio, pick: <T>(xs: T[]) => T) => Promise<boolean>];

async function isMember(s: Studio, communityId: string): Promise<boolean> {
  return (await s.device.call('communities.list')).some((c) => c.id === communityId);
}

const actions: Action[] = [
  [
    'share',
    3,
    async (s, pick) => {
      const lessonId = pick([...s.own.keys()]);
      const communityId = pick(communities);
      if ((await s.device.call('sharing.get', { lessonId })) || !(await isMember(s, communityId))) return false;
      await s.device.call('sharing.share', { lessonId, communityId, consent, licence: 'cc_by', mediaKind: 'proxy' });
      return true;
    },
  ],
  [
    'unshare',
    1,
    async (s, pick) => {
      const lessonId = pick([...s.own.keys()]);
      if (!(await s.device.call('sharing.get', { lessonId }))) return false;
      await s.device.call('sharing.unshare', { lessonId });
      return true;
    },
  ],
  [
    'rename',
    2,
    async (s, pick) => {
      const lessonId = pick([...s.own.keys()]);
      const title = `${s.name} renamed ${uuidv7().slice(-4)}`;
      await s.device.call('lessons.update', { id: lessonId, patch: { title } });
      s.own.get(lessonId)!.title = title;
      return true;
    },
  ],
  [
    'note',
    3,
    async (s, pick) => {
      const lessonId = pick([...s.own.keys()]);
      const isPrivate = pick([true, false]);
      const text = isPrivate ? `private ${s.name} ${++privateCounter}` : `public ${s.name} ${uuidv7().slice(-6)}`;
      const note = await s.device.call('notes.add', { lessonId, startMs: 100, text, private: isPrivate });
      s.own.get(lessonId)!.notes.set(note.id, { text, private: isPrivate });
      return true;
    },
  ],
  [
    'sync',
    5,
    async (s) => {
      await syncAll(s.device);
      return true;
    },
  ],
  [
    'claim by push',
    2,
    async (s, pick) => {
      const victim = pick(studios.filter((o) => o !== s));
      const lessonId = pick([...victim.own.keys()]);
      const communityId = pick(communities);
      const attacker = { ...s.user, token: await tokenOf(s.device), hlc: createHlc(`atk-${studios.indexOf(s)}`, Date.now) };
      await push(hub, attacker, [
        op(attacker, communityId, 'lesson', lessonId, 'upsert', lessonFields(attacker, { title: `Claimed by ${s.name}` })),
        op(attacker, communityId, 'note', uuidv7(), 'upsert', noteFields(lessonId)),
      ]);
      return true;
    },
  ],
  [
    'crafted package',
    2,
    async (s, pick) => {
      const source = pick(studios);
      await s.device.call('packages.import', { source: { kind: 'path', path: source.crafted } }).catch((err: { code?: string }) => {
        if (err.code !== 'package_conflict') throw err;
      });
      await s.device.jobs.idle();
      return true;
    },
  ],
  [
    'leave',
    1,
    async (s, pick) => {
      const communityId = pick(communities);
      const lead = studios[communities.indexOf(communityId)]!;
      if (lead === s || !(await isMember(s, communityId))) return false;
      await s.device.call('communities.leave', { communityId });
      return true;
    },
  ],
  [
    'removed by lead',
    1,
    async (s, pick) => {
      const communityId = pick(communities);
      const lead = studios[communities.indexOf(communityId)]!;
      if (lead === s || !(await isMember(s, communityId))) return false;
      await removeMember(hub, { ...lead.user, token: await tokenOf(lead.device) }, communityId, s.user.user.id);
      await syncAll(s.device);
      return true;
    },
  ],
  [
    'rejoin',
    2,
    async (s, pick) => {
      const communityId = pick(communities);
      const lead = studios[communities.indexOf(communityId)]!;
      if (await isMember(s, communityId)) return false;
      const { link } = await invite(hub, { ...lead.user, token: await tokenOf(lead.device) }, communityId, 'member');
      await s.device.call('invites.join', { codeOrLink: link });
      return true;
    },
  ],
];

describe('ownership holds through random interleavings', () => {
  it(`keeps every invariant after each of ${STEPS} seeded steps (seed ${SEED})`, async () => {
    const next = seededRandom(SEED);
    const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
    const total = actions.reduce((sum, [, weight]) => sum + weight, 0);
    const ran: Record<string, number> = {};
    let steps = 0;
    await checkInvariants(0, 'start');
    while (steps < STEPS) {
      let roll = next() * total;
      const [name, , run] = actions.find(([, weight]) => (roll -= weight) < 0)!;
      const studio = pick(studios);
      if (!(await run(studio, pick))) continue;
      steps += 1;
      ran[name] = (ran[name] ?? 0) + 1;
      await checkInvariants(steps, `${studio.name}: ${name}`);
    }
    await syncAll(...studios.map((s) => s.device));
    await checkInvariants(steps + 1, 'everyone synced');
    console.info(`ownership property: ${steps} steps, seed ${SEED}:`, JSON.stringify(ran));
    expect(Object.keys(ran).length).toBeGreaterThanOrEqual(8);
  }, 300_000);
});
