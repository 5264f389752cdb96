import { z } from 'zod';

export const signInStorageSchema = z.enum(['keychain', 'file', 'memory', 'no-keychain']);
export type SignInStorage = z.infer<typeof signInStorageSchema>;

/** What the studio tells the UI about itself (`app.info`). */
export const appInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  shell: z.enum(['electron', 'web']),
  ffmpeg: z.string().nullable(),
  ffmpegError: z.string().nullable(),
  /**
   * Where the hub sign-in is kept between launches: the OS keychain, a file only this user can read
   * (browser shell), nowhere (sign in each launch), or `no-keychain`: Linux without a keyring, where
   * it stays in memory unless the person chooses otherwise (settings.keepSignInWithoutKeyring).
   */
  signInStorage: signInStorageSchema,
  /** The hub address this installation ships with (PRACTICE_CIRCLE_HUB_URL or practice-circle.json), or null. */
  presetHubUrl: z.string().nullable(),
});
