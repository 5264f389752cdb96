import { z } from 'zod';
import { errorPayloadSchema } from '../errors';
import { idSchema, timestampSchema } from './ids';
import { transferStateSchema } from './sharing';

/** How far this device's clock is from the hub's, when more than the drift bound (common/sync/hlc.ts). */
export const clockSkewSchema = z.object({ direction: z.enum(['ahead', 'behind']), driftMs: z.int().nonnegative() });
export type ClockSkew = z.infer<typeof clockSkewSchema>;

/** What the header's sync indicator shows; pushed as `sync.state` whenever any of it changes. */
export const syncStateSchema = z.object({
  signedIn: z.boolean(),
  sessionExpired: z.boolean(),
  /** The hub answered the last request. */
  online: z.boolean(),
  syncing: z.boolean(),
  /** Local changes not yet accepted by the hub. */
  pendingChanges: z.int().nonnegative(),
  transfersActive: z.int().nonnegative(),
  /** Transfers held back by the "only on unmetered connections" setting. */
  transfersWaiting: z.int().nonnegative(),
  lastSyncedAt: timestampSchema.nullable(),
  lastError: errorPayloadSchema.nullable(),
  /** Changes the hub refused (for instance after the person lost a role); they are not retried. */
  rejectedChanges: z.int().nonnegative(),
  /** Records from a hub or a package refused here because they claimed someone else's lesson, note or collection. */
  refusedRecords: z.int().nonnegative(),
  nextRetryAt: timestampSchema.nullable(),
  /** Set while the clock is off: changes stay in the outbox, and nothing syncs, until it is corrected. */
  clockSkew: clockSkewSchema.nullable(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

/**
 * What the UI knows about the network and the core cannot: the browser's online flag and, when the
 * platform tells (navigator.connection), whether the connection is metered; null when it cannot tell.
 */
export const connectionInputSchema = z.object({ online: z.boolean(), metered: z.boolean().nullable() }).strict();

export const transferRoles = ['media', 'poster', 'sprite', 'peaks'] as const;

export const transferSchema = z.object({
  id: idSchema,
  direction: z.enum(['upload', 'download']),
  lessonId: idSchema,
  lessonTitle: z.string(),
  role: z.enum(transferRoles),
  sizeBytes: z.int().nonnegative(),
  doneBytes: z.int().nonnegative(),
  state: transferStateSchema,
  errorCode: z.string().nullable(),
  updatedAt: timestampSchema,
  /** Measured over the last seconds while it runs; null until there is enough to say. */
  bytesPerSecond: z.number().nonnegative().nullable(),
  secondsLeft: z.number().nonnegative().nullable(),
});
export type Transfer = z.infer<typeof transferSchema>;
