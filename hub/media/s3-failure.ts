import type { MetadataBearer } from '@smithy/types';
import type { S3Location } from './s3-url';

const CREDENTIALS_HINT = 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (AWS_PROFILE names it)';

/**
 * What went wrong when the hub first asked its bucket, in words for whoever started it. Names the
 * bucket and endpoint, never a credential.
 */
export function describeS3Failure(err: unknown, location: S3Location): string {
  const where = `bucket "${location.bucket}" at ${location.endpoint ?? 'AWS S3'}`;
  if (!(err instanceof Error)) return `S3 ${where} failed: ${String(err)}`;
  const status = (err as Partial<MetadataBearer>).$metadata?.httpStatusCode;
  const code = (err as NodeJS.ErrnoException).code ?? (err.cause as NodeJS.ErrnoException | undefined)?.code;
  if (err.name === 'CredentialsProviderError') return `no S3 credentials found for ${where}: ${CREDENTIALS_HINT}`;
  if (status === 404 || err.name === 'NoSuchBucket') return `${where} does not exist`;
  if (status === 401 || status === 403) return `${where} refused access (HTTP ${status}): check the S3 credentials (${CREDENTIALS_HINT})`;
  if (status === 301) return `${where} is in another region: give it as ?region=... in --blobs`;
  if (code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/.test(code)) {
    return `cannot reach ${location.endpoint ?? 'AWS S3'} (${code})`;
  }
  if (err.name === 'TimeoutError') return `cannot reach ${location.endpoint ?? 'AWS S3'} (timed out)`;
  return `S3 ${where} failed: ${err.name}${status ? ` (HTTP ${status})` : ''}: ${err.message}`;
}
