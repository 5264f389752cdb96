import type { ErrorPayload } from '../common/errors';

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
    case 'internal':
      return 500;
    default:
      return 422;
  }
}
