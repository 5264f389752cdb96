import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Practice Circle';

/**
 * The folder Electron names `userData` for this app on each OS; the library lives in `library/` inside it.
 * The browser shell computes the same place, so both shells open the same library by default.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

export function libraryDir(userDataDir: string): string {
  return path.join(userDataDir, 'library');
}
