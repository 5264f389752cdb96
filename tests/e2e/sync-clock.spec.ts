import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startHub, type RunningHub } from '../integration/hub/helpers';
import { startWebShell, tempDir, type RunningShell } from '../support/web-shell';
import { openStudio, signUpOnHub } from './hub-pages';

const DAY = 24 * 60 * 60 * 1000;
let hub: RunningHub;
let shell: RunningShell;

test.beforeAll(async () => {
  // The hub's clock a day behind makes this computer's clock a day ahead, as far as sync can tell.
  hub = await startHub({ now: () => Date.now() - DAY });
  shell = await startWebShell(await tempDir('e2e-clock'));
});
test.afterAll(async () => {
  await Promise.all([shell?.stop(), hub?.stop()]);
  if (shell) await fs.rm(shell.dataDir, { recursive: true, force: true });
});

test('a computer whose clock is a day ahead is told so in the sync panel, in English and Arabic', async ({ browser }) => {
  const page = await openStudio(browser, shell);
  await signUpOnHub(page, hub.url, 'Clocky', 'ID');
  const button = page.locator('.sync-button');
  await expect(button).toContainText('Sync problem');
  await button.click();
  const panel = page.getByRole('region', { name: 'Sync with your communities' });
  await expect(panel).toContainText("Your computer's clock is 24 hours ahead of the hub's. Changes wait here until it is corrected.");
  await page.screenshot({ path: 'test-results/sync-clock-en.png' });
  await button.click();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await button.click();
  await expect(page.getByRole('region', { name: 'مزامنة مع مجتمعاتك' })).toContainText('ساعة حاسوبك متقدّمة');
  await page.screenshot({ path: 'test-results/sync-clock-ar.png' });
});
