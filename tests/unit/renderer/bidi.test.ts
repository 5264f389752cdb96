import i18next from 'i18next';
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../renderer/i18n/catalogs';
import { withBdi } from '../../../renderer/src/lib/bidi';

async function translator(language: 'en' | 'ar' | 'ur') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    resources: { [language]: { translation: catalogs[language] } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const render = (node: ReturnType<typeof withBdi>) => renderToStaticMarkup(createElement(Fragment, null, node));

describe('a person’s words inside our sentences in the app', () => {
  it('puts an Arabic title with digits and fractions in <bdi> in the collection player’s "1 of 2" line', async () => {
    const t = await translator('en');
    const html = render(withBdi(t, 'collections.nowPlaying', { title: 'مقارنة الكسور: ⅓ و ½' }, { position: 1, count: 2 }));
    expect(html).toBe('1 of 2: <bdi>مقارنة الكسور: ⅓ و ½</bdi>');
  });

  it('puts a Latin title inside an Arabic sentence, and an Urdu one inside Urdu, in <bdi>', async () => {
    const ar = render(withBdi(await translator('ar'), 'collections.nowPlaying', { title: 'Fractions 101' }, { position: 1, count: 2 }));
    expect(ar).toBe('1 من 2: <bdi>Fractions 101</bdi>');
    const ur = render(withBdi(await translator('ur'), 'share.sharedBy', { name: 'Bilal', community: 'کسروں کا موازنہ ۲۰۲۶' }));
    expect(ur).toContain('<bdi>Bilal</bdi>');
    expect(ur).toContain('<bdi>کسروں کا موازنہ ۲۰۲۶</bdi>');
  });

  it('escapes the words as text, never as markup', async () => {
    const html = render(withBdi(await translator('en'), 'share.sharedIn', { community: '<b>x</b>' }));
    expect(html).toBe('Shared in <bdi>&lt;b&gt;x&lt;/b&gt;</bdi>');
  });
});
