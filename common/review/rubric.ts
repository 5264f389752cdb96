import { z } from 'zod';
import { languageTagSchema } from '../sync/fields';

/**
 * A rubric: a scale of levels shared by every criterion, and criteria that each describe what every
 * level looks like. Text is given in several languages; a criterion is known by its `code` in every
 * language, so scores, evidence and growth charts never depend on how a label is spelled.
 * The exchange format (JSON files, docs/rubric-schema.md) wraps these fields with a format name and
 * a schema version.
 */

export const RUBRIC_FORMAT = 'practice-circle/rubric';
export const RUBRIC_SCHEMA_VERSION = 1;
export const MAX_LEVELS = 7;
export const MAX_CRITERIA = 20;

/** Text in one or more languages, keyed by language tag: `{ "en": "Wait time", "ar": "وقت الانتظار" }`. */
export const localizedTextSchema = (max: number) =>
  z
    .record(languageTagSchema, z.string().trim().min(1).max(max))
    .refine((text) => Object.keys(text).length > 0, 'needs the text in at least one language');
export type LocalizedText = Record<string, string>;

export const criterionCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a code is lowercase letters, digits and dashes');

export const levelSchema = z
  .object({
    value: z.int().min(0).max(10),
    label: localizedTextSchema(60),
  })
  .strict();

export const criterionSchema = z
  .object({
    code: criterionCodeSchema,
    label: localizedTextSchema(120),
    /** What each level looks like for this criterion, keyed by the level's value. */
    descriptors: z.record(z.string().regex(/^\d{1,2}$/, 'a level value'), localizedTextSchema(600)),
  })
  .strict();
export type Criterion = z.infer<typeof criterionSchema>;

/**
 * Levels ascend by one from the lowest (so "adjacent" means one level apart), codes are unique, and
 * descriptors describe only levels that exist. Checked as one value so the path of the first error
 * can point at the exact criterion or level.
 */
export const rubricScaleSchema = z
  .object({
    levels: z.array(levelSchema).min(2).max(MAX_LEVELS),
    criteria: z.array(criterionSchema).min(1).max(MAX_CRITERIA),
  })
  .strict()
  .superRefine((scale, ctx) => {
    scale.levels.forEach((level, i) => {
      if (i > 0 && level.value !== scale.levels[i - 1]!.value + 1) {
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'value'], message: 'levels must ascend one by one' });
      }
    });
    const values = new Set(scale.levels.map((l) => String(l.value)));
    const codes = new Set<string>();
    scale.criteria.forEach((criterion, i) => {
      if (codes.has(criterion.code)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'code'], message: 'codes must be unique' });
      codes.add(criterion.code);
      for (const key of Object.keys(criterion.descriptors)) {
        if (!values.has(key)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'descriptors', key], message: 'no such level' });
      }
    });
  });
export type RubricScale = z.infer<typeof rubricScaleSchema>;

/** The fields of a rubric as a community stores and syncs it. */
export const rubricFieldsShape = {
  /** Stable name of the rubric across versions and communities (for example `micro-teaching`). */
  code: criterionCodeSchema,
  title: localizedTextSchema(120),
  description: localizedTextSchema(2000).nullable(),
  scale: rubricScaleSchema,
  /** Grows by one on every edit, so a review can say which wording its scores were given against. */
  revision: z.int().min(1),
};

/** The exchange format: what `rubrics.export` writes and `rubrics.import` reads. */
export const rubricDocumentSchema = z
  .object({
    format: z.literal(RUBRIC_FORMAT),
    schemaVersion: z.literal(RUBRIC_SCHEMA_VERSION),
    code: rubricFieldsShape.code,
    title: rubricFieldsShape.title,
    description: rubricFieldsShape.description.optional().default(null),
    levels: z.array(levelSchema).min(2).max(MAX_LEVELS),
    criteria: z.array(criterionSchema).min(1).max(MAX_CRITERIA),
  })
  .strict();
export type RubricDocument = z.output<typeof rubricDocumentSchema>;

export type RubricContent = { code: string; title: LocalizedText; description: LocalizedText | null; scale: RubricScale };

/** The lowest and highest level of a scale. */
export function levelRange(scale: Pick<RubricScale, 'levels'>): { min: number; max: number } {
  return { min: scale.levels[0]!.value, max: scale.levels.at(-1)!.value };
}

/** Picks the text for `language`, falling back to English, then to any language the text has. */
export function localize(text: LocalizedText | null | undefined, language: string): string {
  if (!text) return '';
  return text[language] ?? text[language.split('-')[0]!] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** The first score that does not fit the scale (an unknown criterion, a level out of range), or null. */
export function scoreProblem(
  scale: RubricScale,
  scores: ReadonlyArray<{ criterion: string; level: number }>,
): { code: 'criterion_unknown' | 'level_out_of_range'; params: Record<string, string | number> } | null {
  const { min, max } = levelRange(scale);
  const codes = new Set(scale.criteria.map((c) => c.code));
  for (const { criterion, level } of scores) {
    if (!codes.has(criterion)) return { code: 'criterion_unknown', params: { criterion } };
    if (level < min || level > max) return { code: 'level_out_of_range', params: { criterion, level, min, max } };
  }
  return null;
}
