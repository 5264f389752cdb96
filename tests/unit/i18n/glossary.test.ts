import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../renderer/i18n/catalogs';
import { glossary } from '../../../renderer/i18n/glossary';

function flatten(node: object, prefix = ''): Array<[string, string]> {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value as object, `${prefix}${key}.`),
  );
}

const english = new Map(flatten(catalogs.en));
/** A plural form's English is its `_other` (or `_one`) sibling. */
const englishOf = (key: string) => english.get(key) ?? english.get(key.replace(/_(zero|one|two|few|many|other)$/, '_other')) ?? '';

describe('the glossary', () => {
  for (const [term, { english: names, unless, words }] of Object.entries(glossary)) {
    for (const [language, word] of Object.entries(words)) {
      it(`${language} says “${word!.use.join('/')}” for “${term}”, and nothing else`, () => {
        const catalog = catalogs[language as keyof typeof catalogs];
        const wrong = flatten(catalog).filter(([key, text]) => {
          const source = englishOf(key);
          // A plural's zero form ("no one chosen") need not name the thing.
          if (key.endsWith('_zero') || !names.test(source) || unless?.test(source)) return false;
          return !word!.use.some((form) => text.includes(form)) || (word!.avoid ?? []).some((avoid) => text.includes(avoid));
        });
        expect(wrong).toEqual([]);
      });
    }
  }
});

describe('note kinds', () => {
  // A review's glow is a praise note and its grow a suggestion note: the Notes list and the review name them alike.
  for (const [language, catalog] of Object.entries(catalogs)) {
    it(`${language} names a review's notes as the Notes list does`, () => {
      const c = catalog as unknown as { notes: { kinds: Record<string, string> }; review: Record<string, string> };
      expect([c.review.glow, c.review.grow]).toEqual([c.notes.kinds.praise, c.notes.kinds.suggestion]);
    });
  }
});
