import { expect, type Browser, type Page } from '@playwright/test';
import type { RunningShell } from '../support/web-shell';

/** A person's own browser page on their own studio, in their own time zone if given. */
export async function openStudio(browser: Browser, shell: RunningShell, timezoneId?: string): Promise<Page> {
  const page = await (await browser.newContext(timezoneId ? { timezoneId } : {})).newPage();
  await page.goto(shell.url);
  return page;
}

/** Creates an account on the hub through the Communities screen, as a new person would. */
export async function signUpOnHub(page: Page, hubUrl: string, name: string, country: string, screenshot = false): Promise<void> {
  await page.getByRole('button', { name: 'Communities' }).click();
  await page.getByRole('button', { name: 'I am new' }).click();
  await page.getByLabel('Hub address').fill(hubUrl);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}-${Date.now()}@school.example`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByLabel('Your name as others see it').fill(name);
  await page.getByLabel('Country (two-letter code)').fill(country);
  if (screenshot) await page.screenshot({ path: `test-results/hub-sign-up-${name}-en.png` });
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
}

/** Opens the header's sync panel, asks for a sync now, and closes the panel again. */
export async function syncNow(page: Page): Promise<void> {
  const indicator = page.locator('.sync-button');
  await indicator.click();
  await page.getByRole('region', { name: 'Sync with your communities' }).getByRole('button', { name: 'Sync now' }).click();
  await indicator.click();
}

/** Calls a studio the way its page does (the cookie from opening the address authorises it); for setting up state. */
export async function callStudio<T = any>(page: Page, shell: RunningShell, name: string, input: unknown): Promise<T> {
  const res = await page.request.post(`${shell.origin}/rpc/${name}`, { data: input, headers: { origin: shell.origin } });
  const body = (await res.json()) as { result: T };
  if (!res.ok()) throw new Error(`${name}: ${JSON.stringify(body)}`);
  return body.result;
}
