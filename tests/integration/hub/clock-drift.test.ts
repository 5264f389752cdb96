import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DRIFT_MS, encodeHlc } from '../../../common/sync/hlc';
import { createCommunity, lessonFields, op, pullAll, push, signUp, startHub, type RunningHub, type TestUser } from './helpers';

const MINUTE = 60_000;
let hub: RunningHub;
let teacher: TestUser;
let communityId: string;

beforeAll(async () => {
  hub = await startHub();
  teacher = await signUp(hub, 'Teacher');
  communityId = (await createCommunity(hub, teacher)).id;
});
afterAll(async () => {
  await hub?.stop();
});

const aheadOfHub = (ms: number) => encodeHlc({ wallMs: hub.clock.now() + ms, counter: 0, nodeId: 'forged' });

describe('clock drift at the hub', () => {
  it('refuses a forged op stamped minutes ahead of its clock, says how far, and applies the rest of the batch', async () => {
    const forged = op(
      teacher,
      communityId,
      'lesson',
      uuidv7(),
      'upsert',
      lessonFields(teacher, { title: 'From the future' }),
      aheadOfHub(10 * MINUTE),
    );
    const honest = op(teacher, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(teacher, { title: 'From today' }));
    const res = await push(hub, teacher, [forged, honest]);

    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(res.body.results[0]).toMatchObject({
      opId: forged.opId,
      reason: 'clock_skew',
      params: { direction: 'ahead', driftMs: 10 * MINUTE, maxDriftMs: DEFAULT_MAX_DRIFT_MS },
    });
    const titles = (await pullAll(hub, teacher, communityId)).ops.map((o) => o.fields.title);
    expect(titles).toContain('From today');
    expect(titles).not.toContain('From the future');
  });

  it('accepts a stamp within the bound, and the refused op once it is stamped again', async () => {
    const id = uuidv7();
    const slightlyAhead = op(
      teacher,
      communityId,
      'lesson',
      id,
      'upsert',
      lessonFields(teacher, { title: 'Four minutes ahead' }),
      aheadOfHub(4 * MINUTE),
    );
    expect((await push(hub, teacher, [slightlyAhead])).body.results[0]).toMatchObject({ status: 'applied' });

    // A refusal is not remembered as seen: the same op, restamped by a corrected clock, lands.
    const edit = op(teacher, communityId, 'lesson', id, 'upsert', { title: 'Edited' }, aheadOfHub(DEFAULT_MAX_DRIFT_MS + 1));
    expect((await push(hub, teacher, [edit])).body.results[0]).toMatchObject({ status: 'rejected', reason: 'clock_skew' });
    hub.clock.advance(DEFAULT_MAX_DRIFT_MS);
    const restamped = { ...edit, hlc: aheadOfHub(0) };
    expect((await push(hub, teacher, [restamped])).body.results[0]).toMatchObject({ status: 'applied' });
    const last = (await pullAll(hub, teacher, communityId)).ops.filter((o) => o.id === id).at(-1);
    expect(last?.fields.title).toBe('Edited');
  });
});
