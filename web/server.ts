import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { idSchema } from '../common/schemas/ids';
import { StudioError } from '../common/errors';
import { MAX_STAGED_BYTES, type Core } from '../core';
import { dispatch } from '../core/dispatch';
import { registerBinaryRoute } from './binary-route';
import { refuseAnnouncedOver, requireContentType } from './body-guards';
import { fromFastifyError, sendError } from './errors';
import { foreignRequestReason } from './request-origin';

export interface WebShellOptions {
  core: Core;
  rendererDir: string;
  port: number;
  token?: string;
}

const COOKIE = 'pc_token';
const CSP = [
  "default-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function tokenOf(req: FastifyRequest): { token: string | undefined; bearer: boolean } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7), bearer: true };
  const cookie = req.headers.cookie?.split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
  return { token: cookie?.slice(COOKIE.length + 1), bearer: false };
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Every request needs a loopback Host (DNS rebinding) and the launch's token: traded once from the
 * address for a cookie, or as a bearer; requests from other origins are refused. Every answer carries
 * the CSP and the headers that keep other pages from reading or embedding it.
 */
function guardRequests(app: FastifyInstance, token: string, allowedHosts: () => Set<string>): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      return reply.code(403).type('text/plain').send('Forbidden host');
    }
    const url = new URL(req.url, 'http://localhost');
    const offered = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && offered !== null) {
      if (!sameToken(offered, token)) return reply.code(401).type('text/plain').send('Wrong token');
      // Trade the token in the address for a cookie, and drop it from the address bar and history.
      return reply.header('set-cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`).redirect('/', 303);
    }
    const offeredBy = tokenOf(req);
    if (!sameToken(offeredBy.token, token)) {
      return reply.code(401).type('text/plain').send('Open the address printed by "npm run web" (it carries the access token).');
    }
    const foreign = foreignRequestReason(req, offeredBy.bearer);
    if (foreign) return sendError(reply, new StudioError('forbidden', { reason: foreign }));
  });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // Neighbouring pages of the same site may not embed or load media and answers from here either.
    reply.header('cross-origin-resource-policy', 'same-origin');
  });
}

/**
 * The browser shell: the same renderer and core as the desktop app, served on loopback only. Every
 * request must carry the per-launch token (cookie or bearer) and a loopback Host header, so neither
 * another site in the browser (DNS rebinding) nor another user on the machine can drive the studio.
 */
export async function startWebShell(o: WebShellOptions): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const token = o.token ?? crypto.randomBytes(24).toString('base64url');
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024, forceCloseConnections: true });
  let port = o.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  guardRequests(app, token, allowedHosts);

  app.setErrorHandler((err, _req, reply) => sendError(reply, fromFastifyError(err)));

  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  app.post<{ Params: { name: string } }>('/rpc/:name', { onRequest: requireContentType('application/json') }, async (req, reply) => {
    try {
      return { result: await dispatch(o.core.api, req.params.name, req.body) };
    } catch (err) {
      return sendError(reply, err);
    }
  });

  registerBinaryRoute(app, o.core);

  // Files stream to the staging folder as they arrive (core/library/staging.ts), never into memory.
  const uploadGuards = [requireContentType('application/octet-stream'), refuseAnnouncedOver(MAX_STAGED_BYTES)];
  app.post('/upload', { onRequest: uploadGuards }, async (req, reply) => {
    try {
      return { stagedId: await o.core.stageUpload(req.body as Readable) };
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.get<{ Params: { id: string } }>('/media/:id', async (req, reply) => {
    if (!idSchema.safeParse(req.params.id).success) return reply.code(404).send({ code: 'not_found', message: 'not found', params: {} });
    try {
      const res = await o.core.openAsset(req.params.id, req.headers.range);
      reply.code(res.status).headers(res.headers);
      return reply.send(res.body ?? '');
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.get('/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = o.core.bus.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });

  await app.register(fastifyStatic, { root: o.rendererDir, index: ['index.html'], wildcard: true });
  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain').send('Not found'));

  await app.listen({ host: '127.0.0.1', port: o.port });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : o.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: async () => {
      await app.close();
    },
  };
}
