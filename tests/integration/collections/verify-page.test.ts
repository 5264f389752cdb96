import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../core/dispatch';
import { webLabels } from '../../../renderer/src/collections/web-labels';
import { verifyPageScript } from '../../../web/verify-page';
import { makeTestVideo } from '../../fixtures/media';
import { say } from '../../support/catalogs';
import { studioTranslator } from '../../support/studio-translator';
import { startTestCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/web-shell';

/**
 * A web export with "Include a page to verify credentials": the folder holds verify.html in the
 * export's language and direction, its bundled script and its style, and the index links to it;
 * without the option none of it is there. (tests/e2e/verify-page.spec.ts checks credentials on it.)
 */

const root = path.resolve(import.meta.dirname, '../../..');
let core: TestCore;
let out: string;
let lessonId: string;

const call = (name: string, input: unknown) => dispatch(core.api, name, input) as Promise<any>;

async function exportWeb(language: string, verifyPage: boolean): Promise<string> {
  const folder = await fs.mkdtemp(path.join(out, `${language}-`));
  const labels = webLabels(await studioTranslator(language), null, language);
  const { path: target } = await call('packages.export', {
    target: { kind: 'lesson', id: lessonId },
    format: 'web',
    verifyPage,
    labels,
    folder,
  });
  await core.jobs.idle();
  return target as string;
}

beforeAll(async () => {
  core = await startTestCore(undefined, { verifyPageScript: () => verifyPageScript(root) });
  out = await tempDir('verify-page-out');
  const video = await makeTestVideo(out, { name: 'Wait time.mp4', seconds: 2, width: 320, height: 180 });
  const { results } = await core.api['lessons.import']({ sources: [{ kind: 'path', path: video }] });
  lessonId = results[0]!.ok ? results[0]!.lesson.id : '';
  await core.jobs.idle();
}, 120_000);
afterAll(async () => {
  await core?.dispose();
  await fs.rm(out, { recursive: true, force: true });
});

describe('the web export with the verify page', () => {
  it('writes verify.html, its script and style, linked from the index, in English', async () => {
    const folder = await exportWeb('en', true);
    expect(await fs.readdir(folder)).toEqual(expect.arrayContaining(['index.html', 'verify.html', 'verify.js', 'style.css']));
    const index = await fs.readFile(path.join(folder, 'index.html'), 'utf8');
    expect(index).toContain('<p class="verify-link"><a href="verify.html">Verify a credential</a></p>');
    const page = await fs.readFile(path.join(folder, 'verify.html'), 'utf8');
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('<h1>Verify a credential</h1>');
    // Nothing may be fetched: the page's own policy allows its script and style from the folder only.
    expect(page).toContain(`content="default-src 'none'; script-src 'self' file:; style-src 'self' file:"`);
    const labels = JSON.parse(/<script type="application\/json" id="verify-labels">(.*?)<\/script>/s.exec(page)![1]!);
    expect(labels.revocationUnchecked).toBe(say('en', 'webExport.verify.revocationUnchecked'));
    expect(labels.signatureValid).toBe(say('en', 'credentials.verify.signatureValid'));
    const script = await fs.readFile(path.join(folder, 'verify.js'), 'utf8');
    expect(script.length).toBeGreaterThan(100_000);
    expect(script.length).toBeLessThan(1024 * 1024);
    expect(await fs.readFile(path.join(folder, 'style.css'), 'utf8')).toContain('.drop-zone');
  }, 60_000);

  it('is written right to left in Arabic when the lesson is in Arabic', async () => {
    await call('lessons.update', { id: lessonId, patch: { language: 'ar' } });
    const folder = await exportWeb('ar', true);
    const page = await fs.readFile(path.join(folder, 'verify.html'), 'utf8');
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain(`<h1>${say('ar', 'credentials.verify.title')}</h1>`);
    expect(page).toContain(`<a href="index.html">${say('ar', 'webExport.verify.back')}</a>`);
    await call('lessons.update', { id: lessonId, patch: { language: 'en' } });
  }, 60_000);

  it('is left out unless asked for, and refused without its words', async () => {
    const folder = await exportWeb('en', false);
    expect(await fs.readdir(folder)).not.toContain('verify.html');
    expect(await fs.readdir(folder)).not.toContain('verify.js');
    expect(await fs.readFile(path.join(folder, 'index.html'), 'utf8')).not.toContain('verify.html');
    const { verify: _, ...labels } = webLabels(await studioTranslator('en'), null, 'en');
    await expect(
      call('packages.export', { target: { kind: 'lesson', id: lessonId }, format: 'web', verifyPage: true, labels, folder: out }),
    ).rejects.toMatchObject({ code: 'invalid_input', params: { path: 'labels.verify' } });
  }, 60_000);
});
