import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Server as TusServer, type Upload } from '@tus/server';
import { StudioError, toErrorPayload, type ErrorCode } from '../../common/errors';
import { TUS_PATH, uploadMetadataSchema } from '../../common/hub-api';
import { requireCan, requireMember } from '../communities/membership';
import type { HubContext } from '../context';
import { statusFor } from '../http/errors';
import { recordBlob } from '../media/queries';
import { withUploadRequest } from '../media/upload-request';
import { sendWebResponse, toWebRequest } from '../http/web-request';

const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/** tus hooks signal failures by throwing `{status_code, body}`; ours carry an ErrorPayload as body. */
function tusError(err: unknown): { status_code: number; body: string } {
  const payload = toErrorPayload(err);
  // An internal failure's message may name the hub's files; clients get its code only, as elsewhere.
  if (payload.code === 'internal') payload.message = 'internal error';
  return { status_code: statusFor(payload.code), body: JSON.stringify(payload) };
}

/** A failure as tus clients read one: a status and, as the body, the hub's ErrorPayload. */
function errorResponse(err: unknown, tusHeaders?: Headers): Response {
  const { status_code, body } = tusError(err);
  const headers = new Headers({ 'content-type': 'application/json' });
  const version = tusHeaders?.get('tus-resumable');
  if (version) headers.set('tus-resumable', version);
  return new Response(body, { status: status_code, headers });
}

/** tus's own plain-text failures, translated into the hub's error vocabulary. */
function codeForTusStatus(status: number): ErrorCode {
  if (status === 413) return 'payload_too_large';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409 || status === 423) return 'conflict';
  if (status === 403) return 'forbidden';
  return status >= 500 ? 'internal' : 'invalid_input';
}

/**
 * Uploads whose every byte came with the request that created them (tus creation-with-upload), by
 * that request. tus reads such an upload back from its store after `onUploadFinish`, so committing it
 * there (which takes it out of the store) made tus answer 404 for a file it had just stored; it is
 * committed once tus has answered, before the client hears back.
 */
type FinishedOnCreation = WeakMap<Request, Upload>;

/**
 * Resumable uploads (tus) at /files. Creating an upload needs `Upload-Length` (never deferred, so the
 * size limit applies before any byte arrives) and `Upload-Metadata` with sha256, communityId,
 * filename and type; only its uploader can resume or cancel it. When the last byte lands, the hub
 * hashes the file and only a match becomes a blob, visible to the community.
 *
 * tus speaks its own protocol (headers, PATCH chunks, plain statuses) that the endpoint table does
 * not describe, so these routes are registered here directly rather than through hub/http/route.ts.
 */
export function uploadRoutes(app: FastifyInstance, ctx: HubContext): void {
  const finishedOnCreation: FinishedOnCreation = new WeakMap();
  const tus = createTusServer(ctx, finishedOnCreation);

  const cleanup = setInterval(() => {
    tus.cleanUpExpiredUploads().catch((err: unknown) => app.log.warn({ err }, 'could not clean up expired uploads'));
  }, CLEANUP_INTERVAL_MS);
  cleanup.unref();
  app.addHook('onClose', async () => clearInterval(cleanup));

  void app.register(async (scope) => {
    // tus reads the raw request stream itself; Fastify must not parse or limit it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const methods = ['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS'] as const;
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      try {
        const webRequest = toWebRequest(request.raw, reply.raw);
        const response = await withUploadRequest(webRequest.headers.get('content-length'), () => tus.handleWeb(webRequest));
        const created = finishedOnCreation.get(webRequest);
        await sendWebResponse(reply.raw, created ? await finishCreated(ctx, created, response) : response);
      } catch (err) {
        // Fastify answers nothing once hijacked: without this a failure here held the connection.
        request.log.error({ err }, 'upload request failed');
        if (reply.raw.headersSent) reply.raw.destroy();
        else await sendWebResponse(reply.raw, errorResponse(err));
      }
    };
    scope.route({ method: [...methods], url: TUS_PATH, handler });
    scope.route({ method: [...methods], url: `${TUS_PATH}/*`, handler });
  });
}

/** The tus server, its hooks checking who uploads what and committing finished uploads as blobs. */
function createTusServer(ctx: HubContext, finishedOnCreation: FinishedOnCreation): TusServer {
  const { db, blobs } = ctx;
  const userOf = async (req: Request) => (await ctx.authenticate(req.headers.get('authorization') ?? undefined)).userId;
  return new TusServer({
    path: TUS_PATH,
    datastore: blobs.uploads,
    locker: ctx.uploadLocker,
    maxSize: ctx.maxUploadBytes,
    relativeLocation: true,
    async onIncomingRequest(req, uploadId) {
      try {
        const userId = await userOf(req);
        if (req.method === 'POST') return;
        // An upload that does not exist is left to tus, which answers 404.
        const uploaderId = await blobs.uploaderOf(uploadId);
        if (uploaderId !== null && uploaderId !== userId) throw new StudioError('forbidden', { reason: 'not_uploader' });
      } catch (err) {
        if (err instanceof StudioError) throw tusError(err);
        throw err;
      }
    },
    async onUploadCreate(req, upload) {
      try {
        const userId = await userOf(req);
        if (upload.sizeIsDeferred) throw new StudioError('invalid_input', { issue: 'Upload-Length is required' });
        const metadata = uploadMetadataSchema.parse(upload.metadata ?? {});
        requireCan(await requireMember(db, metadata.communityId, userId), 'media.upload');
        ctx.metrics.uploadsStarted.inc();
        return { metadata: { ...metadata, uploaderId: userId } };
      } catch (err) {
        throw tusError(err);
      }
    },
    async onUploadFinish(req, upload) {
      if (req.method === 'POST') {
        finishedOnCreation.set(req, upload);
        return {};
      }
      try {
        return await commitUpload(ctx, upload);
      } catch (err) {
        throw tusError(err);
      }
    },
    onResponseError(_req, err) {
      if ('status_code' in err && err.body.startsWith('{')) return undefined;
      const status = 'status_code' in err ? err.status_code : 500;
      const code = codeForTusStatus(status);
      const detail = 'status_code' in err ? err.body.trim() : err.message;
      return { status_code: status, body: JSON.stringify(toErrorPayload(new StudioError(code, { issue: detail }))) };
    },
  });
}

/** A finished upload becomes a blob of its community, if its bytes match its sha256 and its uploader is still a member. */
async function commitUpload(ctx: HubContext, upload: Upload): Promise<{ status_code: number }> {
  const { db, blobs } = ctx;
  const metadata = uploadMetadataSchema.parse(upload.metadata);
  const uploaderId = String(upload.metadata?.uploaderId);
  // Membership may have ended while the bytes were travelling.
  const role = await requireMember(db, metadata.communityId, uploaderId).catch(async (err: unknown) => {
    await blobs.uploads.remove(upload.id);
    throw err;
  });
  requireCan(role, 'media.upload');
  const size = upload.size ?? upload.offset;
  await ctx.blobLock.run(metadata.sha256, async () => {
    const { outcome, readBack } = await blobs.commit(upload.id, size, metadata.sha256);
    if (readBack) ctx.metrics.uploadsReadBack.inc();
    if (outcome === 'mismatch') throw new StudioError('hash_mismatch', { expected: metadata.sha256 });
    await recordBlob(db, {
      sha256: metadata.sha256,
      community_id: metadata.communityId,
      size,
      content_type: metadata.type,
      uploader_id: uploaderId,
      verified_at: ctx.now(),
    });
  });
  ctx.metrics.uploadsFinished.inc();
  return { status_code: 204 };
}

/** tus's answer to the creating request, once the upload it carried whole is committed. */
async function finishCreated(ctx: HubContext, upload: Upload, created: Response): Promise<Response> {
  if (!created.ok) return created;
  try {
    await commitUpload(ctx, upload);
    return created;
  } catch (err) {
    return errorResponse(err, created.headers);
  }
}
