import { StudioError } from '../../common/errors';

/**
 * A configured public URL in the form links are built from: http(s), no query, fragment or
 * credentials, no trailing slash. A path is kept, for a hub served under one behind a proxy.
 */
export function normalizePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StudioError('invalid_input', { issue: 'public URL is not a URL', value });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new StudioError('invalid_input', { issue: 'public URL must be a plain http(s) address', value });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
