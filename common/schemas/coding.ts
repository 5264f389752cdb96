import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';

/** A code's key is the digit that drops it while watching, so a scheme has at most nine. */
export const codeKeySchema = z.number().int().min(1).max(9);
export const codeColorSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'not a color');

/** Names in other languages, for schemes the app ships; user-made codes have only `name`. */
const labelsSchema = z.record(z.string(), z.string()).optional();

export const codeSchema = z.object({
  id: idSchema,
  name: z.string(),
  labels: labelsSchema,
  color: codeColorSchema,
  key: codeKeySchema,
});
export type Code = z.infer<typeof codeSchema>;

export const codingSchemeSchema = z.object({
  id: idSchema,
  name: z.string(),
  labels: labelsSchema,
  builtIn: z.boolean(),
  codes: z.array(codeSchema),
  updatedAt: timestampSchema,
});
export type CodingScheme = z.infer<typeof codingSchemeSchema>;

export const codingListSchema = z.object({
  schemes: z.array(codingSchemeSchema),
  /** The scheme whose keys 1–9 drop codes in this lesson. */
  activeSchemeId: idSchema,
});

export const schemeSaveSchema = z.object({
  /** Absent for a new scheme. */
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(100),
  codes: z
    .array(
      z.object({
        id: idSchema.optional(),
        name: z.string().trim().min(1).max(60),
        color: codeColorSchema,
        key: codeKeySchema,
      }),
    )
    .min(1)
    .max(9)
    .refine((codes) => new Set(codes.map((c) => c.key)).size === codes.length, 'keys must differ'),
});
export type SchemeSave = z.infer<typeof schemeSaveSchema>;
