import { z } from 'zod';

export const languages = ['en', 'ar'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

export const settingsSchema = z.object({
  language: languageSchema.default('en'),
  displayName: z.string().trim().max(100).default(''),
  libraryView: z.enum(['grid', 'list']).default('grid'),
  proxyPreset: z.enum(['standard', 'low']).default('standard'),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = settingsSchema.partial();
