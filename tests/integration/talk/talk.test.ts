import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TalkAnalysis } from '../../../common/schemas/talk';
import { toErrorPayload } from '../../../common/errors';
import { dispatch } from '../../../core/dispatch';
import { turnsOf } from '../../../core/talk/figures';
import { startTestCore, type TestCore } from '../../support/core';
import { makeLessonAfterMusic, makeMusicLesson, makeNoiseLesson, makeTalkLesson, type TalkLessonTruth } from '../../support/talk-lesson';
import { tempDir } from '../../support/web-shell';

let core: TestCore;
let media: string;
let truth: TalkLessonTruth;
let lessonId: string;
let analysis: TalkAnalysis;

async function importLesson(c: TestCore, file: string): Promise<string> {
  const { results } = await c.api['lessons.import']({ sources: [{ kind: 'path', path: file }] });
  const result = results[0]!;
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.lesson.id;
}

/** Waits until the job reaches a state, by watching its progress events. */
function jobReaches(c: TestCore, jobId: string, status: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (c.jobs.get(jobId).status !== status) return false;
      off();
      resolve();
      return true;
    };
    const off = c.bus.subscribe((name) => void (name === 'jobs.progress' && check()));
    check();
  });
}

const pct = (ms: number, of: number) => (ms / of) * 100;

beforeAll(async () => {
  media = await tempDir('talk-media');
  core = await startTestCore();
  // Two and a half minutes of a teacher asking and three students answering, with the truth of it.
  truth = await makeTalkLesson(media, { seconds: 150, seed: 5 });
  lessonId = await importLesson(core, truth.file);
  await core.jobs.idle();
  analysis = await core.api['talk.get']({ lessonId });
}, 240_000);
afterAll(async () => {
  await core.dispose();
  await fs.rm(media, { recursive: true, force: true });
});

describe('talk analysis of a lesson whose truth we know', () => {
  it('runs as a job after the media jobs and is ready once they are', () => {
    const kinds = core.jobs.list(lessonId).map((j) => [j.kind, j.status]);
    expect(kinds).toContainEqual(['talk', 'done']);
    expect(analysis.status).toBe('ready');
    expect(Math.abs(analysis.durationMs - truth.durationMs)).toBeLessThan(100);
  });

  it('measures teacher and student talk within 5 percentage points', () => {
    const f = analysis.figures!;
    console.info(
      `talk: teacher ${f.teacherPct}% (truth ${pct(truth.teacherMs, truth.durationMs).toFixed(1)}%), ` +
        `student ${f.studentPct}% (truth ${pct(truth.studentMs, truth.durationMs).toFixed(1)}%), silence ${f.silencePct}%`,
    );
    expect(Math.abs(f.teacherPct - pct(truth.teacherMs, truth.durationMs))).toBeLessThanOrEqual(5);
    expect(Math.abs(f.studentPct - pct(truth.studentMs, truth.durationMs))).toBeLessThanOrEqual(5);
    // Voices and a room's rumble, no music: nothing is "other".
    expect(f.otherPct).toBe(0);
  });

  it('finds every student turn, and counts them', () => {
    const studentTurns = truth.turns.filter((t) => t.speaker === 'student');
    for (const turn of studentTurns) {
      const heard = analysis.segments
        .filter((s) => s.label === 'student')
        .reduce((a, s) => a + Math.max(0, Math.min(s.endMs, turn.endMs) - Math.max(s.startMs, turn.startMs)), 0);
      expect(heard, `student turn at ${Math.round(turn.startMs)} ms: "${turn.text}"`).toBeGreaterThan((turn.endMs - turn.startMs) * 0.5);
    }
    expect(analysis.figures!.studentTurns).toBe(studentTurns.length);
  });

  it('measures each pause between turns within 0.3 s', () => {
    const found = turnsOf(analysis.segments);
    const match = truth.turns.map((t) =>
      found.reduce((best, f) => {
        const overlap = (x: { startMs: number; endMs: number }) => Math.min(x.endMs, t.endMs) - Math.max(x.startMs, t.startMs);
        return overlap(f) > overlap(best) ? f : best;
      }),
    );
    const errors = truth.pausesMs.map((pause, i) => Math.abs(match[i + 1]!.startMs - match[i]!.endMs - pause));
    console.info(`pauses: ${errors.length}, worst error ${Math.max(...errors).toFixed(0)} ms`);
    errors.forEach((e, i) => expect(e, `pause ${i} of ${truth.pausesMs[i]} ms`).toBeLessThanOrEqual(300));
  });

  it('keeps a correction by the teacher, and the figures change at once', async () => {
    const before = analysis.figures!;
    const student = analysis.segments.find((s) => s.label === 'student')!;
    const corrected = await core.api['talk.correct']({ lessonId, startMs: student.startMs, endMs: student.endMs, label: 'other' });
    expect(corrected.segments.find((s) => s.startMs === student.startMs)).toMatchObject({ label: 'other', corrected: true });
    expect(corrected.figures!.studentPct).toBeLessThan(before.studentPct);
    expect(corrected.figures!.otherPct).toBeGreaterThan(0);
    expect(await core.api['talk.get']({ lessonId })).toEqual(corrected);
    // Through the door both shells use: a band that runs backwards changes nothing.
    const backwards = { lessonId, startMs: 2000, endMs: 1000, label: 'teacher' };
    const refused = await dispatch(core.api, 'talk.correct', backwards).then(() => null, toErrorPayload);
    expect(refused).toMatchObject({ code: 'invalid_input' });
    expect(await core.api['talk.get']({ lessonId })).toEqual(corrected);
  });
});

describe('the talk analysis in exports, only when the teacher includes it', () => {
  const labels = {
    kinds: { observation: 'ملاحظة', praise: 'ثناء', question: 'سؤال', suggestion: 'اقتراح' },
    reply: '{author}',
    reflection: 'تأمل',
    wentWell: 'نجح',
    wouldChange: 'أغيّر',
    feedbackWanted: 'أريد',
    talk: { teacher: 'المعلّم', coteacher: 'المعلّم المشارك', student: 'الطالب', other: 'غير ذلك', figure: 'رقم من تحليل الكلام' },
  };
  const rowsOf = (text: string) =>
    text
      .trim()
      .split('\r\n')
      .map((r) => r.split(','));

  it('leaves the CSV without it by default, and adds its bands and figures when ticked', async () => {
    const current = await core.api['talk.get']({ lessonId });
    // Through the door both shells use, so the schema's defaults apply as they do for the UI.
    const exportCsv = async (include: object) =>
      (await dispatch(core.api, 'exports.notes', { lessonId, format: 'csv', language: 'ar', labels, include })) as { text: string };
    const plain = await exportCsv({});
    expect(plain.text).not.toContain('teacher_pct');
    expect(plain.text).not.toContain(labels.talk.teacher);
    const csv = await exportCsv({ talk: true });
    const rows = rowsOf(csv.text);
    const bands = rows.filter((r) => ['teacher', 'student', 'other'].includes(r[5]!));
    expect(bands).toHaveLength(current.segments.length);
    expect(bands[0]!.slice(2, 6)).toEqual([
      String(current.segments[0]!.startMs),
      String(current.segments[0]!.endMs),
      labels.talk[current.segments[0]!.label],
      current.segments[0]!.label,
    ]);
    const figure = (key: string) => rows.find((r) => r[5] === key);
    expect(figure('teacher_pct')![9]).toBe(String(current.figures!.teacherPct));
    expect(figure('student_turns')![9]).toBe(String(current.figures!.studentTurns));
    expect(figure('teacher_pct')![4]).toBe(labels.talk.figure);
  });

  it('gives a WebVTT track of who speaks, a cue per turn, that the studio reads back', async () => {
    const current = await core.api['talk.get']({ lessonId });
    const file = await core.api['talk.vtt']({ lessonId, labels: labels.talk });
    expect(file.fileName).toMatch(/ - talk\.vtt$/);
    const turns = turnsOf(current.segments);
    const track = await core.api['captions.import']({ lessonId, name: file.fileName, text: file.text, language: 'ar' });
    expect(track.cueCount).toBe(turns.length);
    expect(file.text).toContain(`talk-1\n`);
    expect(file.text.split('\n\n')[1]).toContain(labels.talk[turns[0]!.label]);
    await core.api['captions.delete']({ id: track.id });
  });
});

describe('the talk analysis in Growth', () => {
  it("charts the teacher's analysed lessons with their figures as the lesson page reads them", async () => {
    const current = await core.api['talk.get']({ lessonId });
    const { lessons } = await core.api['talk.growth']({});
    expect(lessons.find((l) => l.lessonId === lessonId)).toMatchObject({ figures: current.figures });
    // Someone else's lessons show only what they shared: nothing here.
    expect((await core.api['talk.growth']({ teacherId: '01890000-0000-7000-8000-000000000000' })).lessons).toEqual([]);
  });
});

describe('talk analysis of lessons without talk', () => {
  it('finds no talk and nothing "other" in pure room noise', async () => {
    const id = await importLesson(core, await makeNoiseLesson(media, 30));
    await core.jobs.idle();
    const result = await core.api['talk.get']({ lessonId: id });
    expect(result.status).toBe('ready');
    expect(result.figures!.teacherPct + result.figures!.studentPct).toBeLessThan(1);
    expect(result.figures!.otherPct).toBe(0);
    expect(result.segments.filter((s) => s.label === 'other')).toEqual([]);
  }, 60_000);

  it('reports music as other, never as teacher or student talk, and keeps the teacher’s correction of it', async () => {
    const id = await importLesson(core, await makeMusicLesson(media, 30));
    await core.jobs.idle();
    const result = await core.api['talk.get']({ lessonId: id });
    expect(result.status).toBe('ready');
    console.info(`music alone: other ${result.figures!.otherPct}%, silence ${result.figures!.silencePct}%`);
    expect(result.figures!.teacherPct + result.figures!.studentPct).toBe(0);
    expect(result.figures!.otherPct).toBeGreaterThanOrEqual(80);
    // The class was singing: the teacher says so, and the band and the figures follow.
    const band = result.segments.find((s) => s.label === 'other')!;
    const corrected = await core.api['talk.correct']({ lessonId: id, startMs: band.startMs, endMs: band.endMs, label: 'student' });
    expect(corrected.segments.find((s) => s.startMs === band.startMs)).toMatchObject({ label: 'student', corrected: true });
    expect(corrected.figures!.studentPct).toBeGreaterThanOrEqual(80);
    expect(corrected.figures!.otherPct).toBeLessThan(result.figures!.otherPct);
  }, 60_000);
});

describe('music in a lesson', () => {
  it('is other: the chords before the talk are neither teacher nor students, and every turn is still found', async () => {
    const talk = await makeTalkLesson(media, { name: 'after-music.wav', seconds: 30, seed: 9 });
    const musicMs = 8000;
    const lesson = await makeLessonAfterMusic(media, talk, musicMs / 1000);
    const id = await importLesson(core, lesson.file);
    await core.jobs.idle();
    const result = await core.api['talk.get']({ lessonId: id });
    const overlap = (s: { startMs: number; endMs: number }, from: number, to: number) =>
      Math.max(0, Math.min(s.endMs, to) - Math.max(s.startMs, from));
    const inMusic = (label: string) => result.segments.filter((s) => s.label === label).reduce((a, s) => a + overlap(s, 0, musicMs), 0);
    const talkInMusic = inMusic('teacher') + inMusic('student');
    console.info(
      `music: ${((inMusic('other') / musicMs) * 100).toFixed(1)}% other; ${
        result.segments
          .filter((s) => s.startMs < musicMs)
          .map((s) => `${s.label} ${s.startMs}-${s.endMs}`)
          .join(', ') || 'no speech'
      }`,
    );
    expect(inMusic('other')).toBeGreaterThanOrEqual(0.8 * musicMs);
    expect(talkInMusic).toBe(0);
    // The music ends where it ends: no talk is taken for it.
    const otherInTalk = lesson.turns.reduce(
      (a, t) => a + result.segments.filter((s) => s.label === 'other').reduce((b, s) => b + overlap(s, t.startMs, t.endMs), 0),
      0,
    );
    expect(otherInTalk).toBe(0);
    const studentTurns = lesson.turns.filter((t) => t.speaker === 'student');
    expect(result.figures!.studentTurns).toBe(studentTurns.length);
  }, 90_000);
});

describe('the talk job', () => {
  it('can be cancelled while it runs, leaving the analysis it had', async () => {
    const job = await core.api['talk.analyse']({ lessonId });
    await jobReaches(core, job.id, 'running');
    await core.api['jobs.cancel']({ id: job.id });
    await jobReaches(core, job.id, 'cancelled');
    expect((await core.api['talk.get']({ lessonId })).status).toBe('ready');
  }, 60_000);

  it('resumes after a restart and finishes the analysis', async () => {
    const dataDir = await tempDir('talk-restart');
    const first = await startTestCore(dataDir, { jobConcurrency: 2 });
    const id = await importLesson(first, truth.file);
    const talkJob = () => first.jobs.list(id).find((j) => j.kind === 'talk')!;
    await jobReaches(first, talkJob().id, 'running');
    await first.dispose();
    const second = await startTestCore(dataDir);
    try {
      await second.jobs.idle();
      expect(second.jobs.list(id).find((j) => j.kind === 'talk')).toMatchObject({ status: 'done', attempts: 2 });
      const result = await second.api['talk.get']({ lessonId: id });
      expect(result.status).toBe('ready');
      expect(result.figures!.studentTurns).toBe(truth.turns.filter((t) => t.speaker === 'student').length);
    } finally {
      await second.dispose();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
