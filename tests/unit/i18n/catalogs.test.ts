import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../common/errors';
import { jobKinds, jobStatuses } from '../../../common/schemas/job';
import { noteKinds } from '../../../common/schemas/note';
import { languages } from '../../../common/schemas/settings';
import { catalogs } from '../../../renderer/i18n/catalogs';
import { directionOf } from '../../../renderer/i18n/index';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Flattened keys, with plural forms folded into their base key (languages have different plural forms). */
function keys(tree: object, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = `${prefix}${k.replace(PLURAL, '')}`;
    if (v && typeof v === 'object') for (const sub of keys(v as object, `${key}.`)) out.add(sub);
    else out.add(key);
  }
  return out;
}

/** Plural keys (by their flattened base) with the forms a catalog gives each. */
function pluralForms(tree: object, prefix = '', out = new Map<string, string[]>()): Map<string, string[]> {
  for (const [k, v] of Object.entries(tree)) {
    if (v && typeof v === 'object') {
      pluralForms(v as object, `${prefix}${k}.`, out);
      continue;
    }
    const form = PLURAL.exec(k)?.[1];
    if (!form) continue;
    const base = `${prefix}${k.replace(PLURAL, '')}`;
    out.set(base, [...(out.get(base) ?? []), form]);
  }
  return out;
}

/** Flattened leaf values, for checking placeholders. */
function leaves(tree: object, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (v && typeof v === 'object') leaves(v as object, `${prefix}${k}.`, out);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}|<\/?\d+>/g)].map((m) => m[1] ?? m[0]).sort();

describe('translation catalogs', () => {
  const english = keys(catalogs.en);

  it('has a catalog for every language the settings offer', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...languages].sort());
  });

  for (const language of languages) {
    it(`${language} has exactly the keys of English`, () => {
      const own = keys(catalogs[language]);
      expect([...english].filter((k) => !own.has(k))).toEqual([]);
      expect([...own].filter((k) => !english.has(k))).toEqual([]);
    });

    // i18next picks the form with Intl.PluralRules, so each plural key needs every category the language
    // has (no more); `_zero` is i18next's own form for a count of 0 and is allowed in any language.
    it(`${language} gives each plural key exactly the forms its plural rules ask for`, () => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
      const wrong: string[] = [];
      for (const [key, forms] of pluralForms(catalogs[language])) {
        const missing = categories.filter((c) => !forms.includes(c));
        const extra = forms.filter((f) => f !== 'zero' && !categories.includes(f));
        if (missing.length > 0 || extra.length > 0) wrong.push(`${key}: missing [${missing.join(', ')}], extra [${extra.join(', ')}]`);
      }
      expect(wrong).toEqual([]);
    });

    it(`${language} keeps every placeholder of the English text`, () => {
      const source = leaves(catalogs.en);
      const base = (key: string) => key.replace(PLURAL, '');
      const englishByBase = new Map<string, string[]>();
      for (const [key, text] of source)
        englishByBase.set(base(key), [...new Set([...(englishByBase.get(base(key)) ?? []), ...placeholders(text)])].sort());
      const wrong: string[] = [];
      for (const [key, text] of leaves(catalogs[language])) {
        const expected = englishByBase.get(base(key)) ?? [];
        // A plural form may leave out {{count}} (French "une leçon", Arabic dual); anything else must match.
        const own = placeholders(text);
        const unknown = own.filter((p) => !expected.includes(p));
        const lost = expected.filter((p) => !own.includes(p) && p !== 'count' && p !== 'formatted');
        if (unknown.length > 0 || lost.length > 0) wrong.push(`${key}: unknown [${unknown.join(', ')}], lost [${lost.join(', ')}]`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('names every error code, job kind and status, and note kind', () => {
    const required = [
      ...errorCodes.map((c) => `errors.${c}`),
      ...jobKinds.map((k) => `jobs.kinds.${k}`),
      ...jobStatuses.map((s) => `jobs.status.${s}`),
      ...noteKinds.map((k) => `notes.kinds.${k}`),
      ...languages.map((l) => `settings.languages.${l}`),
    ];
    expect(required.filter((k) => !english.has(k))).toEqual([]);
  });
});

describe('reading direction', () => {
  it('reads Arabic and Urdu right to left, the other languages left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('ur')).toBe('rtl');
    for (const language of languages.filter((l) => l !== 'ar' && l !== 'ur')) expect(directionOf(language)).toBe('ltr');
  });
});
