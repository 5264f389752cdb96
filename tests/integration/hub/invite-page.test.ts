import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommunity, invite, signUp, startHub, type RunningHub } from './helpers';

let hub: RunningHub;
let link: string;
let code: string;

beforeAll(async () => {
  hub = await startHub();
  const lead = await signUp(hub, 'Lead');
  const community = await createCommunity(hub, lead);
  ({ link, code } = await invite(hub, lead, community.id, 'member'));
});
afterAll(async () => hub?.stop());

const open = (url: string, language?: string) => fetch(url, { headers: language ? { 'accept-language': language } : {} });

describe('an invite link opened in a browser', () => {
  it('is a page, not JSON, that says what Practice Circle is and offers the studio and the code', async () => {
    const res = await open(link, 'en-GB,en;q=0.9');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
    expect(html).toContain('Practice Circle is a desktop studio for teachers');
    const studioLink = /href="(practicecircle:\/\/join\?[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(studioLink).toBeDefined();
    const params = new URL(studioLink!).searchParams;
    expect(params.get('hub')).toBe(hub.url);
    expect(params.get('code')).toBe(code);
    expect(html).toContain(`<code dir="ltr">${code}</code>`);
  });

  it('speaks the visitor’s language: Arabic right to left, French', async () => {
    const ar = await (await open(link, 'ar-JO,ar;q=0.9,en;q=0.5')).text();
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain('حلقة الممارسة');
    const fr = await open(link, 'de-DE, fr;q=0.8, en;q=0.5');
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(await fr.text()).toMatch(/<html lang="fr" dir="ltr">[\s\S]*Practice Circle est un studio/);
    expect(await (await open(link, 'ja')).text()).toMatch(/<html lang="en"/);
  });

  it('runs no script and loads nothing: a strict CSP, and a crafted code is never echoed', async () => {
    const res = await open(link);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    const crafted = await open(`${hub.url}/join/${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(crafted.status).toBe(404);
    expect(crafted.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await crafted.text();
    expect(html).not.toMatch(/<script|alert\(1\)/i);
    expect(html).toContain('This invitation link is not complete');
  });
});
