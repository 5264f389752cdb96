import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMediaDir, makeTestVideo } from '../../fixtures/media';
import { createHub } from '../../../hub/server';
import { startHub, type RunningHub } from '../hub/helpers';
import { communityOf, consent, importLesson, signUp, startDevice, syncAll, type Device } from '../sync/devices';

/**
 * The review loop across three studios and one hub, through the contract as the UI calls it: a lead
 * adopts a rubric, a teacher asks, a mentor reviews with the hub down, the teacher answers and sets a
 * goal, growth shows it; and what the hub refuses comes back to the mentor as a kept draft.
 */

let hub: RunningHub;
let lead: Device;
let teacher: Device;
let mentor: Device;
let video: string;
let communityId: string;
let rubricId: string;
let lessonId: string;

const HOUR = 3_600_000;
const builtInJson = fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/rubrics/micro-teaching.json'), 'utf8');

async function stopHub(): Promise<number> {
  const { port } = hub.hub;
  await hub.hub.close();
  return port;
}
async function startHubAgain(port: number): Promise<void> {
  hub.hub = await createHub({ dataDir: hub.dataDir, port, now: hub.clock.now });
}

beforeAll(async () => {
  hub = await startHub();
  video = await makeTestVideo(await makeMediaDir(), { name: 'Wait time.mp4', seconds: 4, width: 320, height: 240 });
  [lead, teacher, mentor] = await Promise.all([startDevice(), startDevice(), startDevice()]);
  await signUp(lead, hub.url, 'Layla', { timezone: 'Europe/Istanbul' });
  await signUp(teacher, hub.url, 'Amina', { timezone: 'Asia/Amman' });
  await signUp(mentor, hub.url, 'Budi', { timezone: 'Asia/Jakarta' });
  communityId = (
    await communityOf(lead, [
      [teacher, 'member'],
      [mentor, 'mentor'],
    ])
  ).id;
});
afterAll(async () => {
  await Promise.all([lead?.dispose(), teacher?.dispose(), mentor?.dispose()]);
  await hub?.stop();
});

describe('rubrics', () => {
  it('are adopted, imported and exported by leads only; a broken file names its first error', async () => {
    const adopted = await lead.call('rubrics.adopt', { id: (await lead.call('rubrics.list', {}))[0]!.id, communityId });
    expect(adopted).toMatchObject({ builtIn: false, communityId, code: 'micro-teaching', editable: true, revision: 1 });
    rubricId = adopted.id;
    // Adopting it again would give the community two identical rubrics: it names the copy it has instead.
    await expect(lead.call('rubrics.adopt', { id: (await lead.call('rubrics.list', {}))[0]!.id, communityId })).rejects.toMatchObject({
      code: 'rubric_already_adopted',
      params: { id: rubricId },
    });
    expect((await lead.call('rubrics.list', { communityId })).filter((r) => r.code === 'micro-teaching')).toHaveLength(2);

    const broken = JSON.parse(builtInJson);
    broken.criteria[1].descriptors['7'] = { en: 'Beyond the scale' };
    await expect(lead.call('rubrics.import', { communityId, json: JSON.stringify(broken) })).rejects.toMatchObject({
      code: 'rubric_invalid',
      params: { at: 'criteria[1].descriptors.7', issue: 'no such level' },
    });
    await expect(teacher.call('rubrics.import', { communityId, json: builtInJson })).rejects.toMatchObject({ code: 'forbidden' });

    const exported = await lead.call('rubrics.export', { id: rubricId });
    expect(exported.fileName).toBe('micro-teaching.rubric.json');
    expect(JSON.parse(exported.text)).toEqual(JSON.parse(builtInJson));
    await syncAll(lead, teacher, mentor);
    expect((await teacher.call('rubrics.list', { communityId })).map((r) => r.id)).toContain(rubricId);
  });
});

describe('the review loop', () => {
  it('runs from request to growth, with the mentor offline while reviewing', async () => {
    const lesson = await importLesson(teacher, video);
    lessonId = lesson.id;
    await expect(
      teacher.call('reviews.request', { lessonId, focus: 'How do I use wait time?', rubricId, dueAt: null, dueZone: null }),
    ).rejects.toMatchObject({
      code: 'lesson_not_shared',
    });
    await teacher.call('sharing.share', { lessonId, communityId, consent, licence: 'cc_by', mediaKind: 'proxy' });
    const dueAt = Date.now() + 30 * HOUR;
    const request = await teacher.call('reviews.request', {
      lessonId,
      focus: 'How do I use wait time?',
      rubricId,
      dueAt,
      dueZone: 'Asia/Amman',
    });
    expect(request).toMatchObject({
      mine: true,
      status: 'open',
      canWithdraw: true,
      dueZone: 'Asia/Amman',
      rubricTitle: { en: 'Micro-teaching (open rubric)' },
    });
    await teacher.until(async () => (await teacher.call('sync.status')).pendingChanges === 0);

    // The mentor sees it as open, with a notice; the teacher (a member) could not take it.
    await syncAll(mentor);
    const inbox = await mentor.call('reviews.inbox');
    expect(inbox.open.map((r) => r.id)).toEqual([request.id]);
    expect(inbox.open[0]).toMatchObject({ canClaim: true, requester: { name: 'Amina' }, lessonTitle: 'Wait time' });
    expect((await mentor.call('notifications.list')).items.map((n) => n.kind)).toContain('request_new');
    await mentor.until(async () => (await mentor.call('lessons.get', { id: lessonId })).playbackAssetId);
    const draft = await mentor.call('reviews.claim', { id: request.id });
    await mentor.until(async () => (await mentor.call('sync.status')).pendingChanges === 0);
    expect((await mentor.call('reviews.inbox')).forMe.map((r) => r.id)).toEqual([request.id]);
    // Taken, and due within two days: the mentor is told it is due soon.
    await mentor.until(async () =>
      (await mentor.call('notifications.list')).items.some((n) => n.kind === 'due_soon' && n.requestId === request.id),
    );

    // Offline: two notes, every criterion scored with evidence, strengths and next steps; then submit.
    const port = await stopHub();
    const glow = await mentor.call('reviews.addNote', {
      id: draft.id,
      kind: 'praise',
      startMs: 800,
      text: 'You waited a full three seconds here',
    });
    const grow = await mentor.call('reviews.addNote', {
      id: draft.id,
      kind: 'suggestion',
      startMs: 2000,
      endMs: 3200,
      text: 'Ask a second student before confirming',
    });
    const [glowId, growId] = grow.noteIds as [string, string];
    expect(glow.noteIds).toEqual([glowId]);
    // A draft's note cannot be shared on its own: it travels with the review.
    expect((await mentor.call('notes.list', { lessonId })).find((n) => n.id === glowId)).toMatchObject({
      private: true,
      inReviewDraft: true,
    });
    await expect(mentor.call('notes.update', { id: glowId, private: false })).rejects.toMatchObject({ code: 'note_in_review_draft' });
    const rubric = await mentor.call('rubrics.get', { id: rubricId });
    const levels = [3, 2, 3, 2, 1, 4];
    const scores = rubric.scale.criteria.map((c, i) => ({
      criterion: c.code,
      level: levels[i]!,
      evidence:
        i === 1
          ? [
              { kind: 'note' as const, noteId: glowId },
              { kind: 'moment' as const, atMs: 1500 },
            ]
          : [],
    }));
    await expect(
      mentor.call('reviews.saveDraft', { id: draft.id, scores: [{ criterion: 'questioning', level: 5, evidence: [] }] }),
    ).rejects.toMatchObject({
      code: 'level_out_of_range',
      params: { min: 1, max: 4 },
    });
    await mentor.call('reviews.saveDraft', {
      id: draft.id,
      scores,
      strengths: 'Calm, clear opening.',
      nextSteps: 'Spread questions around the room.',
    });
    // Private while a draft: the teacher never sees half a review.
    expect(
      (await mentor.call('notes.list', { lessonId }))
        .filter((n) => n.private)
        .map((n) => n.id)
        .sort(),
    ).toEqual([glowId, growId].sort());
    const submitted = await mentor.call('reviews.submit', { id: draft.id });
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, noteIds: [glowId, growId] });
    expect((await mentor.call('notes.list', { lessonId })).find((n) => n.id === glowId)).toMatchObject({
      private: false,
      inReviewDraft: false,
    });
    expect((await mentor.call('reviews.forLesson', { lessonId })).draft).toMatchObject({ state: 'sent' });

    // The hub comes back; the review lands and the draft goes.
    await startHubAgain(port);
    await syncAll(mentor, teacher);
    expect((await mentor.call('reviews.forLesson', { lessonId })).draft).toBeNull();
    expect((await mentor.call('reviews.inbox')).forMe).toEqual([]);

    // The teacher sees it, replies to the glow, acts on the grow and sets a goal.
    const [mine] = await teacher.call('reviews.mine');
    const review = mine!.reviews[0]!;
    expect(review).toMatchObject({ status: 'submitted', reviewer: { name: 'Budi' }, strengths: 'Calm, clear opening.', scores });
    expect(mine!.canWithdraw).toBe(false);
    expect((await teacher.call('notifications.list')).items.map((n) => n.kind)).toContain('review_submitted');
    const notes = await teacher.call('notes.list', { lessonId });
    expect(
      notes
        .filter((n) => n.authorName === 'Budi')
        .map((n) => n.kind)
        .sort(),
    ).toEqual(['praise', 'suggestion']);
    await teacher.call('notes.add', { lessonId, parentId: glowId, startMs: 800, text: 'Thank you, I counted in my head' });
    const acted = await teacher.call('reviews.actOn', { reviewId: review.id, noteId: growId, actedOn: true });
    expect(acted.actedOn).toEqual([growId]);
    const next = await importLesson(teacher, video);
    const plan = await teacher.call('reviews.savePlan', {
      reviewId: review.id,
      goals: [{ text: 'Ask two students before confirming an answer', criterion: 'participation', met: false }],
      nextLessonId: next.id,
    });
    expect(plan).toMatchObject({ nextLessonId: next.id, nextLessonTitle: 'Wait time', goals: [{ met: false, metAt: null }] });
    await expect(
      teacher.call('reviews.savePlan', {
        reviewId: review.id,
        goals: [1, 2, 3, 4].map((n) => ({ text: `Goal ${n}`, criterion: null, met: false })),
        nextLessonId: null,
      }),
    ).rejects.toMatchObject({
      issues: [{ path: ['goals'], code: 'too_big' }],
    });
    await expect(mentor.call('reviews.actOn', { reviewId: review.id, noteId: growId, actedOn: true })).rejects.toMatchObject({
      code: 'forbidden',
    });

    // Growth: the levels, per criterion, and the goal (met later).
    const growth = await teacher.call('reviews.growth', {});
    expect(growth.rubrics[0]!.criteria.map((c) => [c.code, c.points.map((p) => p.level)])).toEqual(
      rubric.scale.criteria.map((c, i) => [c.code, [levels[i]]]),
    );
    const goal = plan.goals[0]!;
    await teacher.call('reviews.savePlan', { reviewId: review.id, goals: [{ ...goal, met: true }], nextLessonId: next.id });
    expect((await teacher.call('reviews.growth', {})).goals).toMatchObject([{ text: goal.text, met: true, lessonTitle: 'Wait time' }]);

    // The mentor hears of the reply, and the lead sees the community's answer rate.
    await syncAll(teacher, mentor, lead);
    expect((await mentor.call('notifications.list')).items.map((n) => n.kind)).toContain('reply');
    expect((await lead.call('reviews.growth', { teacherId: growth.teacher.id })).rubrics[0]!.criteria).toHaveLength(6);
    expect((await lead.call('reviews.stats')).find((s) => s.communityId === communityId)).toMatchObject({
      requests: 1,
      answered: 1,
      waiting: 0,
    });
  });

  it('amends a review and keeps the earlier version', async () => {
    const [request] = await teacher.call('reviews.mine');
    const reviewId = request!.reviews[0]!.id;
    const draft = await mentor.call('reviews.amend', { id: reviewId });
    expect(draft).toMatchObject({ baseVersion: 1, strengths: 'Calm, clear opening.' });
    await mentor.call('reviews.saveDraft', { id: draft.id, strengths: 'Calm, clear opening, and a warm close.' });
    await mentor.call('reviews.submit', { id: draft.id });
    await syncAll(mentor, teacher);
    const [after] = await teacher.call('reviews.mine');
    expect(after!.reviews[0]).toMatchObject({
      version: 2,
      strengths: 'Calm, clear opening, and a warm close.',
      history: [{ version: 1, strengths: 'Calm, clear opening.' }],
    });
    // Mentors cannot change what they submitted to a request they were not part of; members cannot review.
    await expect(teacher.call('reviews.claim', { id: after!.id })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps the draft, with the reason, when the hub refuses a review of a withdrawn request', async () => {
    const mentorId = (await mentor.call('hub.status')).account!.userId;
    const request = await teacher.call('reviews.request', {
      lessonId,
      focus: 'Second look, please',
      rubricId: null,
      dueAt: null,
      dueZone: null,
      mentorIds: [mentorId],
    });
    await syncAll(teacher, mentor);
    const draft = await mentor.call('reviews.claim', { id: request.id });
    await syncAll(mentor);

    // With the hub down, the mentor writes and submits, then closes the studio; the teacher withdraws.
    const port = await stopHub();
    await mentor.call('reviews.saveDraft', { id: draft.id, strengths: 'Clear instructions' });
    await mentor.call('reviews.submit', { id: draft.id });
    await mentor.dispose({ keepData: true });
    await teacher.call('reviews.withdraw', { id: request.id });
    await startHubAgain(port);
    await syncAll(teacher);

    // The mentor's studio comes back: the hub refuses the review, and the draft is kept with the reason.
    mentor = await startDevice(mentor.dataDir);
    await syncAll(mentor);
    const kept = (await mentor.call('reviews.forLesson', { lessonId })).requests.find((r) => r.id === request.id)!;
    expect(kept).toMatchObject({
      status: 'withdrawn',
      myDraft: { state: 'rejected', strengths: 'Clear instructions', rejection: { code: 'review_withdrawn' } },
    });
    expect((await mentor.call('sync.status')).rejectedChanges).toBe(1);
    // The review never reached the teacher.
    await syncAll(teacher);
    expect((await teacher.call('reviews.mine')).find((r) => r.id === request.id)!.reviews.every((r) => r.status === 'claimed')).toBe(true);
  });
});

describe('calibration', () => {
  it('lets mentors score blind, then shows agreement with the reference', async () => {
    const exemplar = await importLesson(lead, video);
    await lead.call('sharing.share', { lessonId: exemplar.id, communityId, consent, licence: 'cc_by', mediaKind: 'proxy' });
    const reference = [
      { criterion: 'purpose', level: 3 },
      { criterion: 'questioning', level: 2 },
      { criterion: 'explanation', level: 4 },
      { criterion: 'participation', level: 2 },
    ];
    const marked = await lead.call('calibration.mark', { lessonId: exemplar.id, rubricId, reference });
    await lead.until(async () => (await lead.call('sync.status')).pendingChanges === 0);
    await syncAll(mentor, teacher);
    await expect(teacher.call('calibration.mark', { lessonId: exemplar.id, rubricId, reference })).rejects.toMatchObject({
      code: 'forbidden',
    });

    const [blind] = await mentor.call('calibration.list', {});
    expect(blind).toMatchObject({ id: marked.id, reference: null, myScores: null });
    await expect(teacher.call('calibration.score', { id: marked.id, scores: reference })).rejects.toMatchObject({ code: 'forbidden' });
    // Exact on purpose and participation, one off on questioning, two off on explanation.
    const scored = await mentor.call('calibration.score', {
      id: marked.id,
      scores: [
        { criterion: 'purpose', level: 3 },
        { criterion: 'questioning', level: 3 },
        { criterion: 'explanation', level: 2 },
        { criterion: 'participation', level: 2 },
      ],
    });
    expect(scored.reference).toEqual(reference);
    expect(scored.myAgreement).toEqual({ compared: 4, exact: 2, adjacent: 3, exactRate: 0.5, adjacentRate: 0.75 });
    await expect(mentor.call('calibration.score', { id: marked.id, scores: reference })).rejects.toMatchObject({
      code: 'calibration_already_scored',
    });

    await syncAll(mentor, lead);
    const [results] = await lead.call('calibration.list', {});
    // Against the reference: po = 2/4; mentor levels {3:2, 2:1, ...}: pe = Σ p_mentor·p_ref.
    // mentor: 3→2/4, 2→2/4; reference: 3→1/4, 2→2/4, 4→1/4; pe = 0.5·0.25 + 0.5·0.5 = 0.375; kappa = (0.5 − 0.375)/0.625 = 0.2
    expect(results!.results!.mentors[0]).toMatchObject({ mentor: { name: 'Budi' }, agreement: { exact: 2, adjacent: 3 } });
    expect(results!.results!.mentors[0]!.kappa).toBeCloseTo(0.2, 10);
  });
});
