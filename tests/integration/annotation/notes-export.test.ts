import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCaptionFile } from '../../../core/captions/parse';
import { studioTranslator } from '../../support/studio-translator';
import { dispatch } from '../../../core/dispatch';
import { noteExportLabels } from '../../../renderer/src/lesson/notes-export-labels';
import { makeTestVideo } from '../../fixtures/media';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';

let core: TestCore;
let lessonId: string;
const QUESTIONING = '01a2088b-ea32-70ef-afa9-368d07bab24a';
const FSI = '\u2068';
const PDI = '\u2069';

const call = (name: string, input: unknown) => dispatch(core.api, name, input) as Promise<any>;
const exportAs = async (format: 'vtt' | 'csv', language: string, include?: object) =>
  (
    await call('exports.notes', {
      lessonId,
      format,
      language,
      labels: noteExportLabels(await studioTranslator(language)),
      ...(include && { include }),
    })
  ).text as string;

beforeAll(async () => {
  core = await startTestCore();
  const media = await tempDir('notes-export-media');
  const video = await makeTestVideo(media, { name: 'Wait time practice.mp4', seconds: 6, width: 320, height: 180 });
  const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: video }] });
  lessonId = results[0]!.ok ? results[0]!.lesson.id : '';
  await core.jobs.idle();
  await call('settings.set', { displayName: 'Amina' });
  const note = await call('notes.add', { lessonId, startMs: 2000, text: 'Asked why, then waited', kind: 'question', codeId: QUESTIONING });
  await call('notes.add', { lessonId, parentId: note.id, startMs: 0, text: 'ثلاث ثوانٍ كانت كافية' });
  await call('notes.add', { lessonId, startMs: 4000, text: 'Only for me', kind: 'praise' });
  await call('reflection.save', {
    lessonId,
    wentWell: 'Calm pace',
    wouldChange: '',
    feedbackWanted: 'Is my wait time long enough?',
    shared: false,
  });
});
afterAll(async () => {
  await core.dispose();
});

describe('notes exported from a real studio', () => {
  it('in an Arabic studio, names kinds, built-in codes and the reflection in Arabic, with the reply in its note’s cue', async () => {
    const vtt = await exportAs('vtt', 'ar');
    const { cues } = parseCaptionFile('notes.vtt', vtt);
    expect(cues.map((c) => c.startMs)).toEqual([2000, 4000]);
    const [heading, reply] = cues[0]!.text.split('\n');
    expect(heading).toBe(`سؤال · ${FSI}طرح الأسئلة${PDI}: ${FSI}Asked why, then waited${PDI}`);
    expect(reply).toMatch(new RegExp(`^– رد من ${FSI}Amina${PDI}، .+: ${FSI}ثلاث ثوانٍ كانت كافية${PDI}$`));
    expect(vtt).toContain(
      `NOTE التأمل\nما الذي نجح؟: ${FSI}Calm pace${PDI}\nفي أي جانب أريد تغذية راجعة؟: ${FSI}Is my wait time long enough?${PDI}`,
    );
    expect(vtt).not.toContain('Questioning');
  });

  it('writes a CSV row per note and reply, then the reflection, leaving out what the person unticks', async () => {
    const rows = (await exportAs('csv', 'en'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe('id,parent_id,start_ms,end_ms,kind,code,author,private,created_at,text');
    expect(rows.slice(1).map((r) => r.split(',').slice(4, 8).join(','))).toEqual([
      'Question,Questioning,Amina,1',
      'Observation,,Amina,1',
      'Praise,,Amina,1',
      expect.stringMatching(/^Reflection,,,$/),
      expect.stringMatching(/^Reflection,,,$/),
    ]);
    expect(rows.at(-1)).toContain('"What do I want feedback on?\nIs my wait time long enough?"');

    const bare = await exportAs('csv', 'en', { replies: false, reflection: false, privateNotes: true });
    expect(bare).not.toContain('ثلاث');
    expect(bare).not.toContain('Reflection');
    // Notes on the teacher's own lesson are private: leaving private notes out leaves none.
    expect((await exportAs('csv', 'en', { privateNotes: false })).trimEnd().split('\r\n')).toHaveLength(3);
  });
});
