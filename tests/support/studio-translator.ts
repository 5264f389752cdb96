import i18next, { type TFunction } from 'i18next';
import { catalogs } from '../../renderer/i18n/catalogs';

/**
 * The studio's own i18next over every catalog, for code that takes a full `t` (plurals, formatting).
 * For vitest only: the catalogs module imports JSON, which Playwright's loader refuses (e2e specs use
 * catalogs.ts).
 */
export async function studioTranslator(language: string): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, translation]) => [lng, { translation }])),
    lng: language,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}
