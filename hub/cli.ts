import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrateCommand } from './migrate-command';
import { createHub, DEFAULT_MAX_UPLOAD_BYTES } from './server';

/** How long a graceful shutdown may wait for in-flight requests before connections are cut. */
const SHUTDOWN_GRACE_MS = 30_000;

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  data: z.string().min(1).default('hub-data'),
  // The tables on PostgreSQL instead of `<data>/hub.sqlite`; the media stays under --data.
  database: z.string().min(1).optional(),
  host: z.string().min(1).default('127.0.0.1'),
  // What invite links name; the listening address by default, which is wrong behind a proxy or on 0.0.0.0.
  'public-url': z.url({ protocol: /^https?$/ }).optional(),
  'max-upload-mb': z.coerce
    .number()
    .int()
    .positive()
    .default(DEFAULT_MAX_UPLOAD_BYTES / (1024 * 1024)),
  'bench-put': z.boolean().default(false),
  // s3://bucket/prefix?endpoint=...&region=...; checked in full (hub/media/s3-url.ts) as the hub starts.
  blobs: z.string().min(1).optional(),
  // Lets GET /metrics answer from anywhere with `Authorization: Bearer <token>`; without it, loopback only.
  'metrics-token': z.string().min(16).optional(),
  'trust-proxy': z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      database: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      'max-upload-mb': { type: 'string' },
      'bench-put': { type: 'boolean' },
      blobs: { type: 'string' },
      'metrics-token': { type: 'string' },
      'trust-proxy': { type: 'string' },
    },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const hub = await createHub({
    dataDir: args.data,
    ...(args.blobs && { blobs: args.blobs }),
    databaseUrl: args.database,
    port: args.port,
    host: args.host,
    ...(args['public-url'] && { publicUrl: args['public-url'] }),
    maxUploadBytes: args['max-upload-mb'] * 1024 * 1024,
    benchPut: args['bench-put'],
    metricsToken: args['metrics-token'] ?? process.env.HUB_METRICS_TOKEN,
    ...(args['trust-proxy'] && { trustProxy: args['trust-proxy'] }),
    // Structured logs go to stderr so stdout carries only the line below for whoever started the hub.
    logger: { level: process.env.LOG_LEVEL ?? 'info', stream: process.stderr },
  });
  process.stdout.write(`Practice Circle hub listening on ${hub.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: `${signal}: closing` })}\n`);
    const force = setTimeout(() => void hub.abort(), SHUTDOWN_GRACE_MS);
    force.unref();
    hub.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[2] === 'migrate') {
  migrateCommand(process.argv.slice(3)).catch((err: unknown) => {
    process.stderr.write(`Practice Circle hub migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`Practice Circle hub could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
