import type { AchievementRule, EligibleMember } from '../../common/credentials/rules';
import type { Db } from '../db/open';
import { person } from '../review/people';
import { liveRecords } from '../review/records';
import { lessonTitle } from '../review/views';

type Found = Map<string, EligibleMember['evidence']>;

function add(found: Found, userId: string, evidence: EligibleMember['evidence'][number][]): void {
  found.set(userId, [...(found.get(userId) ?? []), ...evidence]);
}

/** Each teacher's complete cycles: asked, reviewed, answered, a goal met. One cycle per lesson. */
function practiceCycles(db: Db, communityId: string): Map<string, number> & { evidence: Found } {
  const evidence: Found = new Map();
  const counts = new Map<string, number>() as Map<string, number> & { evidence: Found };
  counts.evidence = evidence;
  const reviews = liveRecords(db, 'review', { communityId }).filter((r) => r.fields.status === 'submitted');
  const plans = liveRecords(db, 'actionPlan', { communityId });
  const seenLessons = new Set<string>();
  for (const request of liveRecords(db, 'reviewRequest', { communityId })) {
    if (seenLessons.has(request.fields.lessonId)) continue;
    const review = reviews.find((r) => r.fields.requestId === request.id);
    const plan = review && plans.find((p) => p.fields.reviewId === review.id && p.ownerId === request.ownerId);
    if (!review || !plan || !plan.fields.goals.some((g) => g.met)) continue;
    seenLessons.add(request.fields.lessonId);
    counts.set(request.ownerId, (counts.get(request.ownerId) ?? 0) + 1);
    const title = lessonTitle(db, request.fields.lessonId).title;
    add(evidence, request.ownerId, [
      { id: request.fields.lessonId, kind: 'lesson', name: title },
      { id: review.id, kind: 'review', name: title },
    ]);
  }
  return counts;
}

function reviewsGiven(db: Db, communityId: string): Map<string, number> & { evidence: Found } {
  const evidence: Found = new Map();
  const counts = new Map<string, number>() as Map<string, number> & { evidence: Found };
  counts.evidence = evidence;
  for (const review of liveRecords(db, 'review', { communityId }).filter((r) => r.fields.status === 'submitted')) {
    const mentor = review.fields.reviewerId;
    counts.set(mentor, (counts.get(mentor) ?? 0) + 1);
    add(evidence, mentor, [{ id: review.id, kind: 'review', name: lessonTitle(db, review.fields.lessonId).title }]);
  }
  return counts;
}

/** Members whose synced review records here meet the rule, most accomplished first. */
export function eligibleMembers(db: Db, communityId: string, rule: AchievementRule): EligibleMember[] {
  const counts = rule.kind === 'practice_cycles' ? practiceCycles(db, communityId) : reviewsGiven(db, communityId);
  return [...counts]
    .filter(([, count]) => count >= rule.count)
    .map(([userId, count]) => ({ userId, name: person(db, communityId, userId).name, count, evidence: counts.evidence.get(userId) ?? [] }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
