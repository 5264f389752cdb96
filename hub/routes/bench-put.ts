import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubContext } from '../context';

/** The route of the baseline upload. */
export const BENCH_PUT_PATH = '/bench/put';

/**
 * Benchmark only, off unless the hub is started with `--bench-put`: a plain streamed HTTP PUT to a
 * file in the data folder, the baseline the studio's tus uploads are measured against in the same
 * hub process. Signed-in accounts only, like every other write. Not in the endpoint table (it streams
 * a raw body and is no part of the protocol), so it is registered directly, not through route().
 */
export function benchPutRoute(app: FastifyInstance, ctx: HubContext, dataDir: string): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.put(BENCH_PUT_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
      await ctx.authenticate(request.headers.authorization);
      // Written like a real upload (flushed to disk before it is answered, as an uploaded blob is
      // before it counts as stored), then deleted, so repeated runs take no space.
      const file = path.join(dataDir, `bench-put-${process.pid}-${Date.now()}.bin`);
      await pipeline(request.raw, createWriteStream(file));
      const handle = await open(file, 'r+');
      await handle.sync();
      await handle.close();
      await rm(file, { force: true });
      return reply.status(204).send();
    });
  });
}
