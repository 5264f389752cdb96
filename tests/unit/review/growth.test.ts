import { describe, expect, it } from 'vitest';
import { byDueDate, DUE_SOON_MS, dueState, levelSeries, median, responseStats } from '../../../common/review/growth';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 23, 12);

describe('due dates', () => {
  it('are overdue, soon or later', () => {
    expect(dueState(null, now)).toBeNull();
    expect(dueState(now - 1, now)).toBe('overdue');
    expect(dueState(now + DUE_SOON_MS, now)).toBe('soon');
    expect(dueState(now + DUE_SOON_MS + 1, now)).toBe('later');
  });

  it('sort soonest first, undated last', () => {
    const rows = [
      { id: 'none', dueAt: null, requestedAt: 1 },
      { id: 'late', dueAt: now + 5 * HOUR, requestedAt: 1 },
      { id: 'early', dueAt: now + HOUR, requestedAt: 2 },
      { id: 'early-older', dueAt: now + HOUR, requestedAt: 1 },
    ];
    expect(rows.sort(byDueDate).map((r) => r.id)).toEqual(['early-older', 'early', 'late', 'none']);
  });
});

describe('growth', () => {
  it('lists each criterion level over time, oldest first, per rubric', () => {
    const series = levelSeries([
      { reviewId: 'r2', rubricId: 'micro', submittedAt: 200, scores: [{ criterion: 'wait', level: 3 }] },
      {
        reviewId: 'r1',
        rubricId: 'micro',
        submittedAt: 100,
        scores: [
          { criterion: 'wait', level: 1 },
          { criterion: 'purpose', level: 2 },
        ],
      },
      { reviewId: 'r3', rubricId: 'other', submittedAt: 150, scores: [{ criterion: 'wait', level: 4 }] },
    ]);
    expect(series.get('micro')!.get('wait')).toEqual([
      { reviewId: 'r1', at: 100, level: 1 },
      { reviewId: 'r2', at: 200, level: 3 },
    ]);
    expect(series.get('micro')!.get('purpose')).toEqual([{ reviewId: 'r1', at: 100, level: 2 }]);
    expect(series.get('other')!.get('wait')).toEqual([{ reviewId: 'r3', at: 150, level: 4 }]);
  });

  it('takes medians of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('counts requests answered, waiting, overdue and withdrawn, and how fast answers came', () => {
    const stats = responseStats(
      [
        { requestedAt: now - 50 * HOUR, dueAt: now - 10 * HOUR, withdrawn: false, firstReviewAt: now - 40 * HOUR }, // 10 h, on time
        { requestedAt: now - 50 * HOUR, dueAt: now - 30 * HOUR, withdrawn: false, firstReviewAt: now - 20 * HOUR }, // 30 h, late
        { requestedAt: now - 10 * HOUR, dueAt: null, withdrawn: false, firstReviewAt: now - 8 * HOUR }, // 2 h
        { requestedAt: now - 10 * HOUR, dueAt: now - HOUR, withdrawn: false, firstReviewAt: null }, // overdue
        { requestedAt: now - 10 * HOUR, dueAt: now + HOUR, withdrawn: false, firstReviewAt: null },
        { requestedAt: now - 10 * HOUR, dueAt: now - HOUR, withdrawn: true, firstReviewAt: null },
      ],
      now,
    );
    expect(stats).toEqual({
      requests: 6,
      answered: 3,
      waiting: 2,
      withdrawn: 1,
      overdue: 1,
      answeredOnTime: 1,
      medianResponseMs: 10 * HOUR,
    });
  });
});
