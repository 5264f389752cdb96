import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';

/**
 * How long the hub waits on a connection. Anyone can open one without signing in, so none may be
 * held for ever; but a teacher on a slow, metered link uploads 8 MiB tus chunks (the studio's
 * chunk size), and those must never be cut while bytes are still arriving.
 */
export interface HubTimeouts {
  /** From a connection's (or request's) first byte until all its headers have arrived. */
  headersMs: number;
  /**
   * With no byte in either direction: what cuts a request body (or a connection) that stalls. It also
   * runs while the hub works on an answer, so it stays far above the slowest (verifying a 4 GB upload
   * from its first byte after a restart).
   */
  idleMs: number;
  /**
   * From a request's first byte until its whole body has arrived, however steadily it trickles. An
   * 8 MiB chunk takes 4.4 min at 256 kbit/s; 15 min lets it through at a third of that (a shared or
   * lossy link). A client sending larger chunks over a slower link is cut and resumes from what the
   * hub received.
   */
  requestMs: number;
  /** An idle kept-alive connection between requests: above the 60 s idle time of common load balancers. */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: HubTimeouts = {
  headersMs: 30_000,
  idleMs: 90_000,
  requestMs: 15 * 60_000,
  keepAliveMs: 72_000,
};

/** Node checks header and request deadlines on a timer, not per byte; this keeps the lateness small. */
const CHECKS_PER_HEADERS_TIMEOUT = 6;

/** The Fastify (and Node http server) options that enforce `timeouts`. */
export function timeoutOptions(timeouts: HubTimeouts): FastifyHttpOptions<Server> {
  return {
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: Math.max(25, Math.floor(timeouts.headersMs / CHECKS_PER_HEADERS_TIMEOUT)),
    },
  };
}
