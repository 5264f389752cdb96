import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { say } from '../support/catalogs';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { openStudio, signUpOnHub } from './hub-pages';

/**
 * Recognition end to end: a lead defines (then edits) an achievement in the Recognition view, in English and in
 * Arabic, with an image; it reaches the teacher's studio through sync; the lead awards it, the hub
 * signs it as it applies the award, and the credential reaches the teacher's My credentials through
 * sync (the hub has no REST route to fetch credentials). The teacher downloads it as JSON and as a
 * baked badge; a third studio, never signed in, verifies both, in English and in Arabic, and once the
 * hub is gone says it could not check revocation; the teacher's studio still lists it offline. (The
 * rule found through a review cycle is covered in tests/integration/credentials.)
 */
let hub: HubProcess;
let hubData: string;
let leadShell: RunningShell;
let teacherShell: RunningShell;
let verifierShell: RunningShell;

test.beforeAll(async () => {
  hubData = await tempDir('e2e-cred-hub');
  hub = await startHubProcess(hubData);
  [leadShell, teacherShell, verifierShell] = await Promise.all([
    startWebShell(await tempDir('e2e-cred-lead')),
    startWebShell(await tempDir('e2e-cred-teacher')),
    startWebShell(await tempDir('e2e-cred-verifier')),
  ]);
});
test.afterAll(async () => {
  await Promise.all([leadShell?.stop(), teacherShell?.stop(), verifierShell?.stop(), hub?.stop()]);
  for (const dir of [hubData, leadShell?.dataDir, teacherShell?.dataDir, verifierShell?.dataDir])
    if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function download(page: Page, button: string): Promise<string> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await (await waiting).path();
  return file;
}

/** The verifier's answer: a status region once a file was read, an alert when it could not be. */
const result = (page: Page) => page.getByRole('status').filter({ has: page.getByRole('definition') });

async function verify(page: Page, lang: string, file: string): Promise<void> {
  await page.getByLabel(say(lang, 'credentials.verify.pick')).setInputFiles(file);
  await expect(result(page)).toContainText(say(lang, 'credentials.verify.signatureValid'));
}

test('a lead defines an achievement and awards it; it reaches the teacher through sync; an offline studio verifies it, in English and Arabic', async ({
  browser,
}) => {
  // Three studios and a hub on a 2-core machine, each step waiting on a sync: longer than the default 90 s.
  test.setTimeout(240_000);
  const lead = await openStudio(browser, leadShell);
  const teacher = await openStudio(browser, teacherShell);
  const verifier = await openStudio(browser, verifierShell);

  await signUpOnHub(lead, hub.url, 'Layla', 'TR');
  await lead.getByLabel('Name', { exact: true }).fill('Maths across borders');
  await lead
    .getByRole('form', { name: say('en', 'hub.createTitle') })
    .getByLabel('Languages')
    .fill('en ar');
  await lead.getByRole('button', { name: 'Create', exact: true }).click();
  await lead.getByRole('button', { name: 'Create invitation' }).click();
  const link = await lead.getByLabel('Invitation link').inputValue();
  await signUpOnHub(teacher, hub.url, 'Amina', 'JO');
  await teacher.getByLabel('Invitation code or link').fill(link);
  await teacher.getByRole('button', { name: 'Join' }).click();
  await expect(teacher.getByRole('heading', { name: 'Maths across borders' })).toBeVisible();

  // The lead defines the achievement in both of the community's languages, with a small image.
  await lead.reload();
  const en = (key: string, vars?: Record<string, string>) => say('en', key, vars);
  const field = (key: string, language: string) => lead.getByRole('textbox', { name: `${en(key)} (${language})`, exact: true });
  await field('credentials.recognition.name', 'English').fill('Reflective practitioner');
  await field('credentials.recognition.description', 'English').fill('Completed practice cycles with a mentor.');
  await field('credentials.recognition.criteria', 'English').fill('Three cycles, a goal met in each.');
  await field('credentials.recognition.name', 'Arabic').fill('ممارس متأمل');
  await field('credentials.recognition.description', 'Arabic').fill('أكمل دورات ممارسة مع موجّه.');
  await field('credentials.recognition.criteria', 'Arabic').fill('ثلاث دورات، وهدف متحقق في كل منها.');
  const badge = new PNG({ width: 32, height: 32 });
  badge.data.fill(180);
  await lead
    .getByLabel(en('credentials.recognition.image'))
    .setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: PNG.sync.write(badge) });
  await lead.getByLabel(en('credentials.recognition.rule')).selectOption(en('credentials.recognition.rules.practice_cycles'));
  const form = lead.getByRole('form', { name: en('credentials.recognition.defineTitle') });
  await form.screenshot({ path: 'test-results/credentials-define-achievement-en.png' });
  await lead.getByRole('button', { name: en('credentials.recognition.save') }).click();
  await expect(
    lead.getByRole('button', { name: en('credentials.recognition.editNamed', { name: 'Reflective practitioner' }) }),
  ).toBeVisible();

  // It reaches the teacher's studio through sync: the community screen lists what members can earn.
  const achievements = teacher.getByRole('region', { name: en('credentials.recognition.achievementsTitle') });
  await expect(achievements.getByRole('heading', { name: 'Reflective practitioner' })).toBeVisible();
  await expect(
    achievements.getByRole('img', { name: en('credentials.recognition.imageAlt', { name: 'Reflective practitioner' }) }),
  ).toBeVisible();

  // The lead edits it; the change reaches the teacher too.
  await lead.getByRole('button', { name: en('credentials.recognition.editNamed', { name: 'Reflective practitioner' }) }).click();
  await expect(lead.getByRole('form', { name: en('credentials.recognition.editTitle') })).toBeVisible();
  await field('credentials.recognition.description', 'English').fill('Completed practice cycles with a mentor, a goal met in each.');
  await lead.getByRole('button', { name: en('credentials.recognition.save') }).click();
  await expect(achievements.getByText('Completed practice cycles with a mentor, a goal met in each.')).toBeVisible();

  // The lead awards it by hand to Amina, with a note; the hub's signature comes back through sync.
  await lead.getByRole('combobox', { name: en('credentials.recognition.achievement') }).selectOption({ label: 'Reflective practitioner' });
  await lead.getByLabel(en('credentials.recognition.byHand')).selectOption({ label: 'Amina' });
  await lead.getByLabel(en('credentials.recognition.note')).fill('Steady, thoughtful practice');
  await lead.getByRole('button', { name: en('credentials.recognition.award'), exact: true }).click();
  await expect(lead.getByRole('button', { name: en('credentials.recognition.revoke') })).toBeVisible();
  await lead.screenshot({ path: 'test-results/credentials-recognition-en.png', fullPage: true });

  await teacher.getByRole('button', { name: en('nav.credentials') }).click();
  await expect(teacher.getByRole('heading', { name: 'Reflective practitioner' })).toBeVisible();
  const json = await download(teacher, en('credentials.mine.json', { name: 'Reflective practitioner' }));
  const png = await download(teacher, en('credentials.mine.png', { name: 'Reflective practitioner' }));
  await teacher.screenshot({ path: 'test-results/credentials-mine-en.png', fullPage: true });
  await teacher.getByRole('button', { name: en('credentials.mine.certificate', { name: 'Reflective practitioner' }) }).click();
  await expect(teacher.getByRole('img', { name: en('credentials.certificate.qrAlt') })).toBeVisible();
  await teacher.screenshot({ path: 'test-results/credentials-certificate-en.png', fullPage: true });

  // The third studio never signed in: it verifies from the file alone, the hub answering revocation.
  await verifier.getByRole('button', { name: en('nav.credentials') }).click();
  await verify(verifier, 'en', json);
  await expect(result(verifier)).toContainText(en('credentials.verify.revocation.active'));
  await expect(result(verifier)).toContainText('Amina');
  await verifier
    .getByLabel(en('credentials.verify.pick'))
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"nope":1}') });
  await expect(verifier.locator('.verify-result[role=alert]')).toContainText(en('errors.credential_invalid'));
  await verifier.screenshot({ path: 'test-results/credentials-verify-en.png', fullPage: true });

  // In Arabic, with the hub gone: the badge still verifies; revocation could not be checked.
  await hub.stop();
  await verifier.getByRole('button', { name: en('nav.settings') }).click();
  await verifier.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(verifier.locator('html')).toHaveAttribute('dir', 'rtl');
  await verifier.getByRole('button', { name: say('ar', 'nav.credentials') }).click();
  await verify(verifier, 'ar', png);
  await expect(result(verifier)).toContainText(say('ar', 'credentials.verify.revocation.unchecked'));
  await verifier.screenshot({ path: 'test-results/credentials-verify-ar.png', fullPage: true });

  // The lead's Recognition view in Arabic: the achievement in Arabic, and the form to define another.
  await lead.getByRole('button', { name: en('nav.settings') }).click();
  await lead.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(lead.locator('html')).toHaveAttribute('dir', 'rtl');
  await lead.getByRole('button', { name: say('ar', 'nav.communities') }).click();
  await lead.getByRole('button', { name: say('ar', 'hub.openCommunity', { name: 'Maths across borders' }) }).click();
  await expect(lead.getByRole('heading', { name: 'ممارس متأمل' })).toBeVisible();
  const ar = (key: string) => say('ar', key);
  await lead.getByRole('textbox', { name: `${ar('credentials.recognition.name')} (العربية)`, exact: true }).fill('موجّه متمكّن');
  await lead
    .getByRole('form', { name: ar('credentials.recognition.defineTitle') })
    .screenshot({ path: 'test-results/credentials-define-achievement-ar.png' });
  await lead.screenshot({ path: 'test-results/credentials-recognition-ar.png', fullPage: true });

  await teacher.getByRole('button', { name: en('common.close') }).click();
  await teacher.getByRole('button', { name: en('nav.settings') }).click();
  await teacher.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await teacher.getByRole('button', { name: say('ar', 'nav.credentials') }).click();
  await expect(teacher.getByRole('heading', { name: 'Reflective practitioner' })).toBeVisible();
  await teacher.screenshot({ path: 'test-results/credentials-mine-ar.png', fullPage: true });
});
