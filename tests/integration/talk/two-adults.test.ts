import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TalkAnalysis } from '../../../common/schemas/talk';
import { toErrorPayload } from '../../../common/errors';
import { dispatch } from '../../../core/dispatch';
import { startTestCore, type TestCore } from '../../support/core';
import { makeTalkLesson, type TalkLessonTruth, type TruthTurn } from '../../support/talk-lesson';
import { tempDir } from '../../support/web-shell';

/**
 * "Two adults" on a lesson whose truth we know: a teacher near the microphone, a co-teacher (another
 * espeak voice, a step farther, pitched like the students) and three quieter students over room noise.
 */
let dataDir: string;
let media: string;
let core: TestCore;
let truth: TalkLessonTruth;
let lessonId: string;

const pct = (ms: number) => (ms / truth.durationMs) * 100;
const overlap = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) =>
  Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs));
/** A true turn heard for at least half its length under one of these labels. */
const found = (a: TalkAnalysis, turn: TruthTurn, labels: string[]) =>
  a.segments.filter((s) => labels.includes(s.label)).reduce((sum, s) => sum + overlap(s, turn), 0) * 2 >= turn.endMs - turn.startMs;
const adultErrorPts = (a: TalkAnalysis) => Math.abs(a.figures!.teacherPct - pct(truth.teacherMs + truth.coTeacherMs));
const describeFigures = (a: TalkAnalysis) =>
  `teacher ${a.figures!.teacherPct}% (co-teacher ${a.figures!.coTeacherPct}%), student ${a.figures!.studentPct}%`;

beforeAll(async () => {
  media = await tempDir('talk-adults-media');
  dataDir = await tempDir('talk-adults-data');
  core = await startTestCore(dataDir);
  truth = await makeTalkLesson(media, { name: 'co-taught.wav', seconds: 120, seed: 7, coTeacher: true });
  const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: truth.file }] });
  if (!results[0]!.ok) throw new Error('import refused');
  lessonId = results[0]!.lesson.id;
  await core.jobs.idle();
}, 240_000);
afterAll(async () => {
  await core?.dispose();
  await fs.rm(media, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('a lesson taught by two adults', () => {
  it('is misread without the setting: the co-teacher is counted as students', async () => {
    expect(truth.coTeacherMs).toBeGreaterThan(0);
    const a = await core.api['talk.get']({ lessonId });
    console.info(
      `one adult: ${describeFigures(a)}; truth teacher+co-teacher ${pct(truth.teacherMs + truth.coTeacherMs).toFixed(1)}% ` +
        `(co-teacher ${pct(truth.coTeacherMs).toFixed(1)}%), student ${pct(truth.studentMs).toFixed(1)}%`,
    );
    expect(a).toMatchObject({ status: 'ready', twoAdults: false });
    const coTurns = truth.turns.filter((t) => t.speaker === 'coteacher');
    const asStudents = coTurns.filter((t) => found(a, t, ['student']));
    expect(asStudents.length > coTurns.length / 2 || adultErrorPts(a) > 5).toBe(true);
    expect(adultErrorPts(a)).toBeGreaterThan(5);
  });

  it('with "two adults" on, is relabelled at once: adult talk within 5 points, every student and co-teacher turn found', async () => {
    const a = await core.api['talk.adults']({ lessonId, twoAdults: true });
    console.info(`two adults: ${describeFigures(a)}, error ${adultErrorPts(a).toFixed(1)} pts`);
    expect(a).toMatchObject({ status: 'ready', twoAdults: true });
    expect(adultErrorPts(a)).toBeLessThanOrEqual(5);
    expect(Math.abs(a.figures!.studentPct - pct(truth.studentMs))).toBeLessThanOrEqual(5);
    expect(Math.abs(a.figures!.coTeacherPct! - pct(truth.coTeacherMs))).toBeLessThanOrEqual(5);
    for (const turn of truth.turns.filter((t) => t.speaker === 'student')) {
      expect(found(a, turn, ['student']), `student turn at ${Math.round(turn.startMs)} ms: "${turn.text}"`).toBe(true);
    }
    expect(a.figures!.studentTurns).toBe(truth.turns.filter((t) => t.speaker === 'student').length);
    for (const turn of truth.turns.filter((t) => t.speaker === 'coteacher')) {
      expect(found(a, turn, ['coteacher']), `co-teacher turn at ${Math.round(turn.startMs)} ms`).toBe(true);
    }
    expect(await core.api['talk.get']({ lessonId })).toEqual(a);
  });

  it('keeps corrections with the setting: a co-teacher band marked as the teacher, a student band as the co-teacher', async () => {
    const before = await core.api['talk.get']({ lessonId });
    const co = before.segments.find((s) => s.label === 'coteacher')!;
    const asTeacher = await core.api['talk.correct']({ lessonId, startMs: co.startMs, endMs: co.endMs, label: 'teacher' });
    expect(asTeacher.segments.find((s) => s.startMs === co.startMs)).toMatchObject({ label: 'teacher', corrected: true });
    expect(asTeacher.figures!.coTeacherPct).toBeLessThan(before.figures!.coTeacherPct!);
    expect(asTeacher.figures!.teacherPct).toBe(before.figures!.teacherPct);
    const student = asTeacher.segments.find((s) => s.label === 'student')!;
    const asCo = await core.api['talk.correct']({ lessonId, startMs: student.startMs, endMs: student.endMs, label: 'coteacher' });
    expect(asCo.segments.find((s) => s.startMs === student.startMs)).toMatchObject({ label: 'coteacher', corrected: true });
    expect(asCo.figures!.studentPct).toBeLessThan(asTeacher.figures!.studentPct);
    // Bad input through the door both shells use changes nothing.
    const refused = await dispatch(core.api, 'talk.adults', { lessonId, twoAdults: 'yes' }).then(() => null, toErrorPayload);
    expect(refused).toMatchObject({ code: 'invalid_input' });
  });

  it('survives a restart, corrections included, and turning it off labels the lesson again', async () => {
    const before = await core.api['talk.get']({ lessonId });
    await core.dispose();
    core = await startTestCore(dataDir);
    const after = await core.api['talk.get']({ lessonId });
    expect(after).toEqual(before);
    expect(after.twoAdults).toBe(true);
    const off = await core.api['talk.adults']({ lessonId, twoAdults: false });
    expect(off.twoAdults).toBe(false);
    expect(off.figures).not.toEqual(after.figures);
    // The corrections outlive the setting: the band marked co-teacher stays so.
    expect(
      off.segments
        .filter((s) => s.corrected)
        .map((s) => s.label)
        .sort(),
    ).toEqual(['coteacher', 'teacher']);
  });
});
