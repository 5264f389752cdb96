import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../common/errors';
import { parseRubricJson, toRubricDocument } from '../../../common/review/rubric-json';
import { languages } from '../../../common/schemas/settings';

const builtIn = fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/rubrics/micro-teaching.json'), 'utf8');

function refusal(text: string): Record<string, unknown> {
  try {
    parseRubricJson(text);
  } catch (err) {
    if (err instanceof StudioError) return { code: err.code, ...err.params };
    throw err;
  }
  throw new Error('accepted');
}

const edit = (change: (doc: any) => void) => {
  const doc = JSON.parse(builtIn);
  change(doc);
  return JSON.stringify(doc);
};

describe('rubric JSON', () => {
  it('reads the built-in rubric and writes it back unchanged', () => {
    const rubric = parseRubricJson(builtIn);
    expect(rubric.code).toBe('micro-teaching');
    expect(rubric.scale.criteria.map((c) => c.code)).toEqual([
      'purpose',
      'questioning',
      'explanation',
      'participation',
      'feedback',
      'closure',
    ]);
    expect(toRubricDocument(rubric)).toEqual(JSON.parse(builtIn));
  });

  it('gives every text of the built-in rubric in every language the studio speaks', () => {
    const rubric = parseRubricJson(builtIn);
    const texts = new Map<string, Record<string, string> | null | undefined>([
      ['title', rubric.title],
      ['description', rubric.description],
    ]);
    for (const level of rubric.scale.levels) texts.set(`levels.${level.value}.label`, level.label);
    for (const criterion of rubric.scale.criteria) {
      texts.set(`${criterion.code}.label`, criterion.label);
      for (const level of rubric.scale.levels)
        texts.set(`${criterion.code}.descriptors.${level.value}`, criterion.descriptors[String(level.value)]);
    }
    expect(texts.size).toBe(2 + 4 + 6 * (1 + 4));
    for (const [at, text] of texts) {
      expect(Object.keys(text ?? {}).sort(), at).toEqual([...languages].sort());
      // A text left in English is as untranslated as a missing one.
      for (const language of languages) if (language !== 'en') expect(text![language], `${at}.${language}`).not.toBe(text!.en);
    }
  });

  it('refuses what is not JSON', () => {
    expect(refusal('{ "format": ')).toMatchObject({ code: 'rubric_invalid', at: '(root)' });
  });

  it('names the path of the first error', () => {
    expect(refusal(edit((d) => (d.schemaVersion = 2)))).toMatchObject({ code: 'rubric_invalid', at: 'schemaVersion' });
    expect(refusal(edit((d) => delete d.title))).toMatchObject({ at: 'title' });
    expect(refusal(edit((d) => (d.criteria[2].label = {})))).toMatchObject({
      at: 'criteria[2].label',
      issue: 'needs the text in at least one language',
    });
    expect(refusal(edit((d) => (d.criteria[1].code = 'Wait Time')))).toMatchObject({ at: 'criteria[1].code' });
    expect(refusal(edit((d) => (d.levels[3].label.xx_1 = 'bad tag')))).toMatchObject({ at: 'levels[3].label.xx_1' });
    expect(refusal(edit((d) => (d.criteria[4].extra = true)))).toMatchObject({ at: 'criteria[4]' });
  });

  it('checks the scale as a whole: ascending levels, unique codes, descriptors of real levels', () => {
    expect(refusal(edit((d) => (d.levels[2].value = 5)))).toMatchObject({
      at: 'levels[2].value',
      issue: 'levels must ascend one by one',
    });
    expect(refusal(edit((d) => (d.criteria[3].code = 'purpose')))).toMatchObject({
      at: 'criteria[3].code',
      issue: 'codes must be unique',
    });
    expect(refusal(edit((d) => (d.criteria[0].descriptors['9'] = { en: 'Beyond' })))).toMatchObject({
      at: 'criteria[0].descriptors.9',
      issue: 'no such level',
    });
  });
});
