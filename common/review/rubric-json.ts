import type { z } from 'zod';
import { StudioError } from '../errors';
import {
  RUBRIC_FORMAT,
  RUBRIC_SCHEMA_VERSION,
  rubricDocumentSchema,
  rubricScaleSchema,
  type RubricContent,
  type RubricDocument,
} from './rubric';

/** `criteria[2].descriptors.4`: how people read a place in a JSON file. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(root)';
}

function refuse(error: z.ZodError): never {
  const issue = error.issues[0]!;
  throw new StudioError('rubric_invalid', { at: formatIssuePath(issue.path), issue: issue.message });
}

/**
 * Reads a rubric file. Anything that breaks the schema is refused with `rubric_invalid` and the path
 * of the first problem (`at`), so the person can find it in their file.
 */
export function parseRubricJson(text: string): RubricContent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StudioError('rubric_invalid', { at: '(root)', issue: err instanceof Error ? err.message : 'not JSON' });
  }
  const document = rubricDocumentSchema.safeParse(raw);
  if (!document.success) refuse(document.error);
  const scale = rubricScaleSchema.safeParse({ levels: document.data.levels, criteria: document.data.criteria });
  if (!scale.success) refuse(scale.error);
  return { code: document.data.code, title: document.data.title, description: document.data.description, scale: scale.data };
}

export function toRubricDocument(rubric: RubricContent): RubricDocument {
  return {
    format: RUBRIC_FORMAT,
    schemaVersion: RUBRIC_SCHEMA_VERSION,
    code: rubric.code,
    title: rubric.title,
    description: rubric.description,
    levels: rubric.scale.levels,
    criteria: rubric.scale.criteria,
  };
}
