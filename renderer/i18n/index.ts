import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../common/schemas/settings';
import { catalogs } from './catalogs';

const rtlLanguages = new Set<Language>(['ar', 'ur']);

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return rtlLanguages.has(language) ? 'rtl' : 'ltr';
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, translation]) => [lng, { translation }])),
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(language);
  return i18next;
}

/** Sets the language and flips the whole layout for right-to-left languages. */
export function applyLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}
