import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../common/errors';
import { parseRubricJson, toRubricDocument } from '../../../common/review/rubric-json';

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
    // Every criterion is labelled and described in both shipped languages.
    for (const c of rubric.scale.criteria) {
      expect(Object.keys(c.label).sort()).toEqual(['ar', 'en']);
      for (const level of ['1', '2', '3', '4']) expect(Object.keys(c.descriptors[level]!).sort()).toEqual(['ar', 'en']);
    }
    expect(toRubricDocument(rubric)).toEqual(JSON.parse(builtIn));
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
