import { v7 as uuidv7 } from 'uuid';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../common/errors';
import { EVENTS_PATH, hubEndpoints, hubEventSchema, SESSION_ENDED_CLOSE_CODE, type HubEvent } from '../../../common/hub-api';
import { createHlc, encodeHlc, parseHlc } from '../../../common/sync/hlc';
import { decide, type RecordState } from '../../../common/sync/lww';
import type { SequencedOp } from '../../../common/sync/ops';
import {
  anotherDevice,
  addMember,
  call,
  queryHub,
  createCommunity,
  lessonFields,
  noteFields,
  op,
  pull,
  pullAll,
  push,
  pushOk,
  removeMember,
  signUp,
  startHub,
  type RunningHub,
  type TestUser,
} from './helpers';

const DAY = 24 * 60 * 60 * 1000;
let hub: RunningHub;
let owner: TestUser;
let mentor: TestUser;
let communityId: string;

beforeAll(async () => {
  hub = await startHub();
  owner = await signUp(hub, 'Owner');
  mentor = await signUp(hub, 'Mentor');
  communityId = (await createCommunity(hub, owner)).id;
  await addMember(hub, owner, communityId, mentor, 'mentor');
});
afterAll(async () => {
  await hub.stop();
});

/** A device's view of the records, built only from pulled ops with the shared merge rule. */
class Replica {
  private readonly records = new Map<string, { state: RecordState; values: Record<string, unknown> }>();

  apply(ops: readonly SequencedOp[]): this {
    for (const o of ops) {
      const key = `${o.entity}/${o.id}`;
      const current = this.records.get(key) ?? null;
      const decision = decide(o, current?.state ?? null);
      if (decision.kind === 'delete') this.records.set(key, { state: { status: 'deleted', deletedHlc: o.hlc }, values: {} });
      if (decision.kind === 'create' || decision.kind === 'update') {
        const base =
          decision.kind === 'create' || current?.state.status !== 'live'
            ? { values: {}, fieldHlcs: {}, createdHlc: o.hlc }
            : { values: current.values, fieldHlcs: current.state.fieldHlcs, createdHlc: current.state.createdHlc };
        const fieldHlcs = { ...base.fieldHlcs, ...Object.fromEntries(Object.keys(decision.fields).map((f) => [f, o.hlc])) };
        this.records.set(key, {
          state: { status: 'live', createdHlc: base.createdHlc, fieldHlcs },
          values: { ...base.values, ...decision.fields },
        });
      }
    }
    return this;
  }

  get(entity: string, id: string): Record<string, unknown> | null {
    const record = this.records.get(`${entity}/${id}`);
    return record?.state.status === 'live' ? record.values : null;
  }
}

describe('push', () => {
  it('is idempotent: the same op twice is applied once, with one seq', async () => {
    const lessonId = uuidv7();
    const share = op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner));
    const [first] = await pushOk(hub, owner, [share]);
    expect(first).toMatchObject({ opId: share.opId, status: 'applied', seq: expect.any(Number) });
    const again = await push(hub, owner, [share, share]);
    expect(again.body.results).toEqual([
      { opId: share.opId, status: 'duplicate', seq: first!.seq },
      { opId: share.opId, status: 'duplicate', seq: first!.seq },
    ]);
    const { ops } = await pullAll(hub, mentor, communityId);
    expect(ops.filter((o) => o.opId === share.opId)).toHaveLength(1);
  });

  it('rejects bad ops one by one with a reason and applies the rest', async () => {
    const lessonId = uuidv7();
    const outsider = await signUp(hub, 'Outsider');
    const foreignCommunity = (await createCommunity(hub, outsider)).id;
    const good1 = op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner));
    const good2 = op(owner, communityId, 'note', uuidv7(), 'upsert', noteFields(lessonId));
    const batch = [
      good1,
      { ...op(owner, communityId, 'lesson', uuidv7(), 'upsert', {}), fields: { title: 42 } },
      op(owner, communityId, 'lesson', uuidv7(), 'upsert', { title: 'No media, no consent' }),
      op(owner, communityId, 'note', uuidv7(), 'upsert', noteFields(uuidv7())),
      op(owner, foreignCommunity, 'lesson', uuidv7(), 'upsert', lessonFields(owner)),
      { ...op(owner, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(owner)), authorId: mentor.user.id },
      op(owner, communityId, 'note', uuidv7(), 'upsert', noteFields(lessonId, { text: 'x'.repeat(10_001) })),
      { nonsense: true },
      good2,
    ];
    const res = await push(hub, owner, batch);
    expect(res.status).toBe(200);
    const summary = res.body.results.map((r) => [r.status, r.reason ?? null]);
    expect(summary).toEqual([
      ['applied', null],
      ['rejected', 'invalid_input'],
      ['rejected', 'invalid_input'],
      ['rejected', 'not_found'],
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
      ['rejected', 'invalid_input'],
      ['rejected', 'invalid_input'],
      ['applied', null],
    ]);
    expect(res.body.results[6]!.params).toMatchObject({ path: 'fields.text' });
    expect(res.body.results[7]!.opId).toBeNull();
    const { ops } = await pullAll(hub, mentor, communityId);
    expect(ops.map((o) => o.opId)).toEqual(expect.arrayContaining([good1.opId, good2.opId]));
  });

  it('refuses to change who owns a lesson or which lesson a note belongs to', async () => {
    const lessonId = uuidv7();
    const noteId = uuidv7();
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner))]);
    await pushOk(hub, mentor, [op(mentor, communityId, 'note', noteId, 'upsert', noteFields(lessonId))]);
    const moveNote = await push(hub, mentor, [op(mentor, communityId, 'note', noteId, 'upsert', { lessonId: uuidv7() })]);
    expect(moveNote.body.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_input', params: { path: 'fields.lessonId' } });
    const steal = await push(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', { ownerId: mentor.user.id })]);
    expect(steal.body.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_input' });
  });
});

describe('last writer wins, per field', () => {
  it('converges whatever order concurrent edits arrive in', async () => {
    const lessonId = uuidv7();
    const laptop = createHlc('laptop', hub.clock.now);
    const phone = createHlc('phone', hub.clock.now);
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner), laptop.tick())]);

    // Offline, the laptop edits title and description; later the phone edits the title only.
    const laptopEdit = op(
      owner,
      communityId,
      'lesson',
      lessonId,
      'upsert',
      { title: 'Laptop title', description: 'Laptop description' },
      laptop.tick(),
    );
    hub.clock.advance(60_000);
    const phoneEdit = op(owner, communityId, 'lesson', lessonId, 'upsert', { title: 'Phone title' }, phone.tick());

    // The newer edit reaches the hub first.
    expect((await pushOk(hub, owner, [phoneEdit]))[0]!.seq).toBeDefined();
    const [late] = await pushOk(hub, owner, [laptopEdit]);
    expect(late!.status).toBe('applied');

    const { ops } = await pullAll(hub, mentor, communityId);
    const fromHub = new Replica().apply(ops).get('lesson', lessonId);
    expect(fromHub).toMatchObject({ title: 'Phone title', description: 'Laptop description' });

    // A device that saw the edits in the other order ends in the same state.
    const lessonOps = ops.filter((o) => o.id === lessonId);
    const reordered = [lessonOps[0]!, { ...laptopEdit, seq: 0 }, { ...phoneEdit, seq: 0 }];
    expect(new Replica().apply(reordered).get('lesson', lessonId)).toEqual(fromHub);
  });

  it('accepts an op that lost every field without giving it a seq', async () => {
    const lessonId = uuidv7();
    const first = owner.hlc.tick();
    const second = owner.hlc.tick();
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner), first)]);
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', { title: 'Newer' }, second)]);
    const stale = op(owner, communityId, 'lesson', lessonId, 'upsert', { title: 'Older' }, first.replace(/-\d{6}-/, '-000000-'));
    expect((await pushOk(hub, owner, [stale]))[0]).toEqual({ opId: stale.opId, status: 'applied' });
    const { ops } = await pullAll(hub, mentor, communityId);
    expect(new Replica().apply(ops).get('lesson', lessonId)?.title).toBe('Newer');
  });
});

describe('tombstones', () => {
  it('unsharing removes the lesson and its notes from the hub for everyone', async () => {
    const lessonId = uuidv7();
    const noteId = uuidv7();
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner))]);
    await pushOk(hub, mentor, [op(mentor, communityId, 'note', noteId, 'upsert', noteFields(lessonId))]);
    const before = await pullAll(hub, mentor, communityId);
    const replica = new Replica().apply(before.ops);
    expect(replica.get('note', noteId)).not.toBeNull();

    const unshare = op(owner, communityId, 'lesson', lessonId, 'delete');
    await pushOk(hub, owner, [unshare]);

    const after = await pull(hub, mentor, communityId, before.cursor);
    expect(after.body.ops.map((o) => [o.entity, o.id, o.action])).toEqual([
      ['lesson', lessonId, 'delete'],
      ['note', noteId, 'delete'],
    ]);
    replica.apply(after.body.ops);
    expect(replica.get('lesson', lessonId)).toBeNull();
    expect(replica.get('note', noteId)).toBeNull();

    // Someone joining later pulls no trace of the content, only the tombstones.
    const fromStart = (await pullAll(hub, mentor, communityId)).ops.filter((o) => o.id === lessonId || o.id === noteId);
    expect(fromStart.map((o) => o.action)).toEqual(['delete', 'delete']);
    expect(fromStart.every((o) => Object.keys(o.fields).length === 0)).toBe(true);
  });

  it('ignores older upserts after a delete, but a newer share brings the lesson back', async () => {
    const lessonId = uuidv7();
    const created = owner.hlc.tick();
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner), created)]);
    const lateEdit = owner.hlc.tick();
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'delete')]);
    const ignored = await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', { title: 'Late edit' }, lateEdit)]);
    expect(ignored[0]!.seq).toBeUndefined();
    const noteOnDeleted = await push(hub, mentor, [op(mentor, communityId, 'note', uuidv7(), 'upsert', noteFields(lessonId))]);
    expect(noteOnDeleted.body.results[0]!.reason).toBe('not_found');

    const partial = await push(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', { title: 'Back?' })]);
    expect(partial.body.results[0]!.reason).toBe('invalid_input');
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner, { title: 'Shared again' }))]);
    const { ops } = await pullAll(hub, mentor, communityId);
    expect(new Replica().apply(ops).get('lesson', lessonId)?.title).toBe('Shared again');
  });

  it('removes a share by itself once its agreed duration has passed', async () => {
    const lessonId = uuidv7();
    const noteId = uuidv7();
    const expiresAt = hub.clock.now() + DAY;
    const share = lessonFields(owner, { consent: { visibility: 'faces', onFile: true, durationDays: 1 }, expiresAt });
    await pushOk(hub, owner, [op(owner, communityId, 'lesson', lessonId, 'upsert', share)]);
    await pushOk(hub, mentor, [op(mentor, communityId, 'note', noteId, 'upsert', noteFields(lessonId))]);
    const { cursor } = await pullAll(hub, mentor, communityId);

    hub.clock.advance(DAY - 1000);
    expect((await pull(hub, mentor, communityId, cursor)).body.ops).toEqual([]);
    hub.clock.advance(2000);
    const expired = await pull(hub, mentor, communityId, cursor);
    expect(expired.body.ops.map((o) => [o.entity, o.id, o.action, o.authorId])).toEqual([
      ['lesson', lessonId, 'delete', owner.user.id],
      ['note', noteId, 'delete', owner.user.id],
    ]);
    const late = await push(hub, mentor, [op(mentor, communityId, 'note', uuidv7(), 'upsert', noteFields(lessonId))]);
    expect(late.body.results[0]!.reason).toBe('not_found');
  });

  it('treats deleting something unknown as a no-op', async () => {
    const [result] = await pushOk(hub, owner, [op(owner, communityId, 'note', uuidv7(), 'delete')]);
    expect(result).toMatchObject({ status: 'applied' });
    expect(result!.seq).toBeUndefined();
  });
});

describe('pull', () => {
  it('pages through the log with a cursor, in seq order, without gaps or repeats', async () => {
    const pager = await signUp(hub, 'Pager');
    const community = (await createCommunity(hub, pager)).id;
    const lessonId = uuidv7();
    const ops = [op(pager, community, 'lesson', lessonId, 'upsert', lessonFields(pager))];
    for (let i = 0; i < 24; i += 1) ops.push(op(pager, community, 'note', uuidv7(), 'upsert', noteFields(lessonId, { text: `Note ${i}` })));
    await pushOk(hub, pager, ops);
    // Read from the person's other device: a device's own pushes do not come back to it (see below).
    const laptop = await anotherDevice(hub, pager);

    const pages: SequencedOp[][] = [];
    let cursor: string | undefined;
    let hasMore = true;
    while (hasMore) {
      const res = await pull(hub, laptop, community, cursor, 10);
      expect(res.status).toBe(200);
      pages.push(res.body.ops);
      ({ cursor, hasMore } = res.body);
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const all = pages.flat();
    expect(all.map((o) => o.opId)).toEqual(ops.map((o) => o.opId));
    expect([...all.map((o) => o.seq)].sort((a, b) => a - b)).toEqual(all.map((o) => o.seq));
    const empty = await pull(hub, laptop, community, cursor);
    expect(empty.body).toMatchObject({ ops: [], cursor, hasMore: false });
  });

  it("leaves a device's own pushes out of its pulls from a cursor, but not what the hub made of them", async () => {
    const teacher = await signUp(hub, 'Pusher');
    const community = (await createCommunity(hub, teacher)).id;
    const { cursor: start } = await pullAll(hub, teacher, community);
    const lessonId = uuidv7();
    const noteId = uuidv7();
    await pushOk(hub, teacher, [
      op(teacher, community, 'lesson', lessonId, 'upsert', lessonFields(teacher)),
      op(teacher, community, 'note', noteId, 'upsert', noteFields(lessonId)),
    ]);
    // Unsharing the lesson: the hub tombstones its note too, with an op of its own.
    await pushOk(hub, teacher, [op(teacher, community, 'lesson', lessonId, 'delete', {})]);

    const mine = await pull(hub, teacher, community, start);
    expect(mine.body.ops.map((o) => [o.entity, o.id, o.action])).toEqual([['note', noteId, 'delete']]);
    expect(mine.body.hasMore).toBe(false);
    // Its cursor moves past what it left out: nothing comes round again.
    expect((await pull(hub, teacher, community, mine.body.cursor)).body.ops).toEqual([]);
    // The same person's other device, and a full re-pull, see both tombstones (a deleted record's earlier ops are gone).
    const laptop = await anotherDevice(hub, teacher);
    const tombstones = [
      ['lesson', lessonId, 'delete'],
      ['note', noteId, 'delete'],
    ];
    expect((await pull(hub, laptop, community, start)).body.ops.map((o) => [o.entity, o.id, o.action])).toEqual(tombstones);
    expect((await pullAll(hub, teacher, community)).ops.map((o) => [o.entity, o.id, o.action])).toEqual(tombstones);
  });

  it('stores and sends each op as the very text it was pushed as, whatever its characters', async () => {
    const writer = await signUp(hub, 'Writer');
    const community = (await createCommunity(hub, writer)).id;
    const lessonId = uuidv7();
    const texts = [
      '🎻 𝄞 emoji and astral',
      'شرح الكسور',
      'quotes " and \\ backslash',
      'line\nbreak\ttab \u2028 \u0000',
      'é'.repeat(300),
      // On PostgreSQL a push's last statements carry their values as literals (hub/db/pg-transaction.ts).
      "it's '' $1 $2 \\' E'\\x41' ; COMMIT; DROP TABLE ops; --",
      'dollars $$ $q$ $qab$ and a tail of $q',
    ];
    await pushOk(hub, writer, [
      op(writer, community, 'lesson', lessonId, 'upsert', lessonFields(writer, { title: '«Fractions» ½' })),
      ...texts.map((text) => op(writer, community, 'note', uuidv7(), 'upsert', noteFields(lessonId, { text }))),
    ]);
    const stored = await queryHub<{ seq: number | string; op: string }>(
      hub,
      'SELECT seq, op FROM ops WHERE community_id = ? ORDER BY seq',
      community,
    );
    expect(stored).toHaveLength(texts.length + 1);
    const records = await queryHub<{ fields: string }>(
      hub,
      "SELECT fields FROM records WHERE community_id = ? AND entity = 'note'",
      community,
    );
    expect(records.map((r) => (JSON.parse(r.fields) as { text: string }).text).sort()).toEqual([...texts].sort());
    const laptop = await anotherDevice(hub, writer);
    for (const limit of [100, 2]) {
      const res = await fetch(`${hub.url}${hubEndpoints.pull.path}?${new URLSearchParams({ community, limit: String(limit) })}`, {
        headers: { authorization: `Bearer ${laptop.token}` },
      });
      const raw = await res.text();
      const page = stored.slice(0, limit).map((row) => `{"seq":${row.seq},${row.op.slice(1)}`);
      expect(raw.startsWith(`{"ops":[${page.join(',')}],`)).toBe(true);
      expect((JSON.parse(raw) as { ops: SequencedOp[] }).ops.slice(1).map((o) => o.fields.text)).toEqual(texts.slice(0, limit - 1));
    }
  });

  it('checks the session in the same query as its reads, refusing as every endpoint does', async () => {
    // A hub of its own: its clock moves past every session's expiry.
    const own = await startHub();
    try {
      await checkSessions(own);
    } finally {
      await own.stop();
    }
  });

  async function checkSessions(hub: RunningHub): Promise<void> {
    const reader = await signUp(hub, 'Reader');
    const community = (await createCommunity(hub, reader)).id;
    const path = (query: Record<string, string>) => `${hubEndpoints.pull.path}?${new URLSearchParams(query)}`;
    const get = (query: Record<string, string>, token?: string) => call(hub.url, 'GET', path(query), token ? { token } : {});
    expect([(await get({ community })).status, (await get({ community })).body.code]).toEqual([401, 'unauthorized']);
    // A bad query from someone without a session is still a 401 first; with one, a 400.
    expect((await get({ community, limit: 'many' })).status).toBe(401);
    expect((await get({ community, limit: 'many' }, 'x'.repeat(43))).status).toBe(401);
    expect((await get({ community, limit: 'many' }, reader.token)).body.code).toBe('invalid_input');
    expect((await get({ community }, reader.token)).status).toBe(200);

    // Pulling keeps a session alive as any request does, and a lapsed one is refused.
    hub.clock.advance(20 * DAY);
    expect((await get({ community }, reader.token)).status).toBe(200);
    hub.clock.advance(20 * DAY);
    expect((await get({ community }, reader.token)).status).toBe(200);
    hub.clock.advance(31 * DAY);
    expect((await get({ community }, reader.token)).body.code).toBe('session_expired');

    const laptop = await anotherDevice(hub, reader);
    expect((await call(hub.url, 'POST', hubEndpoints.signOut.path, { token: laptop.token })).status).toBe(204);
    expect((await get({ community }, laptop.token)).body.code).toBe('unauthorized');
  }

  it('answers 410 resync_required to a cursor from another hub or from the future', async () => {
    const other = await startHub();
    try {
      const stranger = await signUp(other, 'Elsewhere');
      const elsewhere = (await createCommunity(other, stranger)).id;
      await pushOk(other, stranger, [op(stranger, elsewhere, 'lesson', uuidv7(), 'upsert', lessonFields(stranger))]);
      const foreignCursor = (await pullAll(other, stranger, elsewhere)).cursor;

      const res = await pull(hub, owner, communityId, foreignCursor);
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ code: 'resync_required', params: { reason: 'other_hub' } });

      const ours = (await pullAll(hub, owner, communityId)).cursor;
      const future = `${ours.split('.')[0]}.999999999`;
      expect((await pull(hub, owner, communityId, future)).body).toMatchObject({ code: 'resync_required' });
    } finally {
      await other.stop();
    }
  });

  it('keeps non-members and removed members out of pull and push', async () => {
    const outsider = await signUp(hub, 'Outsider');
    expect((await pull(hub, outsider, communityId)).status).toBe(403);
    const pushed = await push(hub, outsider, [op(outsider, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(outsider))]);
    expect(pushed.body.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden', params: { reason: 'not_member' } });

    const leaving = await signUp(hub, 'Leaving');
    await addMember(hub, owner, communityId, leaving, 'member');
    expect((await pull(hub, leaving, communityId)).status).toBe(200);
    await removeMember(hub, owner, communityId, leaving.user.id);
    expect((await pull(hub, leaving, communityId)).status).toBe(403);
  });
});

describe('clocks', () => {
  it('rejects an op stamped by a clock days ahead, and applies the rest', async () => {
    const skewed = createHlc('skewed', () => hub.clock.now() + 2 * DAY, { maxDriftMs: 7 * DAY });
    const lessonId = uuidv7();
    const res = await push(hub, owner, [
      op(owner, communityId, 'lesson', lessonId, 'upsert', lessonFields(owner), skewed.tick()),
      op(owner, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(owner)),
    ]);
    expect(res.body.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(res.body.results[0]).toMatchObject({ reason: 'clock_skew', params: { direction: 'ahead' } });
    expect(Math.abs(res.body.hubTime - hub.clock.now())).toBeLessThan(1000);
  });

  it('keeps local order through skew, and refuses a wildly wrong clock with a clear error', () => {
    let wall = Date.UTC(2026, 0, 1);
    const device = createHlc('device', () => wall);
    const a = device.tick();
    wall -= 60_000; // the clock steps back a minute
    const b = device.tick();
    expect(b > a).toBe(true);
    const fromAhead = encodeHlc({ wallMs: wall + 2 * 60_000, counter: 5, nodeId: 'other' });
    const merged = device.receive(fromAhead);
    expect(merged > fromAhead).toBe(true);
    expect(device.tick() > merged).toBe(true);

    const farAhead = encodeHlc({ wallMs: wall + 10 * 60_000, counter: 0, nodeId: 'broken' });
    expect(() => device.receive(farAhead)).toThrowError(StudioError);
    expect(device.last()).not.toBe(farAhead);
    const dead = createHlc('dead-battery', () => 0);
    expect(() => dead.tick()).toThrow(
      expect.objectContaining({ code: 'clock_skew', params: expect.objectContaining({ direction: 'behind' }) }),
    );

    const resumed = createHlc('device', () => wall - 3_600_000, { initial: device.last() });
    expect(parseHlc(resumed.tick()).wallMs).toBeGreaterThanOrEqual(parseHlc(device.last()!).wallMs);
  });
});

describe('events', () => {
  const connect = (token?: string) =>
    new WebSocket(`${hub.url.replace('http', 'ws')}${EVENTS_PATH}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('tells connected members that ops landed, while online', async () => {
    const socket = connect(mentor.token);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const event = new Promise<HubEvent>((resolve) =>
      socket.once('message', (data) => resolve(hubEventSchema.parse(JSON.parse(String(data))))),
    );
    const [result] = await pushOk(hub, owner, [op(owner, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(owner))]);
    expect(await event).toEqual({ type: 'ops', community: communityId, seq: result!.seq });
    socket.close();
  });

  it('closes the socket with a sign-in code when the person signs out everywhere', async () => {
    const device = await signUp(hub, 'Device');
    const socket = connect(device.token);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    expect((await call(hub.url, 'POST', hubEndpoints.signOutEverywhere.path, { token: device.token })).status).toBe(204);
    expect(await closed).toBe(SESSION_ENDED_CLOSE_CODE);
  });

  it('refuses a socket without a valid session', async () => {
    const socket = connect('not-a-real-token-at-all-000000');
    const status = await new Promise<number>((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});
