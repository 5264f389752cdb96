import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, calls } from '../../../common/contract';
import { toErrorPayload } from '../../../common/errors';
import { dispatch } from '../../../core/dispatch';
import { startTestCore, type TestCore } from '../../support/core';

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => {
  await core.dispose();
});

async function rejection(name: string, input: unknown) {
  try {
    await dispatch(core.api, name, input);
  } catch (err) {
    return toErrorPayload(err);
  }
  throw new Error(`${name} accepted ${JSON.stringify(input)}`);
}

describe('the contract', () => {
  it('is implemented call for call by the core, and nothing more', () => {
    expect(Object.keys(core.api).sort()).toEqual([...callNames].sort());
  });

  it('gives every call an input and an output schema', () => {
    for (const name of callNames) {
      expect(calls[name].input.safeParse).toBeTypeOf('function');
      expect(calls[name].output.safeParse).toBeTypeOf('function');
    }
  });

  it('answers the happy path with output that matches its schema', async () => {
    const settings = await dispatch(core.api, 'settings.set', { displayName: 'Amina' });
    expect(calls['settings.set'].output.parse(settings)).toMatchObject({ displayName: 'Amina' });
    const list = await dispatch(core.api, 'lessons.list', {});
    expect(calls['lessons.list'].output.parse(list)).toEqual({ items: [], total: 0 });
  });

  it('rejects an unknown call', async () => {
    expect(await rejection('lessons.explode', {})).toMatchObject({ code: 'not_found' });
  });

  it('rejects malformed input by schema and changes nothing', async () => {
    const before = await dispatch(core.api, 'settings.get', {});
    expect(await rejection('settings.set', { language: 'klingon' })).toMatchObject({ code: 'invalid_input', params: { path: 'language' } });
    expect(await rejection('settings.set', { displayName: 'x', isAdmin: true })).toMatchObject({ code: 'invalid_input' });
    expect(await dispatch(core.api, 'settings.get', {})).toEqual(before);

    expect(await rejection('notes.add', { lessonId: 'not-an-id', startMs: 0, text: 'x' })).toMatchObject({
      code: 'invalid_input',
      params: { path: 'lessonId' },
    });
    expect(await rejection('notes.add', { lessonId: '0190a6a4-0000-7000-8000-000000000000', startMs: -5, text: 'x' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(await rejection('lessons.import', { sources: [] })).toMatchObject({ code: 'invalid_input' });
    expect(await rejection('lessons.import', { sources: [{ kind: 'url', url: 'http://x' }] })).toMatchObject({ code: 'invalid_input' });
    expect(await rejection('lessons.list', { limit: 100000 })).toMatchObject({ code: 'invalid_input' });
    expect(await rejection('lessons.list', 'nonsense')).toMatchObject({ code: 'invalid_input' });
    expect((await dispatch(core.api, 'lessons.list', {})) as { total: number }).toMatchObject({ total: 0 });
  });

  it('names the precise error for an over-long note', async () => {
    expect(
      await rejection('notes.add', { lessonId: '0190a6a4-0000-7000-8000-000000000000', startMs: 0, text: 'x'.repeat(10_001) }),
    ).toMatchObject({
      code: 'note_too_long',
    });
  });
});
