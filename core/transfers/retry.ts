import type { ErrorCode } from '../../common/errors';

/** A transfer is attempted at most this many times (an unreachable hub does not count). */
export const MAX_ATTEMPTS = 6;

/** A blob not on the hub yet (its upload has not finished) is asked for again after this long. */
export const MISSING_BLOB_RETRY_MS = 30_000;

/** Failures another attempt cannot fix: the hub refused these bytes, or this person's right to send them. */
export const permanent: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['hash_mismatch', 'payload_too_large', 'forbidden']);

/** Waits between attempts: 1 s, doubling, at most a minute. */
export const backoffMs = (attempts: number) => Math.min(60_000, 1000 * 2 ** attempts);
