import { describe, expect, it } from 'vitest';
import { talkFigures, turnsOf } from '../../../core/talk/figures';

const t = (startMs: number, endMs: number) => ({ startMs, endMs, label: 'teacher' as const });
const s = (startMs: number, endMs: number) => ({ startMs, endMs, label: 'student' as const });

describe('talk figures', () => {
  it('joins one person’s segments across a short pause (a breath) into one turn', () => {
    expect(turnsOf([t(0, 1000), t(1300, 3000), s(5000, 6000), t(8000, 9000), t(10_000, 11_000)])).toEqual([
      { label: 'teacher', startMs: 0, endMs: 3000 },
      { label: 'student', startMs: 5000, endMs: 6000 },
      { label: 'teacher', startMs: 8000, endMs: 9000 },
      { label: 'teacher', startMs: 10_000, endMs: 11_000 },
    ]);
  });

  it('counts talk, silence, student turns, both wait times and the longest monologue', () => {
    // teacher 0–10 s, wait 3 s, student 13–15, wait 1.5 s, teacher 16.5–20.5, wait 6 s (nobody answers), teacher 26.5–30.
    const f = talkFigures([t(0, 10_000), s(13_000, 15_000), t(16_500, 20_500), t(26_500, 30_000)], 40_000);
    expect(f.teacherPct).toBe(43.8);
    expect(f.studentPct).toBe(5);
    expect(f.silencePct).toBe(51.3);
    expect(f.studentTurns).toBe(1);
    expect(f.waitTime1).toEqual({ count: 2, medianMs: 4500, histogram: { under1s: 0, from1to3s: 0, from3to5s: 1, over5s: 1 } });
    expect(f.waitTime2).toEqual({ count: 1, medianMs: 1500, histogram: { under1s: 0, from1to3s: 1, from3to5s: 0, over5s: 0 } });
    expect(f.longestTeacherMonologueMs).toBe(10_000);
  });

  it('counts music or a video as other, not silence, and keeps it out of turns and waits', () => {
    const o = (startMs: number, endMs: number) => ({ startMs, endMs, label: 'other' as const });
    // Music under the talk: teacher 0–5 s, [music 5–8 s], student 8–9 s, [music 9–10.5 s], teacher 10.5–12 s, [a beep 12–12.3 s], teacher 12.5–14 s.
    const talk = [t(0, 5000), s(8000, 9000), t(10_500, 12_000), t(12_500, 14_000)];
    const withMusic = [t(0, 5000), o(5000, 8000), s(8000, 9000), o(9000, 10_500), t(10_500, 12_000), o(12_000, 12_300), t(12_500, 14_000)];
    const f = talkFigures(withMusic, 20_000);
    expect(f).toMatchObject({ teacherPct: 40, studentPct: 5, otherPct: 24, silencePct: 31, studentTurns: 1 });
    // The same waits and turns as without the music: a wait of 3 s, an answer waited on 1.5 s, one turn across the beep.
    const { otherPct, silencePct, ...talkOnly } = talkFigures(talk, 20_000);
    expect({ ...f, otherPct, silencePct }).toEqual({ ...talkOnly, otherPct, silencePct });
    expect(f.waitTime1).toMatchObject({ count: 1, medianMs: 3000 });
    expect(f.waitTime2).toMatchObject({ count: 1, medianMs: 1500 });
    expect(f.longestTeacherMonologueMs).toBe(5000);
  });

  it('has no waits and all silence when nobody talks', () => {
    const f = talkFigures([], 30_000);
    expect(f).toMatchObject({ teacherPct: 0, studentPct: 0, silencePct: 100, studentTurns: 0, longestTeacherMonologueMs: 0 });
    expect(f.waitTime1.medianMs).toBeNull();
  });
});

describe('talk figures with two adults', () => {
  const c = (startMs: number, endMs: number) => ({ startMs, endMs, label: 'coteacher' as const });

  it("counts both adults' talk as teacher talk, and measures waits after either adult's turns", () => {
    // teacher 0–10 s, wait 2 s, student 12–14, wait 1 s, co-teacher 15–19, wait 4 s, student 23–24, wait 2 s, teacher 26–30.
    const f = talkFigures([t(0, 10_000), s(12_000, 14_000), c(15_000, 19_000), s(23_000, 24_000), t(26_000, 30_000)], 40_000);
    expect(f.teacherPct).toBe(45);
    expect(f.coTeacherPct).toBe(10);
    expect(f.studentPct).toBe(7.5);
    expect(f.studentTurns).toBe(2);
    // After the teacher (2 s) and after the co-teacher (4 s).
    expect(f.waitTime1).toMatchObject({ count: 2, medianMs: 3000 });
    // After each student, before the co-teacher (1 s) and before the teacher (2 s).
    expect(f.waitTime2).toMatchObject({ count: 2, medianMs: 1500 });
    expect(f.longestTeacherMonologueMs).toBe(10_000);
  });

  it("takes the longest monologue of either adult, and the co-teacher's part is 0 without one", () => {
    expect(talkFigures([t(0, 2000), c(3000, 15_000), s(16_000, 17_000)], 20_000).longestTeacherMonologueMs).toBe(12_000);
    expect(talkFigures([t(0, 2000), s(3000, 4000)], 10_000).coTeacherPct).toBe(0);
  });
});
