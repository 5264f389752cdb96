import type { Applying, Projections } from '../sync/projection';
import type { SyncRecord } from '../sync/records';

/**
 * Recognition records need no tables of their own (they are read from `sync_records`); screens hear
 * when pulled ones arrive, once the pull's transaction has committed (core/credentials/calls.ts).
 */
function touched(at: Applying, record: SyncRecord): void {
  at.events.emitSoon('credentials.pulled', { communityId: record.communityId });
}

export const credentialProjections: Projections = Object.fromEntries(
  (['achievement', 'award', 'credential'] as const).map((entity) => [entity, { upsert: touched, remove: touched }]),
);
