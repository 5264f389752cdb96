import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEndpoints, hubPath, TUS_PATH } from '../../../common/hub-api';
import { can, operations, permissionTable, roles, type Operation, type Role } from '../../../common/permissions';
import type { PushResult } from '../../../common/sync/ops';
import {
  addMember,
  call,
  createCommunity,
  lessonFields,
  noteFields,
  op,
  pull,
  push,
  pushOk,
  removeMember,
  signUp,
  startHub,
  talkFields,
  blurFields,
  type Reply,
  type RunningHub,
  type TestUser,
} from './helpers';
import { sha256, uploadWithTus } from './tus';
import {
  calibrationFields,
  calibrationScoreFields,
  create,
  planFields,
  requestFields,
  reviewFields,
  rubricFields,
  setRole,
} from './review-fixtures';
import { defineAchievement, pushAward } from '../credentials/fixtures';

/**
 * For every operation in the permission table, every role, and people outside the community, the
 * hub allows exactly what the table allows. Each case gets a fresh community.
 */

type Actor = Role | 'non-member' | 'removed member';
type Outcome = 'allowed' | 'denied';

interface Env {
  communityId: string;
  lead: TestUser;
  /** A plain member who owns the records that are not the actor's own. */
  other: TestUser;
  actor: TestUser;
  /** The role the actor holds (a removed member is a member until removed). */
  actorRole: Role;
  own: boolean;
}

interface Probe {
  /** Runs while the actor is still a member (a removed member owned records before removal). */
  setup?: (env: Env) => Promise<Record<string, string>>;
  attempt: (env: Env, state: Record<string, string>) => Promise<Outcome>;
}

let hub: RunningHub;
const users = {} as Record<'creator' | 'other' | Actor, TestUser>;

function fromHttp(res: Reply, what: string): Outcome {
  if (res.status >= 200 && res.status < 300) return 'allowed';
  if (res.status === 403) return 'denied';
  throw new Error(`${what}: unexpected ${res.status} ${JSON.stringify(res.body)}`);
}

function fromPush(res: Reply<{ results: PushResult[] }>, what: string): Outcome {
  const [result] = res.body.results ?? [];
  if (result?.status === 'applied') return 'allowed';
  if (result?.status === 'rejected' && result.reason === 'forbidden') return 'denied';
  throw new Error(`${what}: unexpected ${res.status} ${JSON.stringify(res.body)}`);
}

async function shareLesson(owner: TestUser, communityId: string): Promise<string> {
  const id = uuidv7();
  await pushOk(hub, owner, [op(owner, communityId, 'lesson', id, 'upsert', lessonFields(owner))]);
  return id;
}

async function addNote(author: TestUser, communityId: string, lessonId: string): Promise<string> {
  const id = uuidv7();
  await pushOk(hub, author, [op(author, communityId, 'note', id, 'upsert', noteFields(lessonId))]);
  return id;
}

const b64 = (value: string) => Buffer.from(value).toString('base64');

/** Runs `fn` while `user` holds the mentor role, for setups that need a review a member could not write. */
async function asMentor<T>({ communityId, lead }: Env, user: TestUser, role: Role, fn: () => Promise<T>): Promise<T> {
  if (role === 'member') await setRole(hub, lead, communityId, user, 'mentor');
  try {
    return await fn();
  } finally {
    if (role === 'member') await setRole(hub, lead, communityId, user, 'member');
  }
}

const roleOf = (actor: Actor): Role => (actor === 'lead' || actor === 'mentor' ? actor : 'member');

/** A lesson of the lead (community creator) with an open request, ready to be reviewed. */
async function requestedLesson(env: Env): Promise<{ lessonId: string; requestId: string }> {
  const lessonId = await shareLesson(env.lead, env.communityId);
  const requestId = await create(hub, env.lead, env.communityId, 'reviewRequest', requestFields(lessonId, env.lead));
  return { lessonId, requestId };
}

/** Probes of the review operations; a member who must own a review is lent the mentor role to write it. */
const reviewProbes: Partial<Record<Operation, Probe>> = {
  'review.request': {
    setup: async ({ communityId, other, actor, own }): Promise<Record<string, string>> => {
      if (own) return { lessonId: await shareLesson(actor, communityId) };
      const lessonId = await shareLesson(other, communityId);
      return { requestId: await create(hub, other, communityId, 'reviewRequest', requestFields(lessonId, other)) };
    },
    attempt: async ({ communityId, actor }, { lessonId, requestId }) => {
      const change = requestId
        ? op(actor, communityId, 'reviewRequest', requestId, 'upsert', { status: 'withdrawn' })
        : op(
            actor,
            communityId,
            'reviewRequest',
            uuidv7(),
            'upsert',
            requestFields(lessonId!, actor) as unknown as Record<string, unknown>,
          );
      return fromPush(await push(hub, actor, [change]), 'request review');
    },
  },
  'review.submit': {
    setup: async (env) => requestedLesson(env),
    attempt: async ({ communityId, actor }, { lessonId, requestId }) =>
      fromPush(
        await push(hub, actor, [
          op(
            actor,
            communityId,
            'review',
            uuidv7(),
            'upsert',
            reviewFields(requestId!, lessonId!, actor) as unknown as Record<string, unknown>,
          ),
        ]),
        'submit review',
      ),
  },
  'review.amend': {
    setup: async (env) => {
      const { lessonId, requestId } = await requestedLesson(env);
      const author = env.own ? env.actor : env.other;
      const reviewId = await asMentor(env, author, env.own ? env.actorRole : 'member', () =>
        create(hub, author, env.communityId, 'review', reviewFields(requestId, lessonId, author)),
      );
      return { reviewId };
    },
    attempt: async ({ communityId, actor }, { reviewId }) =>
      fromPush(
        await push(hub, actor, [op(actor, communityId, 'review', reviewId!, 'upsert', { strengths: 'Amended', version: 2 })]),
        'amend review',
      ),
  },
  'review.respond': {
    setup: async (env): Promise<Record<string, string>> => {
      const teacher = env.own ? env.actor : env.lead;
      const lessonId = await shareLesson(teacher, env.communityId);
      const requestId = await create(hub, teacher, env.communityId, 'reviewRequest', requestFields(lessonId, teacher));
      const reviewId = await asMentor(env, env.other, 'member', () =>
        create(hub, env.other, env.communityId, 'review', reviewFields(requestId, lessonId, env.other)),
      );
      if (env.own) return { reviewId };
      return { planId: await create(hub, teacher, env.communityId, 'actionPlan', planFields(reviewId, teacher)) };
    },
    attempt: async ({ communityId, actor }, { reviewId, planId }) => {
      const change = planId
        ? op(actor, communityId, 'actionPlan', planId, 'upsert', { nextLessonTitle: 'Not my plan' })
        : op(actor, communityId, 'actionPlan', uuidv7(), 'upsert', planFields(reviewId!, actor) as unknown as Record<string, unknown>);
      return fromPush(await push(hub, actor, [change]), 'respond');
    },
  },
  'rubric.edit': {
    attempt: async ({ communityId, actor }) =>
      fromPush(
        await push(hub, actor, [
          op(actor, communityId, 'rubric', uuidv7(), 'upsert', rubricFields() as unknown as Record<string, unknown>),
        ]),
        'edit rubric',
      ),
  },
  'calibration.edit': {
    setup: async ({ communityId, lead }) => ({
      lessonId: await shareLesson(lead, communityId),
      rubricId: await create(hub, lead, communityId, 'rubric', rubricFields()),
    }),
    attempt: async ({ communityId, actor }, { lessonId, rubricId }) =>
      fromPush(
        await push(hub, actor, [
          op(
            actor,
            communityId,
            'calibration',
            uuidv7(),
            'upsert',
            calibrationFields(lessonId!, rubricId!, actor) as unknown as Record<string, unknown>,
          ),
        ]),
        'mark exemplar',
      ),
  },
  'calibration.score': {
    setup: async ({ communityId, lead }) => {
      const lessonId = await shareLesson(lead, communityId);
      const rubricId = await create(hub, lead, communityId, 'rubric', rubricFields());
      return { calibrationId: await create(hub, lead, communityId, 'calibration', calibrationFields(lessonId, rubricId, lead)) };
    },
    attempt: async ({ communityId, actor }, { calibrationId }) =>
      fromPush(
        await push(hub, actor, [
          op(
            actor,
            communityId,
            'calibrationScore',
            uuidv7(),
            'upsert',
            calibrationScoreFields(calibrationId!, actor) as unknown as Record<string, unknown>,
          ),
        ]),
        'score exemplar',
      ),
  },
};

/** A collection made by the community's creator (a lead), holding a clip of one of their lessons. */
async function leadsCollection({ communityId, lead }: Env): Promise<Record<string, string>> {
  const lessonId = await shareLesson(lead, communityId);
  const collectionId = uuidv7();
  const itemId = uuidv7();
  await pushOk(hub, lead, [
    op(lead, communityId, 'collection', collectionId, 'upsert', { ownerId: lead.user.id, title: 'Wait time exemplars', licence: 'cc_by' }),
    op(lead, communityId, 'collectionItem', itemId, 'upsert', {
      collectionId,
      lessonId,
      startMs: 1000,
      endMs: 5000,
      note: 'Watch the pause',
      position: 'a0',
    }),
  ]);
  return { collectionId, itemId };
}

/** Leads curate together (one reorders another's collection); everyone in the community watches. */
const curationProbes: Partial<Record<Operation, Probe>> = {
  'collection.edit': {
    setup: leadsCollection,
    attempt: async ({ communityId, actor }, { itemId }) =>
      fromPush(await push(hub, actor, [op(actor, communityId, 'collectionItem', itemId!, 'upsert', { position: 'a1' })]), 'reorder'),
  },
  'collection.view': {
    setup: leadsCollection,
    attempt: async ({ communityId, actor }, { collectionId, itemId }) => {
      const res = await pull(hub, actor, communityId);
      if (res.status !== 200) return fromHttp(res, 'view collection');
      return [collectionId, itemId].every((id) => res.body.ops.some((o) => o.id === id)) ? 'allowed' : 'denied';
    },
  },
};

async function achievementOfLead({ communityId, lead }: Env): Promise<Record<string, string>> {
  return { achievementId: await defineAchievement(hub, lead, communityId) };
}

async function awarded(env: Env): Promise<Record<string, string>> {
  const { achievementId } = await achievementOfLead(env);
  const holder = env.own ? env.actor : env.other;
  const { id, result } = await pushAward(hub, env.lead, env.communityId, holder.user.id, { achievementId: achievementId! });
  if (result.status !== 'applied') throw new Error(`setup award refused: ${JSON.stringify(result)}`);
  return { awardId: id };
}

const pulls = async (actor: TestUser, communityId: string, entity: string, id: string, what: string): Promise<Outcome> => {
  const res = await pull(hub, actor, communityId);
  if (res.status !== 200) return fromHttp(res, what);
  return res.body.ops.some((o) => o.entity === entity && o.id === id) ? 'allowed' : 'denied';
};

/**
 * Leads define achievements (everyone sees them), award and revoke; a credential, signed by the hub,
 * is seen by leads and by its holder; nobody pushes a credential.
 */
const recognitionProbes: Partial<Record<Operation, Probe>> = {
  'achievement.edit': {
    setup: achievementOfLead,
    attempt: async ({ communityId, actor }, { achievementId }) =>
      fromPush(await push(hub, actor, [op(actor, communityId, 'achievement', achievementId!, 'upsert', { retiredAt: 1 })]), 'retire'),
  },
  'achievement.view': {
    setup: achievementOfLead,
    attempt: async ({ communityId, actor }, { achievementId }) => pulls(actor, communityId, 'achievement', achievementId!, 'view'),
  },
  'credential.award': {
    setup: achievementOfLead,
    attempt: async ({ communityId, actor, other }, { achievementId }) =>
      fromPush(
        {
          status: 200,
          body: { results: [(await pushAward(hub, actor, communityId, other.user.id, { achievementId: achievementId! })).result] },
        } as Reply,
        'award',
      ),
  },
  'credential.revoke': {
    setup: awarded,
    attempt: async ({ communityId, actor }, { awardId }) =>
      fromPush(await push(hub, actor, [op(actor, communityId, 'award', awardId!, 'upsert', { revokedAt: 1 })]), 'revoke'),
  },
  'credential.view': {
    setup: awarded,
    attempt: async ({ communityId, actor }, { awardId }) => pulls(actor, communityId, 'credential', awardId!, 'view credential'),
  },
  'credential.issue': {
    setup: achievementOfLead,
    attempt: async ({ communityId, actor }, { achievementId }) => {
      const fields = { holderId: actor.user.id, achievementId, issuedAt: 1, revokedAt: null, document: { name: 'forged' } };
      return fromPush(await push(hub, actor, [op(actor, communityId, 'credential', uuidv7(), 'upsert', fields)]), 'issue');
    },
  },
};

const probes: Partial<Record<Operation, Probe>> = {
  ...reviewProbes,
  ...curationProbes,
  ...recognitionProbes,
  'community.edit': {
    attempt: async ({ communityId, actor }) =>
      fromHttp(
        await call(hub.url, 'PATCH', hubPath(hubEndpoints.updateCommunity.path, { communityId }), {
          token: actor.token,
          body: { description: 'Edited' },
        }),
        'edit',
      ),
  },
  'community.invite': {
    attempt: async ({ communityId, actor }) =>
      fromHttp(
        await call(hub.url, 'POST', hubPath(hubEndpoints.createInvite.path, { communityId }), {
          token: actor.token,
          body: { role: 'member' },
        }),
        'invite',
      ),
  },
  'member.changeRole': {
    attempt: async ({ communityId, actor, other }) =>
      fromHttp(
        await call(hub.url, 'PATCH', hubPath(hubEndpoints.changeRole.path, { communityId, userId: other.user.id }), {
          token: actor.token,
          body: { role: 'mentor' },
        }),
        'change role',
      ),
  },
  'member.remove': {
    attempt: async ({ communityId, actor, other }) => fromHttp(await removeMember(hub, actor, communityId, other.user.id), 'remove'),
  },
  'community.leave': {
    attempt: async ({ communityId, actor }) => fromHttp(await removeMember(hub, actor, communityId, actor.user.id), 'leave'),
  },
  'lesson.share': {
    setup: async ({ communityId, other, own }): Promise<Record<string, string>> =>
      own ? {} : { lessonId: await shareLesson(other, communityId) },
    attempt: async ({ communityId, actor }, { lessonId }) => {
      const change = lessonId
        ? op(actor, communityId, 'lesson', lessonId, 'upsert', { title: 'Renamed by someone else' })
        : op(actor, communityId, 'lesson', uuidv7(), 'upsert', lessonFields(actor));
      return fromPush(await push(hub, actor, [change]), 'share');
    },
  },
  'lesson.unshare': {
    setup: async ({ communityId, other, actor, own }) => ({ lessonId: await shareLesson(own ? actor : other, communityId) }),
    attempt: async ({ communityId, actor }, { lessonId }) =>
      fromPush(await push(hub, actor, [op(actor, communityId, 'lesson', lessonId!, 'delete')]), 'unshare'),
  },
  'lesson.view': {
    setup: async ({ communityId, other }) => ({ lessonId: await shareLesson(other, communityId) }),
    attempt: async ({ communityId, actor }, { lessonId }) => {
      const res = await pull(hub, actor, communityId);
      if (res.status !== 200) return fromHttp(res, 'view');
      return res.body.ops.some((o) => o.id === lessonId) ? 'allowed' : 'denied';
    },
  },
  'note.add': {
    setup: async ({ communityId, other }) => ({ lessonId: await shareLesson(other, communityId) }),
    attempt: async ({ communityId, actor }, { lessonId }) =>
      fromPush(await push(hub, actor, [op(actor, communityId, 'note', uuidv7(), 'upsert', noteFields(lessonId!))]), 'add note'),
  },
  'talk.share': {
    setup: async ({ communityId, other, actor, own }) => {
      const owner = own ? actor : other;
      const lessonId = await shareLesson(owner, communityId);
      await pushOk(hub, owner, [op(owner, communityId, 'talkAnalysis', lessonId, 'upsert', talkFields(lessonId, owner))]);
      return { lessonId };
    },
    attempt: async ({ communityId, actor }, { lessonId }) =>
      fromPush(
        await push(hub, actor, [op(actor, communityId, 'talkAnalysis', lessonId!, 'upsert', { durationMs: 12_000 })]),
        'change talk analysis',
      ),
  },
  'blur.share': {
    setup: async ({ communityId, other, actor, own }) => {
      const owner = own ? actor : other;
      const lessonId = await shareLesson(owner, communityId);
      await pushOk(hub, owner, [op(owner, communityId, 'blurRegions', lessonId, 'upsert', blurFields(lessonId, owner))]);
      return { lessonId };
    },
    attempt: async ({ communityId, actor }, { lessonId }) =>
      fromPush(
        await push(hub, actor, [op(actor, communityId, 'blurRegions', lessonId!, 'upsert', { regions: [] })]),
        'change blur regions',
      ),
  },
  'note.edit': {
    setup: async ({ communityId, other, actor, own }) => {
      const lessonId = await shareLesson(other, communityId);
      return { noteId: await addNote(own ? actor : other, communityId, lessonId) };
    },
    attempt: async ({ communityId, actor }, { noteId }) =>
      fromPush(await push(hub, actor, [op(actor, communityId, 'note', noteId!, 'upsert', { text: 'Edited' })]), 'edit note'),
  },
  'note.delete': {
    setup: async ({ communityId, other, actor, own }) => {
      const lessonId = await shareLesson(other, communityId);
      return { noteId: await addNote(own ? actor : other, communityId, lessonId) };
    },
    attempt: async ({ communityId, actor }, { noteId }) =>
      fromPush(await push(hub, actor, [op(actor, communityId, 'note', noteId!, 'delete')]), 'delete note'),
  },
  'media.upload': {
    attempt: async ({ communityId, actor }) => {
      const metadata = `sha256 ${b64(sha256(Buffer.from('clip')))},communityId ${b64(communityId)},filename ${b64('clip.mp4')},type ${b64('video/mp4')}`;
      const res = await call(hub.url, 'POST', TUS_PATH, {
        token: actor.token,
        headers: { 'tus-resumable': '1.0.0', 'upload-length': '4', 'upload-metadata': metadata },
      });
      return fromHttp(res, 'upload');
    },
  },
  'media.download': {
    setup: async ({ communityId, other }) => {
      const bytes = Buffer.from(`poster for ${communityId}`);
      const sha = sha256(bytes);
      const outcome = await uploadWithTus(hub, other, bytes, { sha256: sha, communityId, filename: 'poster.jpg', type: 'image/jpeg' });
      if (!outcome.ok) throw new Error(`setup upload failed: ${outcome.status} ${outcome.body}`);
      return { sha };
    },
    attempt: async ({ actor }, { sha }) =>
      fromHttp(await call(hub.url, 'GET', hubPath(hubEndpoints.blob.path, { sha256: sha! }), { token: actor.token }), 'download'),
  },
};

/** Operations the table already lists for the next issues; their routes do not exist yet. */
const notYetRouted: Operation[] = [];

const actors: Actor[] = [...roles, 'non-member', 'removed member'];

function expected(actor: Actor, operation: Operation, own: boolean): Outcome {
  if (actor === 'non-member' || actor === 'removed member') return 'denied';
  return can(actor, operation, { isOwner: own }) ? 'allowed' : 'denied';
}

/** Own and someone else's records differ only where some role's grant is `own`. */
function ownershipVariants(operation: Operation, actor: Actor): boolean[] {
  const dependsOnOwner = roles.some((role) => permissionTable[operation][role] === 'own');
  if (!dependsOnOwner) return [false];
  return actor === 'non-member' ? [false] : [true, false];
}

const cases = operations.flatMap((operation) =>
  probes[operation]
    ? actors.flatMap((actor) =>
        ownershipVariants(operation, actor).map((own) => ({ operation, actor, own, want: expected(actor, operation, own) })),
      )
    : [],
);

beforeAll(async () => {
  hub = await startHub();
  for (const name of ['creator', 'other', ...actors] as const) users[name] = await signUp(hub, name);
});
afterAll(async () => {
  await hub.stop();
});

describe('authorisation matrix', () => {
  it('has a probe for every operation a route enforces', () => {
    expect(operations.filter((o) => !probes[o])).toEqual(notYetRouted);
  });

  it.each(cases)('$actor · $operation · own=$own → $want', async ({ operation, actor, own, want }) => {
    const { creator: lead, other } = users;
    const communityId = (await createCommunity(hub, lead)).id;
    await addMember(hub, lead, communityId, other, 'member');
    const actorUser = users[actor];
    if (actor !== 'non-member') await addMember(hub, lead, communityId, actorUser, actor === 'removed member' ? 'member' : actor);
    const env: Env = { communityId, lead, other, actor: actorUser, actorRole: roleOf(actor), own };
    const probe = probes[operation]!;
    const state = (await probe.setup?.(env)) ?? {};
    if (actor === 'removed member') expect((await removeMember(hub, lead, communityId, actorUser.user.id)).status).toBe(204);
    expect(await probe.attempt(env, state)).toBe(want);
  });
});
