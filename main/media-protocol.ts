import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { toErrorPayload } from '../common/errors';
import { idSchema } from '../common/schemas/ids';
import type { Logger } from '../core/app/logger';
import type { Core } from '../core';
import { APP_ORIGIN, MEDIA_HOST, MEDIA_SCHEME } from './schemes';

// The page at app://studio reads peaks and sprites with fetch/canvas, which CORS governs.
const CORS = { 'access-control-allow-origin': APP_ORIGIN, vary: 'origin' };

const notFound = () => new Response(null, { status: 404, headers: CORS });

/** The asset id a pcmedia:// URL names, or null for anything that is not exactly one plain id. */
export function assetIdOf(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${MEDIA_SCHEME}:` || url.host !== MEDIA_HOST || url.search || url.username) return null;
  let id: string;
  try {
    id = decodeURIComponent(url.pathname.slice(1));
  } catch {
    return null;
  }
  return idSchema.safeParse(id).success ? id : null;
}

/** Serves pcmedia://asset/<assetId> through the core, with Range support so <video> can seek. */
export function handleMediaProtocol(protocol: Protocol, core: Core, logger: Logger): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: CORS });
    const id = assetIdOf(request.url);
    if (!id) return notFound();
    try {
      const res = await core.openAsset(id, request.headers.get('range') ?? undefined);
      const body = res.body && request.method === 'GET' ? (Readable.toWeb(res.body) as ReadableStream<Uint8Array>) : null;
      if (!body) res.body?.destroy();
      return new Response(body, { status: res.status, headers: { ...res.headers, ...CORS } });
    } catch (err) {
      const { code } = toErrorPayload(err);
      if (code === 'not_found' || code === 'file_not_found') return notFound();
      logger.error('media request failed', { assetId: id, code });
      return new Response(null, { status: 500, headers: CORS });
    }
  });
}
