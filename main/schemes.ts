import { protocol } from 'electron';

/**
 * The renderer is served from app://studio rather than file://, so it gets a real origin of its own:
 * the CSP, the permission handler and the IPC sender check can all name it, and it cannot read local files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Media is reachable only as pcmedia://asset/<assetId>; never by path. */
export const MEDIA_SCHEME = 'pcmedia';
export const MEDIA_HOST = 'asset';

/**
 * Node's URL gives custom schemes an opaque origin ("null"), so compare scheme and host instead.
 * Accepts a full URL or a bare origin such as `app://studio`.
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** Must run before the app is ready: privileges cannot be granted to a scheme afterwards. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    // corsEnabled: the page at app://studio fetches waveform peaks and reads sprites from this other origin.
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
  ]);
}
