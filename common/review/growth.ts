/**
 * Growth over time and how a community answers requests: pure summaries of submitted reviews, shared
 * by the studio's screens and tests.
 */

export const DUE_SOON_MS = 48 * 60 * 60 * 1000;

export type DueState = 'overdue' | 'soon' | 'later';

/** Where a due date stands at `now`; null when there is none. */
export function dueState(dueAt: number | null, now: number): DueState | null {
  if (dueAt === null) return null;
  if (dueAt < now) return 'overdue';
  return dueAt - now <= DUE_SOON_MS ? 'soon' : 'later';
}

/** Sorts by due date, soonest first; requests without one come last, oldest request first among equals. */
export function byDueDate<T extends { dueAt: number | null; requestedAt: number }>(a: T, b: T): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return a.dueAt - b.dueAt;
  }
  return a.requestedAt - b.requestedAt;
}

export interface ScoredReview {
  reviewId: string;
  rubricId: string;
  submittedAt: number;
  scores: ReadonlyArray<{ criterion: string; level: number }>;
}

export interface LevelPoint {
  reviewId: string;
  at: number;
  level: number;
}

/** Per rubric, per criterion: the levels a teacher was given, oldest first. */
export function levelSeries(reviews: readonly ScoredReview[]): Map<string, Map<string, LevelPoint[]>> {
  const out = new Map<string, Map<string, LevelPoint[]>>();
  for (const review of [...reviews].sort((a, b) => a.submittedAt - b.submittedAt)) {
    let criteria = out.get(review.rubricId);
    if (!criteria) out.set(review.rubricId, (criteria = new Map()));
    for (const { criterion, level } of review.scores) {
      const points = criteria.get(criterion) ?? [];
      points.push({ reviewId: review.reviewId, at: review.submittedAt, level });
      criteria.set(criterion, points);
    }
  }
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RequestOutcome {
  requestedAt: number;
  dueAt: number | null;
  withdrawn: boolean;
  /** When the first review was submitted, or null while none has been. */
  firstReviewAt: number | null;
}

export interface ResponseStats {
  requests: number;
  answered: number;
  waiting: number;
  withdrawn: number;
  /** Waiting past their due date. */
  overdue: number;
  /** Answered by their due date (of those answered that had one). */
  answeredOnTime: number;
  medianResponseMs: number | null;
}

/** How many requests a community answered, and how fast: from request to first submitted review. */
export function responseStats(requests: readonly RequestOutcome[], now: number): ResponseStats {
  const answered = requests.filter((r) => r.firstReviewAt !== null);
  const waiting = requests.filter((r) => r.firstReviewAt === null && !r.withdrawn);
  return {
    requests: requests.length,
    answered: answered.length,
    waiting: waiting.length,
    withdrawn: requests.filter((r) => r.firstReviewAt === null && r.withdrawn).length,
    overdue: waiting.filter((r) => dueState(r.dueAt, now) === 'overdue').length,
    answeredOnTime: answered.filter((r) => r.dueAt !== null && r.firstReviewAt! <= r.dueAt).length,
    medianResponseMs: median(answered.map((r) => r.firstReviewAt! - r.requestedAt)),
  };
}
