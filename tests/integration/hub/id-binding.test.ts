import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommunity, lessonFields, noteFields, op, pullAll, push, signUp, startHub, type RunningHub, type TestUser } from './helpers';

/**
 * A record id belongs for good to the first account that used it, in every community: ids travel in
 * packages, so a member who learnt one must not be able to claim it, here or in a community of their own.
 */

let hub: RunningHub;
let amina: TestUser;
let mallory: TestUser;
let schoolId: string;
let exchangeId: string;

beforeAll(async () => {
  hub = await startHub();
  amina = await signUp(hub, 'Amina');
  mallory = await signUp(hub, 'Mallory');
  schoolId = (await createCommunity(hub, amina, 'School')).id;
  exchangeId = (await createCommunity(hub, mallory, 'Exchange')).id;
});
afterAll(async () => {
  await hub?.stop();
});

const statuses = async (user: TestUser, ops: unknown[]) =>
  (await push(hub, user, ops)).body.results.map((r) => [r.status, r.params?.reason]);

describe('record ids keep their first owner', () => {
  it('refuses another account reusing a lesson id in another community, live or deleted', async () => {
    const lessonId = uuidv7();
    expect(await statuses(amina, [op(amina, schoolId, 'lesson', lessonId, 'upsert', lessonFields(amina))])).toEqual([
      ['applied', undefined],
    ]);
    expect(
      await statuses(mallory, [op(mallory, exchangeId, 'lesson', lessonId, 'upsert', lessonFields(mallory, { title: 'Mine' }))]),
    ).toEqual([['rejected', 'id_taken']]);
    expect(await statuses(amina, [op(amina, schoolId, 'lesson', lessonId, 'delete')])).toEqual([['applied', undefined]]);
    expect(
      await statuses(mallory, [op(mallory, exchangeId, 'lesson', lessonId, 'upsert', lessonFields(mallory, { title: 'Mine' }))]),
    ).toEqual([['rejected', 'id_taken']]);
    expect((await pullAll(hub, mallory, exchangeId)).ops.filter((o) => o.id === lessonId)).toEqual([]);
  });

  it('refuses an id claimed first by another account within one batch, and for notes too', async () => {
    const lessonId = uuidv7();
    const noteId = uuidv7();
    await push(hub, mallory, [op(mallory, exchangeId, 'lesson', lessonId, 'upsert', lessonFields(mallory))]);
    expect(
      await statuses(amina, [
        op(amina, schoolId, 'lesson', lessonId, 'upsert', lessonFields(amina)),
        op(amina, schoolId, 'lesson', uuidv7(), 'upsert', lessonFields(amina)),
      ]),
    ).toEqual([
      ['rejected', 'id_taken'],
      ['applied', undefined],
    ]);
    const own = uuidv7();
    await push(hub, amina, [
      op(amina, schoolId, 'lesson', own, 'upsert', lessonFields(amina)),
      op(amina, schoolId, 'note', noteId, 'upsert', noteFields(own)),
    ]);
    expect(await statuses(mallory, [op(mallory, exchangeId, 'note', noteId, 'upsert', noteFields(lessonId))])).toEqual([
      ['rejected', 'id_taken'],
    ]);
  });

  it('lets the owner share the same lesson into another community once it is gone from the first, not while it is live there', async () => {
    const lessonId = uuidv7();
    const other = (await createCommunity(hub, amina, 'Second school')).id;
    await push(hub, amina, [op(amina, schoolId, 'lesson', lessonId, 'upsert', lessonFields(amina))]);
    expect(await statuses(amina, [op(amina, other, 'lesson', lessonId, 'upsert', lessonFields(amina))])).toEqual([
      ['rejected', 'shared_elsewhere'],
    ]);
    await push(hub, amina, [op(amina, schoolId, 'lesson', lessonId, 'delete')]);
    expect(await statuses(amina, [op(amina, other, 'lesson', lessonId, 'upsert', lessonFields(amina))])).toEqual([['applied', undefined]]);
  });
});
