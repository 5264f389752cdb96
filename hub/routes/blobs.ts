import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { StudioError } from '../../common/errors';
import { blobQuerySchema, hubEndpoints } from '../../common/hub-api';
import { can } from '../../common/permissions';
import { sha256Schema } from '../../common/sync/fields';
import type { HubContext } from '../context';
import { BlobTypes, OCTET_STREAM } from '../media/media-type';
import { parseRange } from '../media/range';

const paramsSchema = z.object({ sha256: sha256Schema });

/**
 * Verified blobs, for members of a community the blob was uploaded to. Content addressing makes a
 * blob immutable, so its sha256 is its ETag and devices may cache it for good; Range requests let an
 * interrupted download resume. A blob is served as the type its bytes show, never the one its
 * uploader declared, and never as something a browser would run.
 */
export function blobRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { db } = ctx;
  const types = new BlobTypes(ctx.blobs);

  async function accessibleBlob(request: FastifyRequest) {
    const user = await ctx.authenticate(request.headers.authorization);
    const { sha256 } = paramsSchema.parse(request.params);
    const { community } = blobQuerySchema.parse(request.query);
    let query = db
      .selectFrom('blobs')
      .leftJoin('members', (join) => join.onRef('members.community_id', '=', 'blobs.community_id').on('members.user_id', '=', user.userId))
      .select(['blobs.sha256', 'blobs.size', 'members.role'])
      .where('blobs.sha256', '=', sha256);
    if (community) query = query.where('blobs.community_id', '=', community);
    const rows = await query.execute();
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
    url: hubEndpoints.blob.path,
    handler: async (request, reply) => {
      const blob = await accessibleBlob(request);
      await commonHeaders(reply, blob);
      return reply.header('content-length', blob.size).status(200).send();
    },
  });

  app.get(hubEndpoints.blob.path, { exposeHeadRoute: false }, async (request, reply) => {
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
