import type { CallName, StudioApi } from '../../common/contract';
import type { SignInStorage } from '../../common/schemas/app';

/**
 * The shape every domain's `calls.ts` returns: the contract's calls named `<prefix>.*`, each handed
 * input its schema already parsed (core/dispatch.ts). `core/api.ts` merges them into `StudioApi`.
 */
export type CallsOf<Prefix extends string> = Pick<StudioApi, Extract<CallName, `${Prefix}.${string}`>>;

/** The answer of calls that only succeed or throw. */
export const ok = { ok: true } as const;

/** What the shell and start-up tell about this installation. */
export interface AppInfoEnv {
  version: string;
  dataDir: string;
  shell: 'electron' | 'web';
  ffmpegVersion: string | null;
  ffmpegError: string | null;
  signInStorage: SignInStorage;
  /** The hub address an organisation set for this installation (core/app/deployment.ts), or null. */
  presetHubUrl: string | null;
}

export function appCalls(env: AppInfoEnv): CallsOf<'app'> {
  return {
    'app.info': async () => ({
      version: env.version,
      dataDir: env.dataDir,
      shell: env.shell,
      ffmpeg: env.ffmpegVersion,
      ffmpegError: env.ffmpegError,
      signInStorage: env.signInStorage,
      presetHubUrl: env.presetHubUrl,
    }),
  };
}
