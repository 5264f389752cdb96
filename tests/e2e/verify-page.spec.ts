import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { bakeCredential } from '../../core/credentials/png-baking';
import { credentialQrPng } from '../../core/credentials/qr';
import { signedCredential } from '../fixtures/credentials/signed';
import { makeTestVideo } from '../fixtures/media';
import { say } from '../support/catalogs';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { callStudio } from './hub-pages';
import { axe } from '../support/axe';

/**
 * The offline web export's verify page. A lead exports a lesson as a web folder with the page; a
 * visitor opens it from the disk in a browser that may reach no network, and checks a credential
 * made and signed as the hub makes them: its JSON, the same with one byte changed, a baked badge and
 * a picture of its QR code, chosen or dropped. The page says who issued it, to whom, for what, when,
 * whether the signature holds, and that revocation could not be checked offline; in English, and in
 * Arabic right to left.
 */

let shell: RunningShell;
let work: string;
let lessonId: string;
const files: Record<'json' | 'altered' | 'badge' | 'qr', string> = { json: '', altered: '', badge: '', qr: '' };
const TITLE = 'Wait time';

const rpc = <T = any>(page: Page, name: string, input: unknown) => callStudio<T>(page, shell, name, input);

test.beforeAll(async ({ browser }) => {
  work = await tempDir('e2e-verify-page');
  shell = await startWebShell(await tempDir('e2e-verify-page-data'));
  const credential = await signedCredential();
  const text = JSON.stringify(credential, null, 2);
  const badge = new PNG({ width: 64, height: 64 });
  badge.data.fill(0x3c);
  Object.assign(files, {
    json: path.join(work, 'credential.json'),
    altered: path.join(work, 'altered.json'),
    badge: path.join(work, 'badge.png'),
    qr: path.join(work, 'certificate-qr.png'),
  });
  await fs.writeFile(files.json, text);
  // One byte changed: the holder's name, "Amina" becomes "Bmina".
  await fs.writeFile(files.altered, text.replace('"Amina Haddad"', '"Bmina Haddad"'));
  await fs.writeFile(files.badge, bakeCredential(PNG.sync.write(badge), credential));
  await fs.writeFile(files.qr, await credentialQrPng(credential));

  const page = await browser.newPage();
  await page.goto(shell.url);
  const video = await makeTestVideo(work, { name: `${TITLE}.mp4`, seconds: 2, width: 320, height: 180 });
  const { results } = await rpc(page, 'lessons.import', { sources: [{ kind: 'path', path: video }] });
  lessonId = results[0].lesson.id;
  // The web export carries the sharing copy, which the proxy job makes.
  await expect
    .poll(async () => (await rpc(page, 'lessons.get', { id: lessonId })).assets.some((a: { kind: string }) => a.kind === 'proxy'), {
      timeout: 60_000,
    })
    .toBe(true);
  await page.close();
});
test.afterAll(async () => {
  await shell?.stop();
  for (const dir of [shell?.dataDir, work]) if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Exports the lesson through the dialog as a web folder with the verify page; the folder's path. */
async function exportWithVerifyPage(page: Page, into: string): Promise<string> {
  await fs.mkdir(into);
  await page.goto(shell.url);
  await page.evaluate((hash) => (window.location.hash = hash), `#/lesson/${lessonId}`);
  await page.getByRole('button', { name: say('en', 'packages.exportLesson', { title: TITLE }) }).click();
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await dialog.getByRole('radio', { name: /A folder that plays in any web browser/ }).check();
  await dialog.getByRole('checkbox', { name: /Include a page to verify credentials/ }).check();
  await dialog.getByRole('textbox', { name: 'Save in this folder' }).fill(into);
  await expect(dialog.getByText(/^About .*: \d+ files, 1 lesson\./)).toBeVisible();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Saved to')).toBeVisible({ timeout: 60_000 });
  const [folder] = await fs.readdir(into);
  return path.join(into, folder!);
}

/** A page with no network at all: anything but the export's own files is refused, and every request is kept to be looked at. */
async function offlinePage(browser: Browser): Promise<{ page: Page; requested: string[] }> {
  const context = await browser.newContext();
  await context.route(
    (url) => url.protocol !== 'file:',
    (route) => route.abort('internetdisconnected'),
  );
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  return { page, requested };
}

const result = (page: Page) => page.getByRole('status');

/** The page as it stands, by axe: every rule it breaks, with where. */
async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await axe(page).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function check(page: Page, lang: string, file: string): Promise<void> {
  await page.getByLabel(say(lang, 'credentials.verify.pick')).setInputFiles(file);
}

test('a visitor checks credentials on the exported verify page, offline, in English', async ({ page, browser }) => {
  const folder = await exportWithVerifyPage(page, path.join(work, 'en'));
  expect((await fs.readdir(folder)).sort()).toEqual(expect.arrayContaining(['index.html', 'verify.html', 'verify.js', 'style.css']));

  const { page: offline, requested } = await offlinePage(browser);
  await offline.goto(pathToFileURL(path.join(folder, 'index.html')).href);
  await offline.screenshot({ path: test.info().outputPath('index-en.png') });
  await offline.getByRole('link', { name: say('en', 'credentials.verify.title') }).click();
  await expect(offline.getByRole('heading', { name: say('en', 'credentials.verify.title') })).toBeVisible();
  await expect(offline.locator('html')).toHaveAttribute('dir', 'ltr');

  await check(offline, 'en', files.json);
  await expect(result(offline)).toContainText(say('en', 'credentials.verify.signatureValid'));
  await expect(result(offline)).toContainText(say('en', 'webExport.verify.revocationUnchecked'));
  for (const fact of ['Maths across borders', 'Amina Haddad', 'Reflective practitioner', 'March 14, 2026'])
    await expect(result(offline)).toContainText(fact);
  await offline.screenshot({ path: test.info().outputPath('verify-page-en.png'), fullPage: true });
  expect(await axeViolations(offline)).toEqual([]);

  await check(offline, 'en', files.altered);
  await expect(result(offline)).toContainText(say('en', 'credentials.verify.problem.signature_invalid'));
  await expect(result(offline)).not.toContainText(say('en', 'credentials.verify.signatureValid'));
  await offline.screenshot({ path: test.info().outputPath('verify-page-altered-en.png'), fullPage: true });

  await check(offline, 'en', files.badge);
  await expect(result(offline)).toContainText(say('en', 'credentials.verify.signatureValid'));
  await check(offline, 'en', files.qr);
  await expect(result(offline)).toContainText(say('en', 'credentials.verify.signatureValid'));
  await expect(result(offline)).toContainText('Amina Haddad');

  await check(offline, 'en', path.join(folder, 'style.css'));
  await expect(offline.getByRole('alert')).toHaveText(say('en', 'webExport.verify.notCredential'));
  expect(requested.filter((url) => !url.startsWith('file:'))).toEqual([]);
  await offline.context().close();
});

test('the verify page speaks the export language, right to left in Arabic', async ({ page, browser }) => {
  await page.goto(shell.url);
  await rpc(page, 'lessons.update', { id: lessonId, patch: { language: 'ar' } });
  const folder = await exportWithVerifyPage(page, path.join(work, 'ar'));

  const { page: offline, requested } = await offlinePage(browser);
  await offline.goto(pathToFileURL(path.join(folder, 'verify.html')).href);
  await expect(offline.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(offline.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(offline.getByRole('heading', { name: say('ar', 'credentials.verify.title') })).toBeVisible();
  await expect(offline.getByRole('link', { name: say('ar', 'webExport.verify.back') })).toBeVisible();

  await check(offline, 'ar', files.json);
  await expect(result(offline)).toContainText(say('ar', 'credentials.verify.signatureValid'));
  await expect(result(offline)).toContainText(say('ar', 'webExport.verify.revocationUnchecked'));
  await expect(result(offline)).toContainText('Amina Haddad');
  await offline.screenshot({ path: test.info().outputPath('verify-page-ar.png'), fullPage: true });
  expect(await axeViolations(offline)).toEqual([]);

  await check(offline, 'ar', files.altered);
  await expect(result(offline)).toContainText(say('ar', 'credentials.verify.problem.signature_invalid'));
  await offline.screenshot({ path: test.info().outputPath('verify-page-altered-ar.png'), fullPage: true });

  // Dropped rather than chosen: the baked badge, dropped on the page.
  const bytes = [...(await fs.readFile(files.badge))];
  const dataTransfer = await offline.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'badge.png', { type: 'image/png' }));
    return transfer;
  }, bytes);
  await offline.locator('.drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(result(offline)).toContainText(say('ar', 'credentials.verify.signatureValid'));
  expect(requested.filter((url) => !url.startsWith('file:'))).toEqual([]);
  await offline.context().close();
});
