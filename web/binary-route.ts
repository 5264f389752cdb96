import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { binaryFields, isCallName } from '../common/contract';
import { StudioError } from '../common/errors';
import { RECORDING_CHUNK_MAX_BYTES } from '../common/schemas/recording';
import type { Core } from '../core';
import { dispatch } from '../core/dispatch';
import { refuseAnnouncedOver, requireContentType } from './body-guards';
import { sendError } from './errors';

/** Reads a raw body into memory, refusing it as soon as it grows past `max`. */
async function readBody(body: Readable, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > max) throw new StudioError('payload_too_large', { maxBytes: max });
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/**
 * POST /rpc-binary/<name>?input=<json>: a contract call whose bytes field (recording chunks) arrives as
 * the raw application/octet-stream body instead of JSON. The shell only moves the bytes; the core's
 * dispatch parses and checks the whole input as for any other call. The token check covers it like
 * every route.
 */
export function registerBinaryRoute(app: FastifyInstance, core: Core): void {
  const guards = [requireContentType('application/octet-stream'), refuseAnnouncedOver(RECORDING_CHUNK_MAX_BYTES)];
  app.post<{ Params: { name: string }; Querystring: { input?: string } }>(
    '/rpc-binary/:name',
    { onRequest: guards },
    async (req, reply) => {
      try {
        const name = req.params.name;
        const field = isCallName(name) ? binaryFields[name] : undefined;
        if (!field) throw new StudioError('not_found', { entity: 'call', id: name });
        let fields: unknown;
        try {
          fields = JSON.parse(req.query.input ?? '{}');
        } catch {
          throw new StudioError('invalid_input', { path: 'input', issue: 'not JSON' });
        }
        if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
          throw new StudioError('invalid_input', { path: 'input', issue: 'not an object' });
        const data = await readBody(req.body as Readable, RECORDING_CHUNK_MAX_BYTES);
        return { result: await dispatch(core.api, name, { ...fields, [field]: data }) };
      } catch (err) {
        return sendError(reply, err);
      }
    },
  );
}
