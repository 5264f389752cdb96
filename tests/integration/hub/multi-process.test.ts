import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresConfig } from '../../../hub/db/postgres';
import { HUB_DIALECT, scratchHubDatabase, type ScratchHubDatabase } from '../../support/hub-database';
import { startHubProcess, type HubProcess } from '../../support/hub-process';
import { addMember, createCommunity, lessonFields, op, pull, pushOk, signUp, TestClock, type HubAddress, type TestUser } from './helpers';

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

  async function seqsInDatabase(): Promise<number[]> {
    const client = new pg.Client(postgresConfig(database.url));
    await client.connect();
    try {
      return (await client.query<{ seq: number }>('SELECT seq FROM ops ORDER BY seq')).rows.map((r) => r.seq);
    } finally {
      await client.end();
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
});
