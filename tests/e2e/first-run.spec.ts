import fs from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { makeTestVideo } from '../fixtures/media';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';

let video: string;
let hub: HubProcess;
const shells: RunningShell[] = [];

test.beforeAll(async () => {
  video = await makeTestVideo(await tempDir('e2e-media'), { name: 'Questioning.mp4', seconds: 4, width: 320, height: 240 });
  hub = await startHubProcess(await tempDir('e2e-hub'));
});
test.afterAll(async () => {
  await hub?.stop();
  for (const shell of shells) {
    await shell.stop();
    await fs.rm(shell.dataDir, { recursive: true, force: true });
  }
});

async function freshStudio(): Promise<RunningShell> {
  const shell = await startWebShell(await tempDir('e2e-first-run'));
  shells.push(shell);
  return shell;
}

async function importAndOpen(page: Page, importName: string, title: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: importName }).first().click();
  await (await chooser).setFiles(video);
  await page.getByRole('button', { name: title }).click();
  // The lesson page is there (and takes N) once its heading is: the video is named Questioning.mp4.
  await expect(page.getByRole('heading', { level: 1, name: 'Questioning' })).toBeVisible();
}

test.describe('an Arabic computer', () => {
  test.use({ locale: 'ar-JO' });

  test('starts in Arabic, asks for a name, and files notes under it', async ({ page }) => {
    const shell = await freshStudio();
    await page.goto(shell.url);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const welcome = page.getByRole('region', { name: 'مرحبًا بك في حلقة الممارسة' });
    await expect(welcome).toBeVisible();
    await expect(welcome.getByRole('combobox', { name: 'لغة الواجهة' })).toHaveValue('ar');
    await welcome.getByRole('textbox', { name: 'اسمك' }).fill('ليلى حداد');
    await page.screenshot({ path: 'test-results/first-run/ar-welcome.png' });
    await welcome.getByRole('button', { name: 'ابدأ' }).click();
    await expect(welcome).toBeHidden();
    await page.screenshot({ path: 'test-results/first-run/ar-library.png' });

    await importAndOpen(page, 'استيراد مقاطع فيديو', 'افتح Questioning');
    await page.keyboard.press('n');
    const text = page.getByRole('textbox', { name: 'نص الملاحظة' });
    await text.fill('سؤال مفتوح جيد');
    await text.press('Enter');
    await expect(page.getByRole('listitem').filter({ hasText: 'سؤال مفتوح جيد' }).getByText('ليلى حداد')).toBeVisible();

    // The name stays changeable in Settings.
    await page.getByRole('navigation').getByRole('button', { name: 'الإعدادات' }).click();
    await expect(page.getByRole('textbox', { name: /^اسمك/ })).toHaveValue('ليلى حداد');
  });

  test('explains Reviews › Growth without an account, and asks the hub nothing', async ({ page }) => {
    const shell = await freshStudio();
    await page.goto(shell.url);
    await page.getByRole('button', { name: 'تخطَّ' }).click();
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^المراجعات/ })
      .click();
    await page.getByRole('tab', { name: 'النمو' }).click();
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByRole('heading', { name: 'نموك عبر الزمن' })).toBeVisible();
    await expect(panel.getByText('يُرجى تسجيل الدخول مرة أخرى.')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/first-run/ar-growth.png' });
    await panel.getByRole('button', { name: 'انضم إلى مجتمع أو أنشئ واحدًا' }).click();
    await expect(page.getByRole('heading', { name: 'ما هو مركز المجتمع؟' })).toBeVisible();
    await page.screenshot({ path: 'test-results/first-run/ar-hub.png', fullPage: true });
  });
});

test.describe('an English computer', () => {
  test.use({ locale: 'en-GB' });

  test('the welcome can be skipped; Growth explains itself; an invitation link fills in the hub address', async ({ page }) => {
    const shell = await freshStudio();
    const hubRequests: string[] = [];
    page.on('request', (r) => r.url().startsWith(hub.url) && hubRequests.push(r.url()));
    const rpcFailures: number[] = [];
    page.on('response', (r) => r.url().includes('/rpc/') && r.status() >= 400 && rpcFailures.push(r.status()));
    await page.goto(shell.url);
    const welcome = page.getByRole('region', { name: 'Welcome to Practice Circle' });
    await expect(welcome.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
    await page.screenshot({ path: 'test-results/first-run/en-welcome.png' });
    await welcome.getByRole('button', { name: 'Skip' }).click();
    await expect(welcome).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();

    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Reviews/ })
      .click();
    await page.getByRole('tab', { name: 'Growth' }).click();
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByRole('heading', { name: 'Your growth over time' })).toBeVisible();
    await expect(panel.getByText('needs a community')).toBeVisible();
    await expect(page.getByText('Please sign in again.')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/first-run/en-growth.png' });
    expect(rpcFailures).toEqual([]);

    await panel.getByRole('button', { name: 'Join or create a community' }).click();
    await expect(page.getByRole('heading', { name: 'What is a community hub?' })).toBeVisible();
    const address = page.getByRole('textbox', { name: 'Hub address' });
    await expect(address).toHaveValue('');
    await page.getByRole('textbox', { name: 'Invitation link or code' }).fill(`${hub.url}/join/ABCD-EFGH-JKMN`);
    await expect(address).toHaveValue(hub.url);
    await page.screenshot({ path: 'test-results/first-run/en-hub.png', fullPage: true });

    // A malformed address says so, rather than that the hub cannot be reached.
    await address.fill('hub dot school');
    await page.getByRole('textbox', { name: 'Email' }).fill('teacher@example.org');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(/not a hub address/);
    expect(hubRequests).toEqual([]);
  });
});
