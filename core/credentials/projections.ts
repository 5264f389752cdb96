import { registerProjection, type Applying } from '../sync/apply';
import type { SyncRecord } from '../sync/records';

/**
 * Recognition records need no tables of their own (they are read from `sync_records`); screens hear
 * when pulled ones arrive, once the pull's transaction has committed (core/credentials/calls.ts).
 */
function touched(at: Applying, record: SyncRecord): void {
  at.events.emitSoon('credentials.pulled', { communityId: record.communityId });
}

for (const entity of ['achievement', 'award', 'credential'] as const) {
  registerProjection(entity, { upsert: touched, remove: touched });
}
