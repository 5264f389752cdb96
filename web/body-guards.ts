import type { FastifyReply, FastifyRequest } from 'fastify';
import { StudioError } from '../common/errors';
import { sendError } from './errors';

/*
 * Route onRequest hooks that refuse a body before a byte of it is read. They must run that early:
 * Fastify parses JSON and text/plain bodies into memory before a handler would see them. Node then
 * reads and discards whatever the client still sends, holding none of it; closing the connection
 * instead would reset it, and the client could lose the answer.
 */

export function requireContentType(expected: 'application/json' | 'application/octet-stream') {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const type = req.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
    if (type !== expected) return sendError(reply, new StudioError('unsupported_media_type', { expected }));
  };
}

/** A body that says up front it is too large; one that only grows too large is stopped where it is read. */
export function refuseAnnouncedOver(maxBytes: number) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return sendError(reply, new StudioError('payload_too_large', { maxBytes }));
  };
}
