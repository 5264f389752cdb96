import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { say } from '../support/catalogs';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { callStudio, openStudio } from './hub-pages';

/**
 * A draft stays a draft, typing survives a sync, and a lead keeps track of invitations, in English and
 * Arabic: a mentor drafts a review note (the teacher sees nothing until the review is submitted, and the
 * note offers no way to share it alone); the teacher types a goal while a sync lands (the text stays);
 * the lead sees every open invitation and withdraws one.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let hub: HubProcess;
let hubData: string;
let media: string;
let video: string;
const shells: RunningShell[] = [];

test.beforeAll(async () => {
  media = await tempDir('e2e-drafts-media');
  video = await makeTestVideo(media, { name: 'Wait time practice.mp4', seconds: 4, width: 320, height: 240 });
  hubData = await tempDir('e2e-drafts-hub');
  hub = await startHubProcess(hubData);
});
test.afterAll(async () => {
  await Promise.all([...shells.map((s) => s.stop()), hub?.stop()]);
  for (const dir of [hubData, media, ...shells.map((s) => s.dataDir)]) if (dir) await fs.rm(dir, { recursive: true, force: true });
});

for (const lang of ['en', 'ar'] as const) {
  test(`a draft stays a draft, a goal survives a sync, and a lead withdraws an invitation (${lang})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const s = (key: string, vars?: Record<string, string>) => say(lang, key, vars);
    const [leadShell, teacherShell, mentorShell] = await Promise.all(
      ['lead', 'teacher', 'mentor'].map(async (who) => startWebShell(await tempDir(`e2e-drafts-${lang}-${who}`))),
    );
    shells.push(leadShell!, teacherShell!, mentorShell!);
    const lead = await openStudio(browser, leadShell!);
    const teacher = await openStudio(browser, teacherShell!);
    const mentor = await openStudio(browser, mentorShell!);
    const rpc =
      (page: Page, shell: RunningShell) =>
      <T = any>(name: string, input: unknown = {}) =>
        callStudio<T>(page, shell, name, input);
    const [asLead, asTeacher, asMentor] = [rpc(lead, leadShell!), rpc(teacher, teacherShell!), rpc(mentor, mentorShell!)];

    // Set-up through the studio's calls: three people on one hub, speaking the language under test.
    const people: Array<[typeof asLead, string, string]> = [
      [asLead, 'Layla', 'TR'],
      [asTeacher, 'Amina', 'JO'],
      [asMentor, 'Budi', 'ID'],
    ];
    for (const [call, name, country] of people) {
      await call('settings.set', { language: lang, displayName: name, welcomeDone: true });
      await call('hub.signUp', {
        hubUrl: hub.url,
        email: `${name.toLowerCase()}-${lang}-${Date.now()}@school.example`,
        password: 'correct horse battery',
        displayName: name,
        country,
      });
    }
    const community = await asLead<{ id: string }>('communities.create', {
      name: 'Maths across borders',
      description: '',
      languages: ['en', 'ar'],
    });
    for (const [call, role] of [
      [asTeacher, 'member'],
      [asMentor, 'mentor'],
    ] as const) {
      const { link } = await asLead<{ link: string }>('invites.create', {
        communityId: community.id,
        role,
        expiresInHours: 24 * 7,
        maxUses: 1,
      });
      await call('invites.join', { codeOrLink: link });
    }
    const { results } = await asTeacher<{ results: Array<{ lesson: { id: string } }> }>('lessons.import', {
      sources: [{ kind: 'path', path: video }],
    });
    const lessonId = results[0]!.lesson.id;
    const consent = { visibility: 'voices_only', onFile: true, durationDays: null };
    // Sharing waits for the smaller copy to be made.
    await expect(async () => {
      await asTeacher('sharing.share', { lessonId, communityId: community.id, consent, licence: 'cc_by', mediaKind: 'proxy' });
    }).toPass({ timeout: 60_000 });
    const request = await asTeacher<{ id: string }>('reviews.request', {
      lessonId,
      focus: 'Wait time',
      rubricId: null,
      dueAt: null,
      dueZone: null,
    });
    await asTeacher('sync.now');
    await asMentor('sync.now');
    // The lesson arrives with a sync, its media with the transfers after it.
    await expect
      .poll(
        async () => {
          await asMentor('sync.now');
          return asMentor<{ playbackAssetId: string | null }>('lessons.get', { id: lessonId }).then(
            (l) => l.playbackAssetId,
            () => null,
          );
        },
        { timeout: 90_000 },
      )
      .not.toBeNull();
    await asMentor('reviews.claim', { id: request.id });
    await asMentor('sync.now');

    // The pages were opened before the language was chosen.
    await Promise.all([lead, teacher, mentor].map((page) => page.reload()));

    // The mentor drafts a praise note: it is marked as part of the draft, with no way to share it alone.
    await mentor.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
    await expect(
      mentor.getByRole('heading', { name: new RegExp(escape(s('review.draft.title', { name: '' })).replace(/\s*$/, '')) }),
    ).toBeVisible();
    await mentor.getByRole('button', { name: s('review.draft.addGlow') }).click();
    await mentor.getByRole('textbox', { name: s('review.draft.glowText') }).fill('You waited three full seconds');
    await mentor.getByRole('button', { name: s('review.draft.saveGlow') }).click();
    const draftNote = mentor.locator('.lesson-side li', { hasText: 'You waited three full seconds' }).first();
    await expect(draftNote).toContainText(s('share.noteInReviewDraft'));
    await expect(draftNote.getByRole('button', { name: s('share.shareNote') })).toHaveCount(0);
    await mentor.screenshot({ path: `test-results/drafts-mentor-draft-${lang}.png`, fullPage: true });

    // The teacher sees nothing of it until the review is submitted.
    await asMentor('sync.now');
    await asTeacher('sync.now');
    await teacher.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
    await expect(teacher.getByRole('heading', { level: 1, name: 'Wait time practice' })).toBeVisible();
    await expect(teacher.getByText('You waited three full seconds')).toHaveCount(0);
    await mentor.getByRole('button', { name: s('review.draft.submit') }).click();
    await expect(mentor.getByText(s('review.draft.submitted'))).toBeVisible();
    await asMentor('sync.now');
    await asTeacher('sync.now');
    await expect(teacher.getByText('You waited three full seconds').first()).toBeVisible();

    // The teacher starts a goal and does not save; the mentor's next note lands meanwhile.
    await teacher.getByRole('button', { name: s('review.plan.addGoal') }).click();
    const goal = teacher.getByRole('textbox', { name: s('review.plan.goalText', { number: '1' }) });
    await goal.fill('Ask two learners before confirming');
    await asMentor('notes.add', { lessonId, startMs: 1000, kind: 'question', text: 'What did the class do while waiting?' });
    await asMentor('sync.now');
    await asTeacher('sync.now');
    await expect(teacher.getByText('What did the class do while waiting?').first()).toBeVisible();
    await expect(goal).toHaveValue('Ask two learners before confirming');
    await teacher.screenshot({ path: `test-results/drafts-teacher-goal-${lang}.png`, fullPage: true });
    await teacher.getByRole('button', { name: s('review.plan.save') }).click();
    await expect(teacher.getByText(s('review.plan.saved'))).toBeVisible();
    await expect(goal).toHaveValue('Ask two learners before confirming');

    // The lead sees every open invitation (a new one does not hide the others) and withdraws one.
    await lead.evaluate((hash) => (window.location.hash = hash), `#/community/${community.id}`);
    await lead.getByRole('button', { name: s('community.createInvite') }).click();
    const open = lead.getByRole('list', { name: s('community.openInvites') });
    await expect(open.getByRole('listitem')).toHaveCount(1);
    await expect(open.getByRole('textbox', { name: s('community.inviteLinkLabel') })).toHaveValue(/\/join\//);
    await lead.getByRole('button', { name: s('community.createInvite') }).click();
    await expect(open.getByRole('listitem')).toHaveCount(2);
    await lead.screenshot({ path: `test-results/drafts-invites-${lang}.png`, fullPage: true });
    await open
      .getByRole('button', { name: new RegExp(`^${escape(s('community.revoke'))}`) })
      .first()
      .click();
    await lead
      .getByRole('alertdialog')
      .getByRole('button', { name: s('community.revoke') })
      .click();
    await expect(open.getByRole('listitem')).toHaveCount(1);
    const listed = await asLead<unknown[]>('invites.list', { communityId: community.id });
    expect(listed).toHaveLength(1);
  });
}
