import type { FastifyError, FastifyReply } from 'fastify';
import { StudioError, toErrorPayload, type ErrorPayload } from '../common/errors';

/** HTTP status for an error code; the body is always the plain `{code, message, params}` payload. */
export function httpStatus(payload: ErrorPayload): number {
  switch (payload.code) {
    case 'invalid_input':
    case 'note_too_long':
    case 'range_invalid':
    case 'caption_invalid':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
    case 'file_not_found':
    case 'job_not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'internal':
      return 500;
    default:
      return 422;
  }
}

export function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  const payload = toErrorPayload(err);
  return reply.code(httpStatus(payload)).send(payload);
}

/**
 * Fastify's own refusals (malformed JSON, an oversized JSON body) in the shape the renderer reads;
 * anything else it throws is ours to fix, so it stays a 500.
 */
export function fromFastifyError(err: unknown): unknown {
  if (err instanceof StudioError || !(err instanceof Error)) return err;
  const { statusCode } = err as FastifyError;
  if (statusCode === 413) return new StudioError('payload_too_large', {});
  if (statusCode === 415) return new StudioError('unsupported_media_type', {});
  if (statusCode && statusCode >= 400 && statusCode < 500) return new StudioError('invalid_input', { issue: (err as FastifyError).code });
  return err;
}
