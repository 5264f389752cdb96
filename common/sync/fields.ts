import { z } from 'zod';

/** Value schemas shared by synced records and the hub's REST payloads. */

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'not a lowercase hex sha256');

/** Records are created offline, so their ids come from the device: UUIDs (v7 preferred) or ULIDs. */
export const recordIdSchema = z.union([z.uuid(), z.ulid()]);

/** BCP 47 language tag in its common short forms: `en`, `ar`, `pt-BR`, `zh-Hant-TW`. */
export const languageTagSchema = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/, 'not a language tag');

/** ISO 3166-1 alpha-2 country code. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'not an ISO country code');

/** IANA time zone name, checked against the running platform's Intl data. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not a time zone');

/** Milliseconds since the Unix epoch. */
export const epochMsSchema = z.int().nonnegative();
