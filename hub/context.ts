import type { Locker } from '@tus/server';
import type { Hlc } from '../common/sync/hlc';
import type { SessionUser } from './auth/sessions';
import type { HubDb } from './db/open';
import type { EventHub } from './events/event-hub';
import type { HubMetrics } from './http/metrics';
import type { BlobStore } from './media/blob-store';
import type { BlobLock } from './media/keyed-lock';

/** What every route needs, created once per hub. */
export interface HubContext {
  db: HubDb;
  /** Names this database's op log; part of every cursor. */
  epoch: string;
  now: () => number;
  /** The hub's own clock, for the tombstones it writes when shares expire. */
  hlc: Hlc;
  /**
   * The hub's address as people reach it (behind a proxy, its public https address), for the links
   * it hands out; never taken from a request's Host header, which the client chooses.
   */
  publicUrl: string;
  maxUploadBytes: number;
  blobs: BlobStore;
  /** Serialises storing and removing the same blob (keyed by sha256). */
  blobLock: BlobLock;
  /** tus's lock on each upload: across processes when several serve the hub (hub/process-links.ts). */
  uploadLocker: Locker;
  events: EventHub;
  metrics: HubMetrics;
  /** Lets `/metrics` answer a request bearing it, from anywhere (else loopback only). */
  metricsToken: string | undefined;
  authenticate(authorization: string | undefined): Promise<SessionUser>;
  /** Checks every JSON answer against its endpoint's response schema (hub/http/route.ts); for tests. */
  checkResponses: boolean;
}
