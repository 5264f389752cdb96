import type { FastifyError, FastifyInstance } from 'fastify';
import { StudioError, toErrorPayload, type ErrorCode, type ErrorPayload } from '../../common/errors';
import { HASH_MISMATCH_STATUS } from '../../common/hub-api';

const statusByCode: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  clock_skew: 400,
  password_too_common: 400,
  range_invalid: 416,
  unauthorized: 401,
  session_expired: 401,
  credentials_invalid: 401,
  forbidden: 403,
  not_found: 404,
  invite_invalid: 404,
  credential_not_found: 404,
  conflict: 409,
  last_lead: 409,
  resync_required: 410,
  invite_expired: 410,
  payload_too_large: 413,
  rate_limited: 429,
  hash_mismatch: HASH_MISMATCH_STATUS,
  // The hub cannot serve (its database or media store is unreachable): GET /health.
  hub_unreachable: 503,
};

export function statusFor(code: ErrorCode): number {
  return statusByCode[code] ?? 500;
}

/** Fastify's own failures (bad JSON, body too large, unsupported type) in our error vocabulary. */
function fromFastifyError(err: FastifyError): ErrorPayload | null {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return toErrorPayload(new StudioError('payload_too_large'));
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return toErrorPayload(new StudioError('invalid_input', { issue: err.message }));
  }
  return null;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const payload = err instanceof StudioError ? toErrorPayload(err) : (fromFastifyError(err) ?? toErrorPayload(err));
    const status = statusFor(payload.code);
    if (status >= 500) request.log.error({ err }, 'request failed');
    if (payload.code === 'internal') payload.message = 'internal error';
    const retryAfter = payload.params.retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(payload);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(toErrorPayload(new StudioError('not_found', { route: `${request.method} ${request.url.split('?')[0]}` }))),
  );
}
