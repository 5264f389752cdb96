import type { Session } from 'electron';
import { MEDIA_SCHEME } from './schemes';

/**
 * Only our own bundle runs; media and images come from our media scheme (and blob: for recordings
 * and captured frames); nothing remote, no eval, no inline script, no plugins, no frames.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  `img-src 'self' ${MEDIA_SCHEME}: blob: data:`,
  `media-src 'self' ${MEDIA_SCHEME}: blob: mediastream:`,
  `connect-src 'self' ${MEDIA_SCHEME}:`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Replaces whatever policy a response carried, in any letter case, with ours. */
export function withCsp(headers: Record<string, string[]>): Record<string, string[]> {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
  return { ...kept, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

export function installCsp(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders ?? {}) });
  });
}
