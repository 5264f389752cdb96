import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StudioError } from '../../common/errors';
import { hubEndpoints } from '../../common/hub-api';
import { can } from '../../common/permissions';
import type { HubContext } from '../context';
import { BlobTypes, OCTET_STREAM } from '../media/media-type';
import { blobCopies } from '../media/queries';
import { parseRange } from '../media/range';

const e = hubEndpoints.blob;

/**
 * Verified blobs, for members of a community the blob was uploaded to. Content addressing makes a
 * blob immutable, so its sha256 is its ETag and devices may cache it for good; Range requests let an
 * interrupted download resume. A blob is served as the type its bytes show, never the one its
 * uploader declared, and never as something a browser would run.
 *
 * These routes stay outside hub/http/route.ts: they answer bytes (with Range and HEAD), not the JSON
 * a response schema describes. They take their path, params and query schemas from the same table.
 */
export function blobRoutes(app: FastifyInstance, ctx: HubContext): void {
  const types = new BlobTypes(ctx.blobs);

  async function accessibleBlob(request: FastifyRequest) {
    const user = await ctx.authenticate(request.headers.authorization);
    const { sha256 } = e.params.parse(request.params);
    const { community } = e.query.parse(request.query);
    const rows = await blobCopies(ctx.db, sha256, user.userId, community);
    if (rows.length === 0) throw new StudioError('not_found', { sha256 });
    const allowed = rows.find((row) => row.role !== null && can(row.role, 'media.download'));
    if (!allowed) throw new StudioError('forbidden', { reason: 'not_member' });
    return allowed;
  }

  async function commonHeaders(reply: FastifyReply, blob: { sha256: string; size: number }): Promise<void> {
    const type = await types.of(blob.sha256, blob.size);
    void reply.headers({
      'accept-ranges': 'bytes',
      etag: `"${blob.sha256}"`,
      'content-type': type,
      'x-content-type-options': 'nosniff',
      // Opened in a browser all the same, it runs nothing, loads nothing and has an origin of its own.
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': type === OCTET_STREAM ? `attachment; filename="${blob.sha256}"` : 'inline',
      'cache-control': 'private, max-age=31536000, immutable',
    });
  }

  app.route({
    method: 'HEAD',
    url: e.path,
    handler: async (request, reply) => {
      const blob = await accessibleBlob(request);
      await commonHeaders(reply, blob);
      return reply.header('content-length', blob.size).status(200).send();
    },
  });

  app.get(e.path, { exposeHeadRoute: false }, async (request, reply) => {
    const blob = await accessibleBlob(request);
    await commonHeaders(reply, blob);
    const ifRange = request.headers['if-range'];
    const range = ifRange && ifRange !== `"${blob.sha256}"` ? null : parseRange(request.headers.range, blob.size);
    if (range === 'unsatisfiable') {
      void reply.header('content-range', `bytes */${blob.size}`);
      throw new StudioError('range_invalid', { size: blob.size });
    }
    if (!range) return reply.header('content-length', blob.size).send(ctx.blobs.read(blob.sha256));
    return reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${blob.size}`)
      .header('content-length', range.end - range.start + 1)
      .send(ctx.blobs.read(blob.sha256, range));
  });
}
