import { z } from 'zod';
import { recordingModeSchema, recordingResolutionSchema, recordingTimeLimitSchema } from './recording';

export const languages = ['en', 'ar', 'fr', 'es', 'id', 'tr', 'ur'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

const rememberedDeviceSchema = z.object({ id: z.string().max(500), label: z.string().max(300) });

export const settingsSchema = z.object({
  language: languageSchema.default('en'),
  displayName: z.string().trim().max(100).default(''),
  /**
   * The first-run welcome (name and language) was answered or skipped. Until then the studio speaks
   * the system's language, when we have a catalog for it, rather than the stored default.
   */
  welcomeDone: z.boolean().default(false),
  /** The person set `language` themselves (in the welcome, in Settings): from then on it wins over the system's. */
  languageChosen: z.boolean().default(false),
  libraryView: z.enum(['grid', 'list']).default('grid'),
  proxyPreset: z.enum(['standard', 'low']).default('standard'),
  // The recording set-up is remembered. A device is kept by id and label: browsers may change the id.
  recordMode: recordingModeSchema.default('camera'),
  recordCamera: rememberedDeviceSchema.nullable().default(null),
  recordMicrophone: rememberedDeviceSchema.nullable().default(null),
  recordResolution: recordingResolutionSchema.default('720p'),
  recordTimeLimitMin: recordingTimeLimitSchema.default(0),
  // Community media transfers. Whether a connection is metered comes from the UI (navigator.connection).
  transferOnlyUnmetered: z.boolean().default(false),
  autoDownloadShared: z.boolean().default(true),
  /** Kilobytes per second for uploads and downloads together; 0 means no limit. */
  transferLimitKBps: z.number().int().min(0).max(1_000_000).default(0),
  /** Where the OS has no keyring (app.info `signInStorage: 'no-keychain'`): keep the hub sign-in on disk anyway. */
  keepSignInWithoutKeyring: z.boolean().default(false),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A patch names only what changes. `.partial()` would keep the defaults and fill every missing key
 * with its default, so saving one setting would reset all the others.
 */
export const settingsPatchSchema = z.object(
  Object.fromEntries(Object.entries(settingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()])) as {
    [K in keyof typeof settingsSchema.shape]: z.ZodOptional<ReturnType<(typeof settingsSchema.shape)[K]['unwrap']>>;
  },
);
