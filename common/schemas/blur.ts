import { z } from 'zod';
import { idSchema } from './ids';

/**
 * Face blurring (core/blur/). Boxes are fractions of the picture (0..1), so the same region fits the
 * proxy, the original and the blurred copy whatever their sizes.
 */
export const blurBoxSchema = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    w: z.number().gt(0).max(1),
    h: z.number().gt(0).max(1),
  })
  .strict();
export type BlurBox = z.infer<typeof blurBoxSchema>;

/** Where a region was on one moment of the lesson; between two keys it moves in a straight line. */
export const blurKeySchema = blurBoxSchema.extend({ t: z.number().int().nonnegative() });
export type BlurKey = z.infer<typeof blurKeySchema>;

/** `detected`: found by the job; `drawn`: the teacher drew it over a missed face; `fixed`: blurred all lesson long. */
export const blurSources = ['detected', 'drawn', 'fixed'] as const;
export type BlurSource = (typeof blurSources)[number];

export const blurRegionSchema = z.object({
  id: idSchema,
  source: z.enum(blurSources),
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
  keys: z.array(blurKeySchema),
  /** The teacher removed it (not a face): it is not blurred, and undo brings it back. */
  removed: z.boolean(),
});
export type BlurRegion = z.infer<typeof blurRegionSchema>;

/** `standard`: a few frames a second, faces of a usual size; `thorough`: more often, small faces at the back too. */
export const blurModes = ['standard', 'thorough'] as const;
export const blurModeSchema = z.enum(blurModes);
export type BlurMode = z.infer<typeof blurModeSchema>;

export const blurStateSchema = z.object({
  lessonId: idSchema,
  status: z.enum(['none', 'ready']),
  mode: blurModeSchema.nullable(),
  durationMs: z.number().int().nonnegative(),
  regions: z.array(blurRegionSchema),
  /** How many of the teacher's edits undo would take back, newest first. */
  undoable: z.number().int().nonnegative(),
  /** The blurred copy exists and matches the regions as they are now. */
  copy: z.enum(['none', 'current', 'outdated']),
  /**
   * `device`: the teacher's own regions, to review and edit; `community`: where the teacher of a
   * lesson shared with this device blurred it, read-only.
   */
  source: z.enum(['device', 'community']),
});
export type BlurState = z.infer<typeof blurStateSchema>;

export const blurDetectSchema = z.object({ lessonId: idSchema, mode: blurModeSchema.default('standard') }).strict();

export const blurDrawSchema = z
  .object({
    lessonId: idSchema,
    /** The frame the teacher drew on; the box lasts from there until `endMs` (the end of the lesson when absent). */
    atMs: z.number().int().nonnegative(),
    endMs: z.number().int().positive().optional(),
    box: blurBoxSchema,
    /** Follow the face forward (a 'blur_follow' job), unless false; where it is lost, or when false, the box holds. */
    follow: z.boolean().optional(),
  })
  .strict();

export const blurFixedSchema = z.object({ lessonId: idSchema, box: blurBoxSchema }).strict();
export const blurRegionRefSchema = z.object({ lessonId: idSchema, regionId: idSchema }).strict();
export const blurEndSchema = blurRegionRefSchema.extend({ endMs: z.number().int().positive() }).strict();
