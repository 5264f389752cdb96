import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_MAX_OPS } from '../../../common/sync/ops';
import { postgresConfig } from '../../../hub/db/postgres';
import { HUB_DIALECT, scratchHubDatabase, type ScratchHubDatabase } from '../../support/hub-database';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { EVENTS_PATH, hubEndpoints, hubEventSchema, hubPath, type HubEvent } from '../../../common/hub-api';
import {
  addMember,
  anotherDevice,
  createCommunity,
  lessonFields,
  op,
  pull,
  pullAll,
  push,
  pushOk,
  signUp,
  TestClock,
  type HubAddress,
  type TestUser,
} from './helpers';
import { sha256, uploadWithTus } from './tus';

/** Two real hub processes on one PostgreSQL database and one data folder, as behind a load balancer. */
describe.runIf(HUB_DIALECT === 'postgres')('several hub processes on one PostgreSQL database', () => {
  let database: ScratchHubDatabase;
  let dataDir: string;
  let processA: HubProcess;
  let processB: HubProcess;
  const clock = new TestClock();
  const at = (p: HubProcess): HubAddress => ({ url: p.url, clock });

  beforeAll(async () => {
    database = await scratchHubDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'pc-hub-shared-'));
    [processA, processB] = await Promise.all([
      startHubProcess(dataDir, 0, ['--database', database.url]),
      startHubProcess(dataDir, 0, ['--database', database.url]),
    ]);
  });

  afterAll(async () => {
    await Promise.all([processA?.stop(), processB?.stop()]);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function queryDatabase<T extends object>(text: string): Promise<T[]> {
    const client = new pg.Client(postgresConfig(database.url));
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  async function seqsInDatabase(): Promise<number[]> {
    return (await queryDatabase<{ seq: number }>('SELECT seq FROM ops ORDER BY seq')).map((r) => r.seq);
  }

  /** Polls the database's state until the condition holds. */
  async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the hub processes');
    }
  }

  it('numbers concurrent pushes to both processes 1..N without gaps, and a puller polling meanwhile sees each op once', async () => {
    const lead = await signUp(at(processA), 'Lead');
    const communityId = (await createCommunity(at(processA), lead)).id;
    const pushers: TestUser[] = [];
    for (let i = 0; i < 6; i++) {
      const teacher = await signUp(at(i % 2 ? processB : processA), `Pusher ${i}`);
      await addMember(at(processA), lead, communityId, teacher, 'member');
      pushers.push(teacher);
    }
    const watcher = await signUp(at(processB), 'Watcher');
    await addMember(at(processB), lead, communityId, watcher, 'mentor');

    const BATCHES = 8;
    const PER_BATCH = 10;
    const pushedIds: string[] = [];
    let pushing = true;
    const pushes = Promise.all(
      pushers.map(async (teacher, t) => {
        for (let b = 0; b < BATCHES; b++) {
          const ops = Array.from({ length: PER_BATCH }, () =>
            op(teacher, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(teacher)),
          );
          pushedIds.push(...ops.map((o) => o.id));
          // Alternating processes, so the two sides' transactions overlap all the time.
          await pushOk(at((t + b) % 2 ? processB : processA), teacher, ops);
        }
      }),
    ).finally(() => (pushing = false));
    // Awaited below; noted now so a failed push is reported as that, not as an unhandled rejection.
    pushes.catch(() => undefined);

    // Polls from a cursor while the pushes run, alternating processes too, until it has caught up.
    const seen: string[] = [];
    const seqs: number[] = [];
    let cursor: string | undefined;
    let polls = 0;
    for (;;) {
      const done = !pushing;
      const res = await pull(at(polls++ % 2 ? processB : processA), watcher, communityId, cursor, 25);
      expect(res.status).toBe(200);
      seen.push(...res.body.ops.map((o) => o.id));
      seqs.push(...res.body.ops.map((o) => o.seq));
      cursor = res.body.cursor;
      if (done && !res.body.hasMore) break;
    }
    await pushes;

    expect(polls).toBeGreaterThan(2);
    expect(seen.length).toBe(pushedIds.length);
    expect(new Set(seen)).toEqual(new Set(pushedIds));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const all = await seqsInDatabase();
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.length).toBe(pushers.length * BATCHES * PER_BATCH);
  });

  it('tells a device connected to one process of a push to the other, and serves a blob uploaded to the other', async () => {
    const lead = await signUp(at(processA), 'Lead two');
    const communityId = (await createCommunity(at(processA), lead)).id;
    const mentor = await signUp(at(processB), 'Mentor two');
    await addMember(at(processA), lead, communityId, mentor, 'mentor');

    const socket = new WebSocket(`${processB.url.replace('http', 'ws')}${EVENTS_PATH}`, {
      headers: { authorization: `Bearer ${mentor.token}` },
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const event = new Promise<HubEvent>((resolve) =>
      socket.once('message', (data) => resolve(hubEventSchema.parse(JSON.parse(String(data))))),
    );
    const bytes = randomBytes(300_000);
    const sha = sha256(bytes);
    const meta = { sha256: sha, communityId, filename: 'clip.mp4', type: 'video/mp4' };
    expect((await uploadWithTus(at(processA), lead, bytes, meta, { chunkSize: 100_000 })).ok).toBe(true);
    const [result] = await pushOk(at(processA), lead, [
      op(lead, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(lead, { mediaSha: sha })),
    ]);
    expect(await event).toEqual({ type: 'ops', community: communityId, seq: result!.seq });
    socket.close();

    const { ops } = await pullAll(at(processB), mentor, communityId);
    expect(ops.map((o) => o.fields.mediaSha)).toEqual([sha]);
    const download = await fetch(`${processB.url}${hubPath(hubEndpoints.blob.path, { sha256: sha })}`, {
      headers: { authorization: `Bearer ${mentor.token}` },
    });
    expect(download.status).toBe(200);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha);
  });

  it('listens again when its listening connection is terminated, so live notices still cross processes', async () => {
    const lead = await signUp(at(processA), 'Lead notices');
    const communityId = (await createCommunity(at(processA), lead)).id;
    const mentor = await signUp(at(processB), 'Mentor notices');
    await addMember(at(processA), lead, communityId, mentor, 'mentor');
    const socket = new WebSocket(`${processB.url.replace('http', 'ws')}${EVENTS_PATH}`, {
      headers: { authorization: `Bearer ${mentor.token}` },
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      // Both processes' listening backends go, as when PostgreSQL restarts or an administrator ends them.
      const listeners = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN practice_circle_hub'";
      const before = (await queryDatabase<{ pid: number }>(listeners)).map((r) => r.pid);
      expect(before).toHaveLength(2);
      await queryDatabase(`SELECT pg_terminate_backend(pid) FROM (${listeners}) AS l`);
      await waitFor(async () => {
        const now = (await queryDatabase<{ pid: number }>(listeners)).map((r) => r.pid);
        return now.length === 2 && now.every((pid) => !before.includes(pid));
      });

      const event = new Promise<HubEvent>((resolve) =>
        socket.once('message', (data) => resolve(hubEventSchema.parse(JSON.parse(String(data))))),
      );
      const [result] = await pushOk(at(processA), lead, [op(lead, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(lead))]);
      expect(await event).toEqual({ type: 'ops', community: communityId, seq: result!.seq });
    } finally {
      socket.close();
    }
  });

  it('never serves, from one process, ops that another process removed', async () => {
    const lead = await signUp(at(processA), 'Lead unshares');
    const communityId = (await createCommunity(at(processA), lead)).id;
    const mentor = await signUp(at(processB), 'Mentor reads');
    await addMember(at(processA), lead, communityId, mentor, 'mentor');
    const lessonId = uuidv7();
    const title = 'Fractions, second attempt';
    await pushOk(at(processA), lead, [op(lead, communityId, 'lesson', lessonId, 'upsert', lessonFields(lead, { title }))]);
    // Both processes read the lesson, so each holds it in its cache of the log.
    const before = await pullAll(at(processA), mentor, communityId);
    expect(JSON.stringify((await pullAll(at(processB), mentor, communityId)).ops)).toContain(title);

    await pushOk(at(processB), lead, [op(lead, communityId, 'lesson', lessonId, 'delete')]);
    const fresh = await anotherDevice(at(processA), mentor);
    for (const process of [processA, processB]) {
      const fromStart = await pullAll(at(process), fresh, communityId);
      expect(fromStart.ops.map((o) => [o.id, o.action])).toEqual([[lessonId, 'delete']]);
      expect(JSON.stringify(fromStart.ops)).not.toContain(title);
      const resumed = await pull(at(process), mentor, communityId, before.cursor);
      expect(resumed.body.ops.map((o) => [o.id, o.action])).toEqual([[lessonId, 'delete']]);
    }
  });

  it('refuses on one process, at once, a session signed out on the other', async () => {
    const teacher = await signUp(at(processA), 'Signs out');
    const community = (await createCommunity(at(processA), teacher)).id;
    expect((await pull(at(processB), teacher, community)).status).toBe(200);
    const signOut = await fetch(`${processA.url}${hubEndpoints.signOut.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${teacher.token}` },
    });
    expect(signOut.status).toBe(204);
    const refused = await pull(at(processB), teacher, community);
    expect([refused.status, (refused.body as unknown as { code: string }).code]).toEqual([401, 'unauthorized']);
    const pushed = await push(at(processB), teacher, [op(teacher, community, 'lesson', uuidv7(), 'upsert', lessonFields(teacher))]);
    expect(pushed.status).toBe(401);
  });

  it('loses and repeats nothing when a process is killed in the middle of a push and the studio retries on the other', async () => {
    const lead = await signUp(at(processB), 'Lead three');
    const communityId = (await createCommunity(at(processB), lead)).id;
    const ops = Array.from({ length: PUSH_MAX_OPS }, () => op(lead, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(lead)));
    const before = Math.max(0, ...(await seqsInDatabase()));

    const first = push(at(processA), lead, ops).then(
      () => 'answered' as const,
      () => 'cut off' as const,
    );
    await inPushTransaction();
    await processA.stop('SIGKILL');
    expect(await first).toBe('cut off');

    const retried = await pushOk(at(processB), lead, ops);
    expect(retried.every((r) => r.status === 'applied' || r.status === 'duplicate')).toBe(true);
    const reader = await anotherDevice(at(processB), lead);
    const pulled = await pullAll(at(processB), reader, communityId);
    expect(pulled.ops.map((o) => o.opId).sort()).toEqual(ops.map((o) => o.opId).sort());
    // The new seqs follow the old ones without a gap (an earlier test's tombstone left gaps below).
    const added = (await seqsInDatabase()).filter((seq) => seq > before);
    expect(added).toEqual(Array.from({ length: ops.length }, (_, i) => before + i + 1));
  });

  /** Resolves once a hub connection is inside a transaction (the push is under way). */
  async function inPushTransaction(): Promise<void> {
    const client = new pg.Client(postgresConfig(database.url));
    await client.connect();
    try {
      for (;;) {
        const { rows } = await client.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'practice-circle-hub'
             AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
        );
        if (rows.length > 0) return;
      }
    } finally {
      await client.end();
    }
  }
});
