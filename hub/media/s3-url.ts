import { z } from 'zod';

/** Where the hub keeps media in S3-compatible object storage, from `--blobs s3://bucket/prefix?...`. */
export interface S3Location {
  bucket: string;
  /** '' or a key prefix ending in '/', under which `uploads/` and `blobs/` live. */
  prefix: string;
  /** An S3-compatible server's address; absent for AWS itself. */
  endpoint?: string;
  region?: string;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key`; the default with an endpoint. */
  forcePathStyle: boolean;
}

/** Bucket names as S3 accepts them (lower case, digits, dots, hyphens; 3 to 63 characters). */
const bucketSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'a bucket name is 3 to 63 lower-case letters, digits, dots or hyphens');

const querySchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/, error: 'endpoint must be an http:// or https:// address' }).optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'region is a name such as eu-west-1')
    .optional(),
  forcePathStyle: z.enum(['true', 'false'], { error: 'forcePathStyle is true or false' }).optional(),
});

const HINT = 'expected s3://bucket/prefix?endpoint=https://...&region=...';

/** Parses and checks an `s3://` URL; throws an Error whose message says what is wrong, never a stack of zod issues. */
export function parseS3Url(text: string): S3Location {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--blobs: "${text}" is not a URL (${HINT})`);
  }
  if (url.protocol !== 's3:') throw new Error(`--blobs: only s3:// URLs are understood (${HINT})`);
  // Keys never go on the command line, where other users of the machine and shell history see them.
  if (url.username || url.password) {
    throw new Error('--blobs: credentials do not belong in the URL; use AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws/credentials');
  }
  const bucket = bucketSchema.safeParse(url.hostname);
  if (!bucket.success) throw new Error(`--blobs: bucket "${url.hostname}": ${bucket.error.issues[0]!.message} (${HINT})`);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    const issue = query.error.issues[0]!;
    const message = issue.code === 'unrecognized_keys' ? `unknown option ${issue.keys.join(', ')}` : issue.message;
    throw new Error(`--blobs: ${message} (${HINT})`);
  }
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  if (prefix !== '' && prefix.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new Error(`--blobs: the prefix "${prefix}" has an empty, "." or ".." segment`);
  }
  const { endpoint, region, forcePathStyle } = query.data;
  return {
    bucket: bucket.data,
    prefix: prefix === '' ? '' : `${prefix}/`,
    ...(endpoint && { endpoint }),
    ...(region && { region }),
    forcePathStyle: forcePathStyle === undefined ? endpoint !== undefined : forcePathStyle === 'true',
  };
}
