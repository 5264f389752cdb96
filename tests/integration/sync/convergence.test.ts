import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../../hub/server';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { startHub, type RunningHub } from '../hub/helpers';
import { communityOf, consent, importLesson, signUp, startDevice, syncAll, type Device } from './devices';

let hub: RunningHub;
let a: Device;
let b: Device;
let c: Device;

beforeAll(async () => {
  hub = await startHub();
  [a, b, c] = await Promise.all([startDevice(), startDevice(), startDevice()]);
});
afterAll(async () => {
  await Promise.all([a?.dispose(), b?.dispose(), c?.dispose()]);
  await hub?.stop();
});

/** What a person sees of the shared lesson on a device: its details and the community's notes. */
async function view(device: Device, lessonId: string) {
  const lesson = await device.call('lessons.get', { id: lessonId });
  const notes = (await device.call('notes.list', { lessonId })).filter((n) => !n.private);
  return {
    lesson: { title: lesson.title, description: lesson.description, subject: lesson.subject, grade: lesson.grade },
    notes: notes
      .map((n) => ({ id: n.id, kind: n.kind, startMs: n.startMs, endMs: n.endMs, text: n.text }))
      .sort((x, y) => x.id.localeCompare(y.id)),
  };
}

describe('three devices editing one community offline', () => {
  it('converge to the same state, field by field, once the hub is back', async () => {
    // Two devices of the same teacher (A and B) and a mentor's (C).
    const teacher = await signUp(a, hub.url, 'Amina', { country: 'MA' });
    await b.call('hub.signIn', { hubUrl: hub.url, email: teacher.email, password: 'correct horse battery' });
    await signUp(c, hub.url, 'Chen', { country: 'CN' });
    const community = await communityOf(a, [[c, 'mentor']]);
    const lesson = await importLesson(a, await makeTestVideo(await makeMediaDir(), { name: 'Shared.mp4', seconds: 2 }));
    const n1 = await a.call('notes.add', { lessonId: lesson.id, startMs: 100, text: 'Opening question', private: false });
    const n5 = await a.call('notes.add', { lessonId: lesson.id, startMs: 900, text: 'To be deleted', private: false });
    await a.call('sharing.share', { lessonId: lesson.id, communityId: community.id, consent, licence: 'cc_by_sa' });
    await a.until(async () => (await a.call('sync.status')).pendingChanges === 0);
    await syncAll(b, c);
    const n2 = await c.call('notes.add', { lessonId: lesson.id, startMs: 1200, text: 'Mentor first thought' });
    await syncAll(c, a, b);
    expect(await view(b, lesson.id)).toEqual(await view(a, lesson.id));
    expect(await view(c, lesson.id)).toEqual(await view(a, lesson.id));
    expect((await b.call('lessons.get', { id: lesson.id })).shared).toMatchObject({ origin: 'hub', mine: true });

    // The hub goes away; everyone keeps working.
    const port = hub.hub.port;
    await hub.hub.close();

    await a.call('lessons.update', { id: lesson.id, patch: { title: 'Title from A', subject: 'Fractions' } });
    await a.call('notes.update', { id: n1.id, text: 'Opening question, edited on A' });
    await a.call('notes.delete', { id: n5.id });
    const n3 = await a.call('notes.add', { lessonId: lesson.id, startMs: 300, text: 'Added on A', private: false });

    await b.call('lessons.update', { id: lesson.id, patch: { title: 'Title from B', description: 'Described on B', grade: '4' } });
    await b.call('notes.update', { id: n1.id, kind: 'question' });
    await b.call('notes.update', { id: n5.id, text: 'Edited on B after A deleted it' });
    const n4 = await b.call('notes.add', { lessonId: lesson.id, startMs: 400, text: 'Added on B', private: false });

    await c.call('notes.update', { id: n2.id, text: 'Mentor second thought', endMs: 1500 });
    const n6 = await c.call('notes.add', { lessonId: lesson.id, startMs: 500, kind: 'suggestion', text: 'Added on C' });

    for (const device of [a, b, c]) {
      const state = await device.until(async () => {
        const s = await device.call('sync.status');
        return !s.syncing && s.lastError?.code === 'hub_unreachable' ? s : null;
      });
      expect(state).toMatchObject({ online: false });
      expect(state.pendingChanges).toBeGreaterThan(0);
    }

    hub.hub = await createHub({ dataDir: hub.dataDir, port, now: hub.clock.now });
    await syncAll(a, b, c);

    const final = await view(a, lesson.id);
    expect(await view(b, lesson.id)).toEqual(final);
    expect(await view(c, lesson.id)).toEqual(final);
    // Concurrent edits of different fields all survive; the same field keeps one of the two values everywhere.
    expect(['Title from A', 'Title from B']).toContain(final.lesson.title);
    expect(final.lesson).toMatchObject({ subject: 'Fractions', description: 'Described on B', grade: '4' });
    const byId = new Map(final.notes.map((n) => [n.id, n]));
    expect(byId.get(n1.id)).toMatchObject({ text: 'Opening question, edited on A', kind: 'question' });
    expect(byId.get(n2.id)).toMatchObject({ text: 'Mentor second thought', endMs: 1500 });
    // A delete wins over a concurrent edit: an unshared or deleted thing is not brought back by a late change.
    expect(byId.has(n5.id)).toBe(false);
    for (const added of [n3, n4, n6]) expect(byId.has(added.id)).toBe(true);
    for (const device of [a, b, c])
      expect(await device.call('sync.status')).toMatchObject({ pendingChanges: 0, online: true, lastError: null });
  });
});
