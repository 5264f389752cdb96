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
