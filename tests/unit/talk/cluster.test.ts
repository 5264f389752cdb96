import { describe, expect, it } from 'vitest';
import { clusterVoices, labelSegments } from '../../../core/talk/cluster';
import type { SegmentFeatures } from '../../../core/talk/segments';

let clock = 0;
function seg(loudnessDb: number, pitchHz: number, centroidHz: number, ms = 2000, spread = 3): SegmentFeatures {
  const startMs = clock;
  clock += ms + 1500;
  return { startMs, endMs: startMs + ms, loudnessDb, pitchHz, centroidHz, pitchSpreadSt: spread, voicedFraction: 0.7 };
}
/** A little spread between one person's segments, the same on every run. */
const jitter = () => ((clock / 3500) * 0.37) % 1;
const teacher = () => seg(-20 + jitter(), 95 + jitter() * 10, 1700 + jitter() * 200);
const student = (pitch = 220) => seg(-33 + jitter(), pitch + jitter() * 20, 1400 + jitter() * 200, 1000);

describe('who speaks: two voices by loudness, pitch and brightness', () => {
  it('calls the louder, closer voice the teacher and the quieter ones students', () => {
    const segments = [teacher(), student(), teacher(), student(120), teacher(), student(250), teacher()];
    expect(clusterVoices(segments)).toEqual(['teacher', 'student', 'teacher', 'student', 'teacher', 'student', 'teacher']);
  });

  it('finds the teacher by loudness even when the teacher has the higher voice', () => {
    const segments = [seg(-19, 230, 1800), seg(-34, 110, 1300, 1000), seg(-20, 240, 1750), seg(-33, 120, 1350, 1000)];
    expect(clusterVoices(segments)).toEqual(['teacher', 'student', 'teacher', 'student']);
  });

  it('does not split one voice in two: a lesson where only the teacher talks is all teacher', () => {
    const segments = [seg(-20, 100, 1700), seg(-21.5, 104, 1650), seg(-19, 98, 1800), seg(-22, 102, 1600)];
    expect(clusterVoices(segments)).toEqual(['teacher', 'teacher', 'teacher', 'teacher']);
  });

  it('calls a held, steady pitch "other" (music, a beep), not a voice', () => {
    const segments = [teacher(), seg(-25, 262, 900, 4000, 0.1), student(), teacher()];
    expect(clusterVoices(segments)).toEqual(['teacher', 'other', 'student', 'teacher']);
  });
});

/** A tonal stretch the VAD did not hear (music): loud, and no pitch or brightness measured. */
const music = (ms = 6000): SegmentFeatures => ({ ...seg(-12, 0, 0, ms, 0), voicedFraction: 0, tone: true });

describe('music and other tonal sound', () => {
  it('is "other", and changes nothing in who the voices are, however loud it is', () => {
    const voices = [teacher(), student(), teacher(), student(120), teacher()];
    const withMusic = [voices[0]!, music(), ...voices.slice(1, 3), music(20_000), ...voices.slice(3)];
    const labels = labelSegments(withMusic).map((s) => s.label);
    expect(labels).toEqual(['teacher', 'other', 'student', 'teacher', 'other', 'student', 'teacher']);
    expect(labels.filter((l) => l !== 'other')).toEqual(labelSegments(voices).map((s) => s.label));
    expect(clusterVoices(withMusic)).toEqual(labels);
  });

  it("takes the teacher's correction (a song the teacher sings) without teaching the voices anything from it", () => {
    const segments = [teacher(), student(), music(), teacher(), student()];
    const song = segments[2]!;
    const after = labelSegments(segments, [{ startMs: song.startMs, endMs: song.endMs, label: 'teacher' }]);
    expect(after.map((s) => [s.label, s.corrected])).toEqual([
      ['teacher', false],
      ['student', false],
      ['teacher', true],
      ['teacher', false],
      ['student', false],
    ]);
    // A correction of a voice leaves the music "other".
    const voice = segments[1]!;
    const fixed = labelSegments(segments, [{ startMs: voice.startMs, endMs: voice.endMs, label: 'teacher' }]);
    expect(fixed[2]).toMatchObject({ label: 'other', corrected: false });
  });
});

describe("the teacher's corrections", () => {
  it('keep the label of the stretch they cover, and relabel the segments nearest to it', () => {
    // A quiet teacher moment the clustering takes for a student, and a loud student it takes for the teacher.
    const loudStudent = [seg(-21, 200, 1700, 1200), seg(-21.5, 195, 1680, 1200)];
    const segments = [teacher(), student(), teacher(), ...loudStudent, teacher(), student()];
    const before = labelSegments(segments);
    expect(before[3]!.label).toBe('teacher');
    expect(before[4]!.label).toBe('teacher');
    const after = labelSegments(segments, [{ startMs: loudStudent[0]!.startMs, endMs: loudStudent[0]!.endMs, label: 'student' }]);
    expect(after[3]).toMatchObject({ label: 'student', corrected: true });
    // Never corrected, but nearest to the corrected student: relabelled with it.
    expect(after[4]).toMatchObject({ label: 'student', corrected: false });
    expect(after[0]).toMatchObject({ label: 'teacher', corrected: false });
  });

  it('stay local: marking one student turn as the teacher moves that voice only, never the whole lesson', () => {
    const segments = [teacher(), student(120), teacher(), student(120), teacher(), student(250), teacher()];
    const before = labelSegments(segments);
    expect(before.map((s) => s.label)).toEqual(['teacher', 'student', 'teacher', 'student', 'teacher', 'student', 'teacher']);
    const one = segments[5]!;
    const after = labelSegments(segments, [{ startMs: one.startMs, endMs: one.endMs, label: 'teacher' }]);
    expect(after.map((s) => s.label)).toEqual(['teacher', 'student', 'teacher', 'student', 'teacher', 'teacher', 'teacher']);
    const other = labelSegments(segments, [{ startMs: one.startMs, endMs: one.endMs, label: 'other' }]);
    expect(other.map((s) => s.label)).toEqual(['teacher', 'student', 'teacher', 'student', 'teacher', 'other', 'teacher']);
  });

  it('cover a segment only when they cover at least half of it; the latest wins', () => {
    const segments = [teacher(), student(), teacher()];
    const s = segments[1]!;
    const mid = (s.startMs + s.endMs) / 2;
    expect(labelSegments(segments, [{ startMs: mid + 100, endMs: s.endMs, label: 'other' }])[1]).toMatchObject({ corrected: false });
    const twice = labelSegments(segments, [
      { startMs: s.startMs, endMs: s.endMs, label: 'other' },
      { startMs: s.startMs - 500, endMs: s.endMs + 500, label: 'teacher' },
    ]);
    expect(twice[1]).toMatchObject({ label: 'teacher', corrected: true });
  });
});

describe('two adults: a teacher and a co-teacher near the microphone', () => {
  /** A second adult: a step farther than the teacher (6 dB quieter) but nearer than the students, a higher voice. */
  const coTeacher = () => seg(-26 + jitter(), 215 + jitter() * 15, 1900 + jitter() * 200, 2500);
  const lesson = () => [teacher(), student(), coTeacher(), student(120), teacher(), coTeacher(), student(250), teacher(), student()];
  const truth = ['teacher', 'student', 'coteacher', 'student', 'teacher', 'coteacher', 'student', 'teacher', 'student'];

  it('finds the co-teacher as a third voice, the louder adult being the teacher', () => {
    expect(clusterVoices(lesson(), { twoAdults: true })).toEqual(truth);
  });

  it('calls both adults the teacher when the "second adult" is the teacher again', () => {
    // Told two adults, but only one adult speaks: no co-teacher is made of the teacher's own voice, nor of
    // the students (three voices by pitch, none of them nearer the microphone than the others).
    const segments = [teacher(), student(), teacher(), student(120), teacher(), student(250), teacher()];
    const labels = clusterVoices(segments, { twoAdults: true });
    expect(labels.filter((l) => l === 'coteacher')).toEqual([]);
    expect(labels.filter((l) => l === 'teacher')).toHaveLength(4);
  });

  it('copes with a third group left empty: two voices exactly alike each time leave no third to start from', () => {
    const same = [0, 1, 2, 3].map(() => seg(-20, 100, 1700));
    expect(clusterVoices(same, { twoAdults: true })).toEqual(['teacher', 'teacher', 'teacher', 'teacher']);
    const two = [0, 1, 2, 3].map((i) => (i % 2 ? seg(-33, 230, 1400, 1000) : seg(-20, 100, 1700)));
    expect(clusterVoices(two, { twoAdults: true })).toEqual(['teacher', 'student', 'teacher', 'student']);
  });

  it('keeps corrections: a band marked co-teacher, teacher or student wins, and its neighbours follow', () => {
    const segments = lesson();
    const at = (i: number, label: 'teacher' | 'coteacher' | 'student' | 'other') => ({
      startMs: segments[i]!.startMs,
      endMs: segments[i]!.endMs,
      label,
    });
    // Swap who is who: the band marked "teacher" is the teacher's; the rest keeps the analysis's labels.
    const guessed = labelSegments(segments, [], { twoAdults: true });
    const swapped = labelSegments(segments, [at(2, 'teacher')], { twoAdults: true });
    expect(swapped[2]).toMatchObject({ label: 'teacher', corrected: true });
    expect(swapped.filter((_, i) => i !== 2)).toEqual(guessed.filter((_, i) => i !== 2));
    expect(labelSegments(segments, [at(5, 'student')], { twoAdults: true })[5]).toMatchObject({ label: 'student', corrected: true });
    // Without "two adults", a band marked co-teacher still counts as the co-teacher's.
    expect(labelSegments(segments, [at(2, 'coteacher')])[2]).toMatchObject({ label: 'coteacher', corrected: true });
  });
});
