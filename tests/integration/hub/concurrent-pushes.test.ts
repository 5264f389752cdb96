import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHlc } from '../../../common/sync/hlc';
import type { Op, PushResult } from '../../../common/sync/ops';
import { HUB_DIALECT } from '../../support/hub-database';
import {
  anotherDevice,
  createCommunity,
  lessonFields,
  noteFields,
  op,
  push,
  pullAll,
  pushOk,
  queryHub,
  signUp,
  startHub,
  type RunningHub,
  type TestUser,
} from './helpers';

/**
 * Pushes that overlap: on PostgreSQL each runs in its own transaction on its own connection, reading
 * and merging while others do (hub/sync/seq.ts); on SQLite they take turns. Either way the outcome
 * must be that of the pushes one after the other.
 */
describe(`concurrent pushes (${HUB_DIALECT})`, () => {
  let hub: RunningHub;
  let owner: TestUser;
  let communityId: string;

  beforeAll(async () => {
    hub = await startHub();
    owner = await signUp(hub, 'Owner');
    communityId = (await createCommunity(hub, owner)).id;
  });

  afterAll(async () => {
    await hub?.stop();
  });

  /** The owner on `count` more devices, each with a session and a clock of its own. */
  async function devices(count: number): Promise<TestUser[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, i) => ({
        ...(await anotherDevice(hub, owner)),
        hlc: createHlc(`device-${i}`, hub.clock.now),
      })),
    );
  }

  async function seqsOfCommunity(): Promise<number[]> {
    const rows = await queryHub<{ seq: number }>(hub, 'SELECT seq FROM ops WHERE community_id = ? ORDER BY seq', communityId);
    return rows.map((r) => Number(r.seq));
  }

  it('keeps the newest value of each field when devices edit one lesson at once', async () => {
    const lessonId = uuidv7();
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner))]);
    const edits: Op[] = [];
    await Promise.all(
      (await devices(4)).map(async (device, d) => {
        for (let i = 0; i < 12; i++) {
          // Each edit sets one field of two and both of the other, so merges of partial edits are tested too.
          const fields = i % 2 ? { title: `title ${d}.${i}` } : { title: `title ${d}.${i}`, description: `description ${d}.${i}` };
          const edit = op(device, communityId, 'lesson', lessonId, 'upsert', fields);
          edits.push(edit);
          await pushOk(hub, device, [edit]);
        }
      }),
    );
    const newest = (field: 'title' | 'description') =>
      edits
        .filter((e) => field in e.fields)
        .sort((a, b) => (a.hlc < b.hlc ? -1 : 1))
        .at(-1)!;
    const [row] = await queryHub<{ fields: string; field_hlcs: string }>(
      hub,
      'SELECT fields, field_hlcs FROM records WHERE record_id = ?',
      lessonId,
    );
    const fields = JSON.parse(row!.fields) as Record<string, unknown>;
    const hlcs = JSON.parse(row!.field_hlcs) as Record<string, string>;
    for (const field of ['title', 'description'] as const) {
      expect(fields[field]).toBe(newest(field).fields[field]);
      expect(hlcs[field]).toBe(newest(field).hlc);
    }
    expect(fields.durationMs).toBe(600_000);
  });

  it('applies ops sent twice at once (a retry while the first try still runs) exactly once', async () => {
    const [laptop, phone] = await devices(2);
    const before = (await seqsOfCommunity()).length;
    const ops = Array.from({ length: 20 }, () => op(owner, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(owner)));
    const [first, second] = await Promise.all([pushOk(hub, laptop!, ops), pushOk(hub, phone!, ops)]);
    ops.forEach((o, i) => {
      const pair = [first[i]!, second[i]!];
      expect(pair.map((r) => r.status).sort()).toEqual(['applied', 'duplicate']);
      expect(pair[0]!.seq).toBe(pair[1]!.seq);
    });
    // Nothing was deleted so far in this community, so its seqs are exactly 1..N.
    const seqs = await seqsOfCommunity();
    expect(seqs.length).toBe(before + ops.length);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('leaves no live note under a lesson deleted while notes were being added to it', async () => {
    const [writer, deleter] = await devices(2);
    const lessonId = uuidv7();
    const lesson = op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner));
    await pushOk(hub, owner, [lesson]);
    // Both devices have pulled the lesson, so the delete is stamped after its creation.
    for (const device of [writer!, deleter!]) device.hlc.receive(lesson.hlc);
    const results: PushResult[] = [];
    const adding = (async () => {
      for (let i = 0; i < 15; i++) {
        const notes = Array.from({ length: 3 }, () => op(writer!, communityId, 'note', uuidv7(), 'upsert', noteFields(lessonId)));
        results.push(...(await push(hub, writer!, notes)).body.results);
      }
    })();
    const deleting = (async () => {
      // Once some notes are in, so the delete lands among the pushes rather than before them.
      while (results.length < 9) await new Promise((resolve) => setImmediate(resolve));
      await pushOk(hub, deleter!, [op(deleter!, communityId, 'lesson', lessonId, 'delete')]);
    })();
    await Promise.all([adding, deleting]);

    expect(results.filter((r) => r.status === 'applied').length).toBeGreaterThanOrEqual(9);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBe('not_found');
    const live = await queryHub(
      hub,
      "SELECT record_id FROM records WHERE entity = 'note' AND parent_id = ? AND deleted_hlc IS NULL",
      lessonId,
    );
    expect(live).toEqual([]);
    const upserts = await queryHub(hub, "SELECT op_id FROM ops WHERE entity = 'note' AND action = 'upsert' AND op LIKE ?", `%${lessonId}%`);
    expect(upserts).toEqual([]);
  });

  it('stores each op as sent, whatever its text holds', async () => {
    const lesson = op(owner, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(owner));
    const text = 'Quotes " and \\ back\\slashes, \u2028 a separator, عربي, emoji 🧮, {"json": [1]} and \t tabs';
    const note = op(owner, communityId, 'note', uuidv7(), 'upsert', noteFields(lesson.id, { text }));
    const [, noted] = await pushOk(hub, owner, [lesson, note]);
    const reader = await anotherDevice(hub, owner);
    const { ops } = await pullAll(hub, reader, communityId);
    expect(ops.find((o) => o.opId === note.opId)).toEqual({ ...note, seq: noted!.seq });
  });
});
