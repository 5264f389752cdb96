import fs from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../../common/errors';
import { dispatch } from '../../../core/dispatch';
import { locateMediaTools } from '../../../core/media/tools';
import { makeTestVideo } from '../../fixtures/media';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';

let core: TestCore;
let lessonId: string;
const run = promisify(execFile);

beforeAll(async () => {
  core = await startTestCore();
  const media = await tempDir('annotation-media');
  const video = await makeTestVideo(media, { name: 'Questioning in grade 5.mp4', seconds: 6, width: 320, height: 180 });
  const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: video }] });
  lessonId = results[0]!.ok ? results[0]!.lesson.id : '';
  await core.jobs.idle();
  await core.api['settings.set']({ displayName: 'Amina' });
});
afterAll(async () => {
  await core.dispose();
});

/** Calls through the same door the shells use, so schemas are applied as in the app. */
const call = (name: string, input: unknown) => dispatch(core.api, name, input) as Promise<any>;
async function refusal(name: string, input: unknown) {
  try {
    await call(name, input);
  } catch (err) {
    return toErrorPayload(err);
  }
  throw new Error(`${name} accepted ${JSON.stringify(input)}`);
}

describe('notes', () => {
  it('keeps point and range notes, and refuses a range that ends before it starts or text over 10,000 characters', async () => {
    const point = await call('notes.add', { lessonId, startMs: 1500, text: 'Clear instructions', kind: 'praise' });
    const range = await call('notes.add', { lessonId, startMs: 2000, endMs: 4000, text: 'Long pause', kind: 'question' });
    expect(point).toMatchObject({ startMs: 1500, endMs: null, authorName: 'Amina' });
    expect(range).toMatchObject({ startMs: 2000, endMs: 4000 });

    expect(await refusal('notes.add', { lessonId, startMs: 3000, endMs: 2000, text: 'backwards' })).toMatchObject({
      code: 'range_invalid',
    });
    expect(await refusal('notes.update', { id: range.id, endMs: 1000 })).toMatchObject({ code: 'range_invalid' });
    expect(await refusal('notes.add', { lessonId, startMs: 0, text: 'x'.repeat(10_001) })).toMatchObject({ code: 'note_too_long' });
    expect(await refusal('notes.update', { id: point.id, text: 'x'.repeat(10_001) })).toMatchObject({ code: 'note_too_long' });
    expect(await refusal('notes.add', { lessonId, startMs: 0, text: '   ' })).toMatchObject({ code: 'invalid_input' });
    const texts = (await call('notes.list', { lessonId })).map((n: { text: string }) => n.text);
    expect(texts).toEqual(['Clear instructions', 'Long pause']);
  });

  it('threads replies under their note at its moment, one level deep, and moves them with it', async () => {
    const note = await call('notes.add', { lessonId, startMs: 5000, text: 'Why this example?', kind: 'question' });
    const reply = await call('notes.add', { lessonId, parentId: note.id, startMs: 0, text: 'It links to last week' });
    expect(reply).toMatchObject({ parentId: note.id, startMs: 5000 });
    expect(await refusal('notes.add', { lessonId, parentId: reply.id, startMs: 0, text: 'nested' })).toMatchObject({
      code: 'invalid_input',
    });
    await call('notes.update', { id: note.id, startMs: 4500 });
    const moved = (await call('notes.list', { lessonId })).find((n: { id: string }) => n.id === reply.id);
    expect(moved.startMs).toBe(4500);
  });

  it('deletes a note with its replies, and restores them together', async () => {
    const note = await call('notes.add', { lessonId, startMs: 3300, text: 'Delete me' });
    const reply = await call('notes.add', { lessonId, parentId: note.id, startMs: 0, text: 'and my reply' });
    const count = async () => (await call('lessons.get', { id: lessonId })).noteCount;
    const before = await count();
    await call('notes.delete', { id: note.id });
    const ids = async () => (await call('notes.list', { lessonId })).map((n: { id: string }) => n.id);
    expect(await ids()).not.toContain(note.id);
    expect(await ids()).not.toContain(reply.id);
    expect(await count()).toBe(before - 1);
    expect(await refusal('notes.update', { id: note.id, text: 'ghost' })).toMatchObject({ code: 'not_found' });

    expect(await call('notes.restore', { id: note.id })).toMatchObject({ id: note.id, text: 'Delete me' });
    expect(await ids()).toEqual(expect.arrayContaining([note.id, reply.id]));
    expect(await refusal('notes.restore', { id: note.id })).toMatchObject({ code: 'not_found' });
  });
});

describe('coding schemes', () => {
  it('offers the built-in starter scheme, with codes on keys 1 to 6, as the default', async () => {
    const { schemes, activeSchemeId } = await call('coding.list', { lessonId });
    const starter = schemes.find((s: { builtIn: boolean }) => s.builtIn);
    expect(activeSchemeId).toBe(starter.id);
    expect(starter.codes.map((c: { key: number; name: string }) => `${c.key} ${c.name}`)).toEqual([
      '1 Questioning',
      '2 Wait time',
      '3 Feedback to students',
      '4 Student talk',
      '5 Classroom management',
      '6 Use of materials',
    ]);
    expect(starter.codes[0].labels.ar).toBe('طرح الأسئلة');
    expect(await refusal('coding.delete', { id: starter.id })).toMatchObject({ code: 'forbidden' });
    expect(await refusal('coding.save', { id: starter.id, name: 'Mine', codes: [{ name: 'x', color: '#000000', key: 1 }] })).toMatchObject({
      code: 'forbidden',
    });
  });

  it('saves user-made schemes, keeps code ids on edit, and refuses two codes on one key', async () => {
    const scheme = await call('coding.save', {
      name: 'Talk moves',
      codes: [
        { name: 'Revoicing', color: '#AA0000', key: 1 },
        { name: 'Press for reasoning', color: '#00aa00', key: 2 },
      ],
    });
    expect(scheme.codes.map((c: { color: string }) => c.color)).toEqual(['#aa0000', '#00aa00']);
    const edited = await call('coding.save', { id: scheme.id, name: 'Talk moves', codes: [{ ...scheme.codes[0], name: 'Revoice' }] });
    expect(edited.codes).toEqual([{ id: scheme.codes[0].id, name: 'Revoice', color: '#aa0000', key: 1 }]);
    expect(
      await refusal('coding.save', {
        name: 'Clash',
        codes: [
          { name: 'a', color: '#000000', key: 3 },
          { name: 'b', color: '#000000', key: 3 },
        ],
      }),
    ).toMatchObject({
      code: 'invalid_input',
    });

    await call('coding.choose', { lessonId, schemeId: scheme.id });
    expect((await call('coding.list', { lessonId })).activeSchemeId).toBe(scheme.id);
    await call('coding.delete', { id: scheme.id });
    const after = await call('coding.list', { lessonId });
    expect(after.schemes.some((s: { id: string }) => s.id === scheme.id)).toBe(false);
    expect(after.activeSchemeId).toBe(after.schemes[0].id);
  });
});

describe('clips', () => {
  it('saves a range as a clip and exports it to an MP4 of that length as a job', async () => {
    expect(await refusal('clips.add', { lessonId, name: 'Backwards', startMs: 3000, endMs: 1000 })).toMatchObject({
      code: 'range_invalid',
    });
    const clip = await call('clips.add', { lessonId, name: 'The pause', startMs: 1000, endMs: 3000 });
    expect(clip.exportAssetId).toBeNull();
    const progress: number[] = [];
    const off = core.bus.subscribe(
      (name, payload) => name === 'jobs.progress' && progress.push((payload as { progress: number }).progress),
    );
    const job = await call('clips.export', { id: clip.id });
    expect(job).toMatchObject({ kind: 'clip', lessonId, status: 'queued' });
    await core.jobs.idle();
    off();
    expect(core.jobs.get(job.id).status).toBe('done');
    expect(progress.at(-1)).toBe(1);

    const [exported] = await call('clips.list', { lessonId });
    expect(exported.exportAssetId).toBe(clip.id);
    const res = await core.openAsset(clip.id, undefined);
    expect(res.headers['Content-Type']).toBe('video/mp4');
    res.body?.destroy();
    const file = `${core.dataDir}/media/${lessonId}/clips/${clip.id}.mp4`;
    const { stdout } = await run(locateMediaTools().ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
    expect(Number(stdout)).toBeGreaterThan(1.8);
    expect(Number(stdout)).toBeLessThan(2.3);

    await call('clips.delete', { id: clip.id });
    await expect(fs.stat(file)).rejects.toThrow();
    expect(await call('clips.list', { lessonId })).toEqual([]);
  });
});

describe('reflection', () => {
  it('is private until shared, and saved with the lesson', async () => {
    expect(await call('reflection.get', { lessonId })).toMatchObject({ wentWell: '', shared: false, updatedAt: null });
    await call('reflection.save', {
      lessonId,
      wentWell: 'Students led the discussion',
      wouldChange: 'Shorter intro',
      feedbackWanted: 'My scaffolding',
      shared: false,
    });
    expect(await call('reflection.get', { lessonId })).toMatchObject({ wentWell: 'Students led the discussion', shared: false });
  });
});

describe('search', () => {
  it('finds lesson titles, notes, replies and reflections with highlighted matches', async () => {
    const note = await call('notes.add', { lessonId, startMs: 2500, text: 'Students compared denominators' });
    await call('notes.add', { lessonId, parentId: note.id, startMs: 0, text: 'The manipulatives helped here' });
    const search = async (query: string) => (await call('search.query', { query })).hits;

    const [reply] = await search('manipulatives');
    expect(reply).toMatchObject({ kind: 'reply', lessonId, atMs: 2500, lessonTitle: 'Questioning in grade 5' });
    expect(reply.snippet.filter((p: { match: boolean }) => p.match).map((p: { text: string }) => p.text)).toEqual(['manipulatives']);
    expect((await search('denominat'))[0]).toMatchObject({ kind: 'note', noteId: note.id, atMs: 2500 });
    expect((await search('scaffolding'))[0]).toMatchObject({ kind: 'reflection', atMs: null });
    expect((await search('grade questioning'))[0]).toMatchObject({ kind: 'lesson' });
    expect(await search('"unbalanced OR NEAR(')).toEqual([]);

    await call('notes.delete', { id: note.id });
    expect(await search('manipulatives')).toEqual([]);
  });

  it('finds a clip by its name, by its new name after a rename, and no more once it is deleted', async () => {
    const clip = await call('clips.add', { lessonId, name: 'Think-pair-share opening', startMs: 1200, endMs: 3400 });
    const clipHits = async (query: string) =>
      (await call('search.query', { query })).hits.filter((h: { kind: string }) => h.kind === 'clip');

    const [found] = await clipHits('pair share');
    expect(found).toMatchObject({
      kind: 'clip',
      clipId: clip.id,
      noteId: null,
      lessonId,
      atMs: 1200,
      lessonTitle: 'Questioning in grade 5',
    });
    expect(found.snippet.filter((p: { match: boolean }) => p.match).map((p: { text: string }) => p.text)).toEqual(['pair', 'share']);

    await call('clips.rename', { id: clip.id, name: 'Wait time after the question' });
    expect(await clipHits('pair share')).toEqual([]);
    expect(await clipHits('wait time')).toMatchObject([{ clipId: clip.id, atMs: 1200 }]);

    await call('clips.delete', { id: clip.id });
    expect(await clipHits('wait time')).toEqual([]);
  });

  it('finds Arabic words whether or not they, or the search, carry vowel marks', async () => {
    const vowelled = await call('notes.add', { lessonId, startMs: 1000, text: 'سَأَلَ المُعَلِّمُ سُؤالاً مَفتوحاً' });
    const plain = await call('notes.add', { lessonId, startMs: 2000, text: 'انتظر المعلم ثلاث ثوان' });
    const noteIds = async (query: string) => (await call('search.query', { query })).hits.map((h: { noteId: string | null }) => h.noteId);
    expect(await noteIds('المعلم سؤالا')).toEqual([vowelled.id]);
    expect(await noteIds('انتَظَرَ')).toEqual([plain.id]);
    expect((await noteIds('المُعَلِّم')).sort()).toEqual([vowelled.id, plain.id].sort());
    // The note itself keeps its marks.
    expect((await call('notes.list', { lessonId })).find((n: { id: string }) => n.id === vowelled.id)?.text).toBe(
      'سَأَلَ المُعَلِّمُ سُؤالاً مَفتوحاً',
    );
  });
});

describe('captions', () => {
  it('imports a caption file as a track, and refuses an invalid one with its line, storing nothing', async () => {
    const track = await call('captions.import', { lessonId, name: 'english.srt', text: '1\n00:00:01,000 --> 00:00:02,000\nHello\n' });
    expect(track).toMatchObject({ label: 'english', cueCount: 1 });
    expect((await call('captions.text', { id: track.id })).vtt).toContain('00:00:01.000 --> 00:00:02.000');
    expect(
      await refusal('captions.import', { lessonId, name: 'bad.vtt', text: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.0x0\nHello\n' }),
    ).toMatchObject({
      code: 'caption_invalid',
      params: { line: 3 },
    });
    expect(await call('captions.list', { lessonId })).toHaveLength(1);
  });

  it('reads the notes back as the same cues after a WebVTT export', async () => {
    const notes = (await call('notes.list', { lessonId })).filter((n: { parentId: string | null }) => !n.parentId);
    const labels = {
      kinds: { observation: 'Observation', praise: 'Praise', question: 'Question', suggestion: 'Suggestion' },
      reply: '{author}',
      reflection: 'Reflection',
      wentWell: 'Well',
      wouldChange: 'Change',
      feedbackWanted: 'Feedback',
    };
    const file = await call('exports.notes', { lessonId, format: 'vtt', language: 'en', labels });
    expect(file).toMatchObject({ fileName: 'Questioning in grade 5 - notes.vtt', mime: 'text/vtt' });
    const track = await call('captions.import', { lessonId, name: file.fileName, text: file.text });
    expect(track.cueCount).toBe(notes.length);
    const csv = await call('exports.notes', { lessonId, format: 'csv', language: 'en', labels, include: { reflection: false } });
    expect(csv.text.trim().split('\r\n')).toHaveLength((await call('notes.list', { lessonId })).length + 1);
  });
});
