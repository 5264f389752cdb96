import { z } from 'zod';
import { blurSources } from '../schemas/blur';
import { idSchema } from '../schemas/ids';
import { recordIdSchema } from './fields';

/**
 * What a mentor learns of a lesson shared with its faces blurred: where the picture was blurred and
 * when (boxes as fractions of the picture, times in ms), never a pixel of what was under them. It
 * comes from another device, so every size is bounded: a hostile record cannot swell a receiver's
 * database or stall its player.
 */
export const BLUR_RECORD_MAX_REGIONS = 2000;
export const BLUR_RECORD_MAX_KEYS_PER_REGION = 20_000;
export const BLUR_RECORD_MAX_KEYS = 100_000;
/** A day: longer than any practice lesson, so times beyond it are nonsense. */
export const BLUR_RECORD_MAX_MS = 24 * 60 * 60 * 1000;

const unit = z.number().min(0).max(1);
const size = z.number().gt(0).max(1);
const msSchema = z.int().min(0).max(BLUR_RECORD_MAX_MS);
/** Slack for boxes rounded to four decimals at the picture's edge. */
const EDGE = 1.0001;

export const sharedBlurKeySchema = z
  .object({ t: msSchema, x: unit, y: unit, w: size, h: size })
  .strict()
  .refine((k) => k.x + k.w <= EDGE && k.y + k.h <= EDGE, 'box outside the picture');

export const sharedBlurRegionSchema = z
  .object({
    id: idSchema,
    source: z.enum(blurSources),
    startMs: msSchema,
    endMs: msSchema,
    keys: z.array(sharedBlurKeySchema).min(1).max(BLUR_RECORD_MAX_KEYS_PER_REGION),
  })
  .strict()
  .refine((r) => r.startMs <= r.endMs, 'ends before it starts')
  .refine((r) => r.keys.every((k, i) => i === 0 || k.t >= r.keys[i - 1]!.t), 'keys out of order');
export type SharedBlurRegion = z.infer<typeof sharedBlurRegionSchema>;

export const sharedBlurRegionsSchema = z
  .array(sharedBlurRegionSchema)
  .max(BLUR_RECORD_MAX_REGIONS)
  .refine((rs) => rs.reduce((n, r) => n + r.keys.length, 0) <= BLUR_RECORD_MAX_KEYS, 'too many keys')
  .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, 'region ids repeat');

/** The fields of a `blurRegions` record (common/sync/entities.ts); its id is its lesson's. */
export const blurRecordShape = {
  lessonId: recordIdSchema,
  ownerId: z.uuid(),
  durationMs: msSchema,
  regions: sharedBlurRegionsSchema,
};
