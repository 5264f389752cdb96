import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createHlc } from '../common/sync/hlc';
import { pruneAttempts } from './auth/rate-limit';
import { authenticate } from './auth/sessions';
import type { HubContext } from './context';
import { openDatabase, type HubDb } from './db/open';
import { EventHub } from './events/event-hub';
import { installErrorHandlers } from './http/errors';
import { requireWellFormedHost } from './http/host-header';
import { idleConnections } from './http/idle-connections';
import { HubMetrics } from './http/metrics';
import { normalizePublicUrl } from './http/public-url';
import { DEFAULT_TIMEOUTS, timeoutOptions, type HubTimeouts } from './http/timeouts';
import { FileBlobStore, type BlobStore } from './media/blob-store';
import { parseS3Url } from './media/s3-url';
import { authRoutes } from './routes/auth';
import { benchPutRoute } from './routes/bench-put';
import { blobRoutes } from './routes/blobs';
import { credentialRoutes } from './routes/credentials';
import { communityRoutes } from './routes/communities';
import { healthRoutes } from './routes/health';
import { invitePageRoutes } from './routes/invite-page';
import { inviteRoutes } from './routes/invites';
import { memberRoutes } from './routes/members';
import { syncRoutes } from './routes/sync';
import { uploadRoutes } from './routes/uploads';
import { expireDue } from './sync/apply';
import { ensurePrivateDir } from './private-files';
import { linkProcesses } from './process-links';
import { publish } from './sync/publish';

export const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
/** How often the hub looks for shares past their agreed duration (pulls also check their community). */
const EXPIRY_SWEEP_MS = 10 * 60 * 1000;

export interface HubOptions {
  /**
   * Holds `hub.sqlite` (unless `databaseUrl` is set), `uploads/` (tus, in progress) and `blobs/`
   * (verified, by sha256). Hub processes sharing one PostgreSQL database share this folder too.
   */
  dataDir: string;
  /**
   * `s3://bucket/prefix?endpoint=...&region=...`: uploads and blobs in S3-compatible object storage
   * rather than in `dataDir` (hub/media/s3-url.ts). Credentials come from the AWS environment
   * variables or ~/.aws/credentials, never from here.
   */
  blobs?: string;
  /** `postgres://user@host:5432/name`: the tables live there instead of in `hub.sqlite`. */
  databaseUrl?: string | undefined;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The address invite links name (`https://hub.example.org`); by default the one the hub listens on. */
  publicUrl?: string;
  maxUploadBytes?: number;
  /** How long a connection may take over its headers, sit idle, or take over a whole request. */
  timeouts?: Partial<HubTimeouts>;
  /** Fastify/pino logger options; off by default so tests stay quiet. */
  logger?: FastifyServerOptions['logger'];
  /** The clock for sessions, invites, rate limits and clock-skew checks; tests move it. */
  now?: () => number;
  /** Adds the plain PUT route the sync benchmark compares tus uploads with (hub/routes/bench-put.ts). */
  benchPut?: boolean;
  /**
   * Addresses (or CIDR ranges) of the load balancers whose `X-Forwarded-For` names the client. The
   * per-address sign-in and sign-up limits count that client; without it they would count the
   * balancer, and everyone behind it would share one limit. Unset, the header is ignored: anyone could
   * write it.
   */
  trustProxy?: string[];
  /**
   * Checks each JSON answer against the endpoint table's response schema and fails the request when
   * it does not match (hub/http/route.ts). On by default under test runners (NODE_ENV=test), off otherwise.
   */
  checkResponses?: boolean;
  /** Lets `GET /metrics` answer requests bearing it from anywhere; without it, loopback only. */
  metricsToken?: string | undefined;
}

export interface Hub {
  url: string;
  port: number;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
  /** Drops every connection at once, as a crash would, then closes. */
  abort(): Promise<void>;
}

export async function createHub(options: HubOptions): Promise<Hub> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const configuredUrl = options.publicUrl === undefined ? undefined : normalizePublicUrl(options.publicUrl);
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  // Private whatever the database: it holds the media, and on SQLite the database too.
  ensurePrivateDir(options.dataDir);
  // The app's logger, once the app exists.
  const logTo: { log?: FastifyBaseLogger } = {};
  const { blobs, db, epoch, links } = await openStores(options, maxUploadBytes, logTo);
  const auth = (authorization: string | undefined) => authenticate(db, authorization, now());
  const events = new EventHub(links.notices, db, auth, now);
  const ctx: HubContext = {
    db,
    epoch,
    now,
    // Distinct per process, so stamps from several hub processes never tie.
    hlc: createHlc(`hub-${randomBytes(6).toString('base64url')}`, now),
    // Known once the hub listens, when it is not configured.
    publicUrl: configuredUrl ?? '',
    maxUploadBytes,
    blobs,
    blobLock: links.blobLock,
    uploadLocker: links.uploadLocker,
    events,
    metrics: new HubMetrics(() => events.connectionCount()),
    metricsToken: options.metricsToken,
    authenticate: auth,
    checkResponses: options.checkResponses ?? process.env.NODE_ENV === 'test',
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
    ...timeoutOptions({ ...DEFAULT_TIMEOUTS, ...options.timeouts }),
  });
  logTo.log = app.log;
  const connections = idleConnections(app.server);
  installErrorHandlers(app);
  ctx.metrics.install(app);
  requireWellFormedHost(app);
  registerRoutes(app, ctx, options);
  const sweep = startSweep(app, ctx);
  // WebSockets and idle connections would hold the server open; they close first, the database only
  // once requests are done.
  app.addHook('preClose', async () => {
    clearInterval(sweep);
    events.close();
    connections.closeIdle();
  });
  app.addHook('onClose', async () => {
    await ctx.blobs.close();
    await links.close();
    await db.destroy();
  });
  events.attach(app.server);

  try {
    await app.listen({ port: options.port ?? 0, host });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.publicUrl = configuredUrl ?? url;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close();
    return closing;
  };
  return {
    url,
    port,
    close,
    abort: () => {
      app.server.closeAllConnections();
      return close();
    },
  };
}

/** The data folder's `uploads/` and `blobs/`, or the bucket `--blobs` names, checked before the hub listens. */
async function openBlobStore(options: HubOptions, maxUploadBytes: number, db: HubDb): Promise<BlobStore> {
  if (!options.blobs) return new FileBlobStore(path.join(options.dataDir, 'uploads'), path.join(options.dataDir, 'blobs'));
  const location = parseS3Url(options.blobs);
  // Loaded only for a hub on S3: the AWS SDK adds half a second to every start of a hub without it.
  const { S3BlobStore } = await import('./media/s3-blob-store');
  return S3BlobStore.open(location, maxUploadBytes, db);
}

/** The database, the blob store (which keeps uploads' running hashes in it) and the links between hub processes, each closed again should a later one fail to open. */
async function openStores(options: HubOptions, maxUploadBytes: number, logTo: { log?: FastifyBaseLogger }) {
  // A bad --blobs URL is refused before anything is opened.
  if (options.blobs) parseS3Url(options.blobs);
  const { db, epoch } = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const blobs = await openBlobStore(options, maxUploadBytes, db).catch(async (err: unknown) => {
    await db.destroy();
    throw err;
  });
  const links = await linkProcesses(options.databaseUrl, (err) =>
    logTo.log?.warn({ err }, 'live notices: listening connection lost'),
  ).catch(async (err: unknown) => {
    await db.destroy();
    await blobs.close();
    throw err;
  });
  return { blobs, db, epoch, links };
}

/** Every route the hub serves. */
function registerRoutes(app: FastifyInstance, ctx: HubContext, options: HubOptions): void {
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  communityRoutes(app, ctx);
  inviteRoutes(app, ctx);
  invitePageRoutes(app, ctx);
  memberRoutes(app, ctx);
  syncRoutes(app, ctx);
  blobRoutes(app, ctx);
  credentialRoutes(app, ctx);
  uploadRoutes(app, ctx);
  if (options.benchPut) benchPutRoute(app, ctx, options.dataDir);
}

/** Every EXPIRY_SWEEP_MS: records whose expiry has passed are deleted (and devices told), old sign-in attempts pruned. */
function startSweep(app: FastifyInstance, ctx: HubContext): NodeJS.Timeout {
  const { db, now } = ctx;
  const sweep = setInterval(() => {
    expireDue(db, now(), ctx.hlc)
      .then((outcome) => publish(ctx, outcome, app.log))
      .catch((err: unknown) => app.log.error({ err }, 'expiry sweep failed'));
    pruneAttempts(db, now()).catch((err: unknown) => app.log.error({ err }, 'pruning sign-in attempts failed'));
  }, EXPIRY_SWEEP_MS);
  sweep.unref();
  return sweep;
}
