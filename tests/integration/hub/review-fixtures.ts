import { v7 as uuidv7 } from 'uuid';
import { hubEndpoints, hubPath } from '../../../common/hub-api';
import type { Role } from '../../../common/permissions';
import type {
  ActionPlanFields,
  CalibrationFields,
  CalibrationScoreFields,
  ReviewFields,
  ReviewRequestFields,
  RubricFields,
} from '../../../common/sync/entities';
import { call, lessonFields, op, pushOk, type RunningHub, type TestUser } from './helpers';

/** Review records as a studio would push them, for hub tests. */

export function rubricFields(overrides: Partial<RubricFields> = {}): RubricFields {
  return {
    code: 'wait-time',
    title: { en: 'Wait time', ar: 'وقت الانتظار' },
    description: null,
    scale: {
      levels: [1, 2, 3, 4].map((value) => ({ value, label: { en: `Level ${value}` } })),
      criteria: [
        { code: 'questioning', label: { en: 'Questioning' }, descriptors: { '1': { en: 'Recall only' } } },
        { code: 'wait', label: { en: 'Wait time' }, descriptors: {} },
      ],
    },
    revision: 1,
    ...overrides,
  };
}

export function requestFields(lessonId: string, requester: TestUser, overrides: Partial<ReviewRequestFields> = {}): ReviewRequestFields {
  return {
    lessonId,
    requesterId: requester.user.id,
    rubricId: null,
    focus: 'How do I use wait time?',
    mentorIds: [],
    dueAt: Date.now() + 7 * 86_400_000,
    dueZone: 'Asia/Amman',
    status: 'open',
    requestedAt: Date.now(),
    ...overrides,
  };
}

export function reviewFields(requestId: string, lessonId: string, reviewer: TestUser, overrides: Partial<ReviewFields> = {}): ReviewFields {
  return {
    requestId,
    lessonId,
    reviewerId: reviewer.user.id,
    status: 'submitted',
    scores: [],
    strengths: 'Calm, clear opening.',
    nextSteps: 'Wait three seconds after each question.',
    noteIds: [],
    rubricRevision: null,
    submittedAt: Date.now(),
    version: 1,
    history: [],
    ...overrides,
  };
}

export function planFields(reviewId: string, teacher: TestUser, overrides: Partial<ActionPlanFields> = {}): ActionPlanFields {
  return {
    reviewId,
    teacherId: teacher.user.id,
    actedOn: [],
    goals: [{ id: uuidv7(), text: 'Count to three after every question', criterion: 'wait', met: false, metAt: null }],
    nextLessonId: null,
    nextLessonTitle: null,
    updatedAt: Date.now(),
    ...overrides,
  };
}

export function calibrationFields(lessonId: string, rubricId: string, lead: TestUser): CalibrationFields {
  return {
    lessonId,
    rubricId,
    leadId: lead.user.id,
    reference: [
      { criterion: 'questioning', level: 3 },
      { criterion: 'wait', level: 2 },
    ],
    createdAt: Date.now(),
  };
}

export function calibrationScoreFields(calibrationId: string, scorer: TestUser, levels: [number, number] = [3, 3]): CalibrationScoreFields {
  return {
    calibrationId,
    scorerId: scorer.user.id,
    scores: [
      { criterion: 'questioning', level: levels[0] },
      { criterion: 'wait', level: levels[1] },
    ],
    submittedAt: Date.now(),
  };
}

/** Pushes one new record that must be applied; returns its id. */
export async function create(
  hub: RunningHub,
  author: TestUser,
  communityId: string,
  entity: Parameters<typeof op>[2],
  fields: object,
): Promise<string> {
  const id = uuidv7();
  await pushOk(hub, author, [op(author, communityId, entity, id, 'upsert', fields as Record<string, unknown>)]);
  return id;
}

export const shareLessonOf = (hub: RunningHub, owner: TestUser, communityId: string) =>
  create(hub, owner, communityId, 'lesson', lessonFields(owner));

export async function setRole(hub: RunningHub, lead: TestUser, communityId: string, user: TestUser, role: Role): Promise<void> {
  const res = await call(hub.url, 'PATCH', hubPath(hubEndpoints.changeRole.path, { communityId, userId: user.user.id }), {
    token: lead.token,
    body: { role },
  });
  if (res.status >= 300) throw new Error(`change role failed: ${res.status} ${JSON.stringify(res.body)}`);
}
