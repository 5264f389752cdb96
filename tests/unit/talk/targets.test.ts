import { describe, expect, it } from 'vitest';
import { goalSchema } from '../../../common/review/records';
import { meetsTarget, targetValue, type TalkFigures } from '../../../common/schemas/talk';

const wait = (medianMs: number | null) => ({
  count: medianMs === null ? 0 : 3,
  medianMs,
  histogram: { under1s: 0, from1to3s: 0, from3to5s: 0, over5s: 0 },
});
const figures = (w1: number | null): TalkFigures => ({
  teacherPct: 62.5,
  studentPct: 14,
  otherPct: 0,
  silencePct: 23.5,
  studentTurns: 9,
  waitTime1: wait(w1),
  waitTime2: wait(1200),
  longestTeacherMonologueMs: 40_000,
});

describe('goals tied to a talk figure', () => {
  it('reads waits in seconds and shares in percent', () => {
    expect(targetValue(figures(2400), 'wait1')).toBe(2.4);
    expect(targetValue(figures(2400), 'wait2')).toBe(1.2);
    expect(targetValue(figures(null), 'wait1')).toBeNull();
    expect(targetValue(figures(2400), 'teacherPct')).toBe(62.5);
    expect(targetValue(figures(2400), 'studentTurns')).toBe(9);
  });

  it('meets "at least" and "at most" at the level itself, never without a value', () => {
    const atLeast3 = { figure: 'wait1', direction: 'atLeast', value: 3 } as const;
    expect(meetsTarget(targetValue(figures(3000), 'wait1'), atLeast3)).toBe(true);
    expect(meetsTarget(targetValue(figures(2900), 'wait1'), atLeast3)).toBe(false);
    expect(meetsTarget(null, atLeast3)).toBe(false);
    expect(meetsTarget(60, { figure: 'teacherPct', direction: 'atMost', value: 60 })).toBe(true);
    expect(meetsTarget(60.1, { figure: 'teacherPct', direction: 'atMost', value: 60 })).toBe(false);
  });

  it('keeps the target with the goal, and a goal from before it still reads', () => {
    const goal = {
      id: '01890000-0000-7000-8000-000000000001',
      text: 'Wait at least 3 s after a question',
      criterion: null,
      met: false,
      metAt: null,
    };
    expect(goalSchema.parse({ ...goal, talkTarget: { figure: 'wait1', direction: 'atLeast', value: 3 } }).talkTarget).toEqual({
      figure: 'wait1',
      direction: 'atLeast',
      value: 3,
    });
    expect(goalSchema.parse(goal).talkTarget).toBeUndefined();
    expect(goalSchema.safeParse({ ...goal, talkTarget: { figure: 'loudness', direction: 'atLeast', value: 3 } }).success).toBe(false);
  });
});
