import type { Session } from 'electron';
import { isAppUrl } from './schemes';

// Camera and microphone ('media') and screen capture for recording lessons; nothing else, ever.
const ALLOWED = new Set<string>(['media', 'display-capture']);

export function isPermitted(permission: string, origin: string | undefined): boolean {
  return ALLOWED.has(permission) && isAppUrl(origin);
}

/** Both handlers: Chromium asks the check handler before it ever shows a request. */
export function installPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(details.isMainFrame && isPermitted(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return details.isMainFrame && isPermitted(permission, requestingOrigin);
  });
}
