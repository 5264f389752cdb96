import type { FastifyReply, FastifyRequest } from 'fastify';
import { StudioError } from '../common/errors';
import { refuseUnread } from './errors';

/**
 * A route's onRequest hook that refuses any other body type before a byte is read. It must run that
 * early: Fastify parses JSON and text/plain bodies into memory before a handler would see them.
 */
export function requireContentType(expected: 'application/json' | 'application/octet-stream') {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const type = req.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
    if (type !== expected) return refuseUnread(reply, new StudioError('unsupported_media_type', { expected }));
  };
}
