import { z } from 'zod';

/** Record ids are made on the device (UUIDv7), so records can be created offline and synced. */
export const idSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not an id');
export type Id = z.infer<typeof idSchema>;

/** Epoch milliseconds. */
export const timestampSchema = z.number().int().nonnegative();
