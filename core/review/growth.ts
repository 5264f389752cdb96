import type { CallArgs } from '../../common/contract';
import { StudioError } from '../../common/errors';
import { levelSeries, responseStats } from '../../common/review/growth';
import type { CommunityStats, Growth, Person } from '../../common/schemas/review';
import type { CoreContext } from '../app/context';
import type { Db } from '../db/open';
import { getRubric } from '../rubrics/rubrics';
import { communityIds } from '../sync/community-cache';
import { communityName, person } from './people';
import { liveRecords } from './records';
import { lessonTitle } from './views';
import { requireMe } from './write';

/** The person, and everyone in the communities where they lead or mentor: whose growth they may follow. */
function visibleTeachers(db: Db, me: string): Person[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT m.user_id, m.display_name FROM community_members m JOIN communities c ON c.id = m.community_id
       WHERE c.my_role IN ('lead', 'mentor') OR m.user_id = ? ORDER BY m.display_name COLLATE NOCASE`,
    )
    .all(me) as Array<{ user_id: string; display_name: string }>;
  const people = rows.map((r) => ({ id: r.user_id, name: r.display_name }));
  return people.some((p) => p.id === me) ? people : [{ id: me, name: '' }, ...people];
}

/** A teacher's rubric levels over time, per rubric and criterion, and the goals they set and met. */
export function growthOf(ctx: CoreContext, { communityId, teacherId }: CallArgs<'reviews.growth'>): Growth {
  const { db } = ctx;
  const me = requireMe(db);
  const teachers = visibleTeachers(db, me);
  const teacher = teacherId ?? me;
  const who = teachers.find((t) => t.id === teacher);
  if (!who) throw new StudioError('forbidden', { operation: 'reviews.growth' });

  const requests = new Map(
    liveRecords(db, 'reviewRequest', communityId ? { communityId } : {})
      .filter((r) => r.ownerId === teacher)
      .map((r) => [r.id, r]),
  );
  const reviews = liveRecords(db, 'review').filter((r) => r.fields.status === 'submitted' && requests.has(r.fields.requestId));
  const scored = reviews.flatMap((r) => {
    const rubricId = requests.get(r.fields.requestId)!.fields.rubricId;
    return rubricId && r.fields.submittedAt !== null
      ? [{ reviewId: r.id, rubricId, submittedAt: r.fields.submittedAt, scores: r.fields.scores }]
      : [];
  });
  const rubrics = [...levelSeries(scored)].flatMap(([rubricId, criteria]) => {
    try {
      const rubric = getRubric(db, rubricId);
      // In the rubric's own order, so the chart's legend reads like the rubric.
      const ordered = rubric.scale.criteria.flatMap((c) => (criteria.has(c.code) ? [{ code: c.code, points: criteria.get(c.code)! }] : []));
      return [{ rubric, criteria: ordered }];
    } catch {
      return []; // a rubric since deleted from the community
    }
  });

  const reviewIds = new Set(reviews.map((r) => r.id));
  const goals = liveRecords(db, 'actionPlan')
    .filter((p) => p.ownerId === teacher && reviewIds.has(p.fields.reviewId))
    .flatMap((p) => {
      const review = reviews.find((r) => r.id === p.fields.reviewId)!;
      const lesson = lessonTitle(db, review.fields.lessonId).title;
      return p.fields.goals.map((g) => ({ ...g, reviewId: review.id, lessonTitle: lesson, nextLessonTitle: p.fields.nextLessonTitle }));
    });
  const communityOfTeacher = [...requests.values()][0]?.communityId;
  const named = who.name || (communityOfTeacher ? person(db, communityOfTeacher, teacher).name : '');
  return { teacher: { id: teacher, name: named }, teachers, rubrics, goals };
}

/** Per community: requests answered, waiting and overdue, and the median time to a first review. */
export function communityStats(ctx: CoreContext): CommunityStats[] {
  const { db } = ctx;
  const reviews = liveRecords(db, 'review').filter((r) => r.fields.status === 'submitted' && r.fields.submittedAt !== null);
  return communityIds(db).map((communityId) => {
    const outcomes = liveRecords(db, 'reviewRequest', { communityId }).map((r) => {
      const times = reviews
        .filter((v) => v.fields.requestId === r.id)
        .map((v) => v.fields.history[0]?.submittedAt ?? v.fields.submittedAt!);
      return {
        requestedAt: r.fields.requestedAt,
        dueAt: r.fields.dueAt,
        withdrawn: r.fields.status === 'withdrawn',
        firstReviewAt: times.length ? Math.min(...times) : null,
      };
    });
    return { communityId, communityName: communityName(db, communityId), ...responseStats(outcomes, ctx.now()) };
  });
}
