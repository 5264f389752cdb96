import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../common/errors';
import { jobKinds, jobStatuses } from '../../../common/schemas/job';
import { noteKinds } from '../../../common/schemas/note';
import { languages } from '../../../common/schemas/settings';
import { catalogs } from '../../../renderer/i18n/catalogs';

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
