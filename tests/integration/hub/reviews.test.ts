import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResult } from '../../../common/sync/ops';
import { addMember, createCommunity, op, pullAll, push, pushOk, signUp, startHub, type RunningHub, type TestUser } from './helpers';
import {
  calibrationFields,
  calibrationScoreFields,
  create,
  planFields,
  requestFields,
  reviewFields,
  rubricFields,
  shareLessonOf,
} from './review-fixtures';

/** The hub's review rules: what one record's schema cannot check because it depends on others. */

let hub: RunningHub;
let lead: TestUser;
let teacher: TestUser;
let mentor: TestUser;
let mentor2: TestUser;
let communityId: string;
let rubricId: string;

beforeAll(async () => {
  hub = await startHub();
  lead = await signUp(hub, 'Lead');
  teacher = await signUp(hub, 'Teacher');
  mentor = await signUp(hub, 'Mentor');
  mentor2 = await signUp(hub, 'Mentor Two');
  communityId = (await createCommunity(hub, lead)).id;
  await addMember(hub, lead, communityId, teacher, 'member');
  await addMember(hub, lead, communityId, mentor, 'mentor');
  await addMember(hub, lead, communityId, mentor2, 'mentor');
  rubricId = await create(hub, lead, communityId, 'rubric', rubricFields());
});
afterAll(async () => {
  await hub.stop();
});

async function attempt(
  user: TestUser,
  entity: Parameters<typeof op>[2],
  id: string,
  action: 'upsert' | 'delete',
  fields: object = {},
): Promise<PushResult> {
  const res = await push(hub, user, [op(user, communityId, entity, id, action, fields as Record<string, unknown>)]);
  expect(res.status).toBe(200);
  return res.body.results[0]!;
}

async function lessonWithRequest(overrides: Parameters<typeof requestFields>[2] = {}) {
  const lessonId = await shareLessonOf(hub, teacher, communityId);
  const requestId = await create(hub, teacher, communityId, 'reviewRequest', requestFields(lessonId, teacher, { rubricId, ...overrides }));
  return { lessonId, requestId };
}

describe('review requests', () => {
  it('are made by the lesson owner, for a rubric of the community, to its mentors', async () => {
    const lessonId = await shareLessonOf(hub, teacher, communityId);
    expect(await attempt(mentor, 'reviewRequest', uuidv7(), 'upsert', requestFields(lessonId, mentor))).toMatchObject({
      status: 'rejected',
      reason: 'forbidden',
      params: { reason: 'not_lesson_owner' },
    });
    expect(
      await attempt(teacher, 'reviewRequest', uuidv7(), 'upsert', requestFields(lessonId, teacher, { rubricId: uuidv7() })),
    ).toMatchObject({ reason: 'not_found', params: { entity: 'rubric' } });
    expect(
      await attempt(teacher, 'reviewRequest', uuidv7(), 'upsert', requestFields(lessonId, teacher, { mentorIds: [teacher.user.id] })),
    ).toMatchObject({ reason: 'invalid_input', params: { path: 'fields.mentorIds' } });
    expect(
      await attempt(
        teacher,
        'reviewRequest',
        uuidv7(),
        'upsert',
        requestFields(lessonId, teacher, { mentorIds: [mentor.user.id], rubricId }),
      ),
    ).toMatchObject({ status: 'applied' });
  });

  it('can be withdrawn until a review is submitted, not after', async () => {
    const open = await lessonWithRequest();
    expect(await attempt(teacher, 'reviewRequest', open.requestId, 'upsert', { status: 'withdrawn' })).toMatchObject({ status: 'applied' });

    const answered = await lessonWithRequest();
    await create(hub, mentor, communityId, 'review', reviewFields(answered.requestId, answered.lessonId, mentor));
    expect(await attempt(teacher, 'reviewRequest', answered.requestId, 'upsert', { status: 'withdrawn' })).toMatchObject({
      status: 'rejected',
      reason: 'review_already_submitted',
    });
    expect(await attempt(teacher, 'reviewRequest', answered.requestId, 'delete')).toMatchObject({ reason: 'review_already_submitted' });
  });
});

describe('reviews', () => {
  it('refuse a level outside the rubric range and a criterion it lacks', async () => {
    const { lessonId, requestId } = await lessonWithRequest();
    const tooHigh = reviewFields(requestId, lessonId, mentor, { scores: [{ criterion: 'wait', level: 5, evidence: [] }] });
    expect(await attempt(mentor, 'review', uuidv7(), 'upsert', tooHigh)).toMatchObject({
      status: 'rejected',
      reason: 'level_out_of_range',
      params: { criterion: 'wait', level: 5, min: 1, max: 4 },
    });
    const unknown = reviewFields(requestId, lessonId, mentor, { scores: [{ criterion: 'humour', level: 2, evidence: [] }] });
    expect(await attempt(mentor, 'review', uuidv7(), 'upsert', unknown)).toMatchObject({
      reason: 'criterion_unknown',
      params: { criterion: 'humour' },
    });
    const fine = reviewFields(requestId, lessonId, mentor, {
      scores: [{ criterion: 'wait', level: 4, evidence: [{ kind: 'moment', atMs: 3000 }] }],
    });
    expect(await attempt(mentor, 'review', uuidv7(), 'upsert', fine)).toMatchObject({ status: 'applied' });
  });

  it('refuse a second review on a withdrawn request, with a reason', async () => {
    const { lessonId, requestId } = await lessonWithRequest({ mentorIds: [mentor.user.id, mentor2.user.id] });
    await create(
      hub,
      mentor,
      communityId,
      'review',
      reviewFields(requestId, lessonId, mentor, { status: 'claimed', submittedAt: null, version: 0 }),
    );
    expect(await attempt(teacher, 'reviewRequest', requestId, 'upsert', { status: 'withdrawn' })).toMatchObject({ status: 'applied' });
    expect(await attempt(mentor2, 'review', uuidv7(), 'upsert', reviewFields(requestId, lessonId, mentor2))).toMatchObject({
      status: 'rejected',
      reason: 'review_withdrawn',
    });
  });

  it('refuse a review of a lesson the reviewer can no longer see', async () => {
    const { lessonId, requestId } = await lessonWithRequest();
    await pushOk(hub, teacher, [op(teacher, communityId, 'lesson', lessonId, 'delete')]);
    expect(await attempt(mentor, 'review', uuidv7(), 'upsert', reviewFields(requestId, lessonId, mentor))).toMatchObject({
      status: 'rejected',
      reason: 'lesson_not_visible',
    });
  });

  it('go only to chosen mentors, and an open request to whoever claims it first', async () => {
    const chosen = await lessonWithRequest({ mentorIds: [mentor2.user.id] });
    expect(await attempt(mentor, 'review', uuidv7(), 'upsert', reviewFields(chosen.requestId, chosen.lessonId, mentor))).toMatchObject({
      reason: 'review_not_assigned',
    });

    const open = await lessonWithRequest();
    const claim = reviewFields(open.requestId, open.lessonId, mentor, { status: 'claimed', submittedAt: null, version: 0 });
    await create(hub, mentor, communityId, 'review', claim);
    expect(await attempt(mentor2, 'review', uuidv7(), 'upsert', reviewFields(open.requestId, open.lessonId, mentor2))).toMatchObject({
      reason: 'review_claimed',
    });
    expect(await attempt(lead, 'review', uuidv7(), 'upsert', reviewFields(open.requestId, open.lessonId, lead))).toMatchObject({
      reason: 'review_claimed',
    });
  });

  it('stay submitted once submitted, and are amended by their author only', async () => {
    const { lessonId, requestId } = await lessonWithRequest();
    const reviewId = await create(hub, mentor, communityId, 'review', reviewFields(requestId, lessonId, mentor));
    expect(await attempt(mentor, 'review', reviewId, 'upsert', { status: 'claimed' })).toMatchObject({
      reason: 'invalid_input',
      params: { path: 'fields.status' },
    });
    expect(await attempt(mentor2, 'review', reviewId, 'upsert', { strengths: 'Not mine to change' })).toMatchObject({
      reason: 'forbidden',
    });
    expect(await attempt(mentor, 'review', reviewId, 'delete')).toMatchObject({ reason: 'review_already_submitted' });
    expect(await attempt(mentor, 'review', reviewId, 'upsert', { strengths: 'Amended', version: 2 })).toMatchObject({ status: 'applied' });
  });

  it('cannot be written by the teacher about their own lesson', async () => {
    const lessonId = await shareLessonOf(hub, mentor, communityId);
    const requestId = await create(hub, mentor, communityId, 'reviewRequest', requestFields(lessonId, mentor));
    expect(await attempt(mentor, 'review', uuidv7(), 'upsert', reviewFields(requestId, lessonId, mentor))).toMatchObject({
      reason: 'forbidden',
      params: { reason: 'own_lesson' },
    });
  });
});

describe('action plans', () => {
  it('are written by the teacher who asked', async () => {
    const { lessonId, requestId } = await lessonWithRequest();
    const reviewId = await create(hub, mentor, communityId, 'review', reviewFields(requestId, lessonId, mentor));
    expect(await attempt(mentor2, 'actionPlan', uuidv7(), 'upsert', planFields(reviewId, mentor2))).toMatchObject({
      reason: 'forbidden',
      params: { reason: 'not_requester' },
    });
    expect(await attempt(teacher, 'actionPlan', uuidv7(), 'upsert', planFields(reviewId, teacher))).toMatchObject({ status: 'applied' });
    const fourGoals = planFields(reviewId, teacher, {
      goals: [1, 2, 3, 4].map((n) => ({ id: uuidv7(), text: `Goal ${n}`, criterion: null, met: false, metAt: null })),
    });
    expect(await attempt(teacher, 'actionPlan', uuidv7(), 'upsert', fourGoals)).toMatchObject({
      reason: 'invalid_input',
      params: { path: 'fields.goals' },
    });
  });
});

describe('rubrics', () => {
  it('cannot be deleted while a request uses them', async () => {
    const used = await create(hub, lead, communityId, 'rubric', rubricFields({ code: 'used' }));
    const lessonId = await shareLessonOf(hub, teacher, communityId);
    await create(hub, teacher, communityId, 'reviewRequest', requestFields(lessonId, teacher, { rubricId: used }));
    expect(await attempt(lead, 'rubric', used, 'delete')).toMatchObject({ reason: 'rubric_in_use' });
    const unused = await create(hub, lead, communityId, 'rubric', rubricFields({ code: 'unused' }));
    expect(await attempt(lead, 'rubric', unused, 'delete')).toMatchObject({ status: 'applied' });
  });

  it('refuse a scale whose levels skip', async () => {
    const broken = rubricFields();
    broken.scale.levels[1]!.value = 3;
    expect(await attempt(lead, 'rubric', uuidv7(), 'upsert', broken)).toMatchObject({
      reason: 'invalid_input',
      params: { path: 'fields.scale.levels.1.value' },
    });
  });
});

describe('calibration', () => {
  it('takes one final set of scores per mentor, within the rubric range', async () => {
    const lessonId = await shareLessonOf(hub, lead, communityId);
    const calibrationId = await create(hub, lead, communityId, 'calibration', calibrationFields(lessonId, rubricId, lead));
    expect(
      await attempt(mentor, 'calibrationScore', uuidv7(), 'upsert', calibrationScoreFields(calibrationId, mentor, [3, 9])),
    ).toMatchObject({ reason: 'level_out_of_range' });
    const scoreId = await create(hub, mentor, communityId, 'calibrationScore', calibrationScoreFields(calibrationId, mentor));
    expect(await attempt(mentor, 'calibrationScore', uuidv7(), 'upsert', calibrationScoreFields(calibrationId, mentor))).toMatchObject({
      reason: 'calibration_already_scored',
    });
    expect(
      await attempt(mentor, 'calibrationScore', scoreId, 'upsert', {
        scores: [
          { criterion: 'questioning', level: 3 },
          { criterion: 'wait', level: 2 },
        ],
      }),
    ).toMatchObject({
      reason: 'invalid_input',
      params: { path: 'fields.scores' },
    });
    expect(await attempt(teacher, 'calibrationScore', uuidv7(), 'upsert', calibrationScoreFields(calibrationId, teacher))).toMatchObject({
      reason: 'forbidden',
    });
  });

  it('goes away with its lesson, scores and all', async () => {
    const lessonId = await shareLessonOf(hub, lead, communityId);
    const calibrationId = await create(hub, lead, communityId, 'calibration', calibrationFields(lessonId, rubricId, lead));
    await create(hub, mentor2, communityId, 'calibrationScore', calibrationScoreFields(calibrationId, mentor2));
    await pushOk(hub, lead, [op(lead, communityId, 'lesson', lessonId, 'delete')]);
    const { ops } = await pullAll(hub, mentor, communityId);
    const deletes = ops.filter((o) => o.action === 'delete').map((o) => o.entity);
    expect(deletes).toEqual(expect.arrayContaining(['lesson', 'calibration', 'calibrationScore']));
  });
});
