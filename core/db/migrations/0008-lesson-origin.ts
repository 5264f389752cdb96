import type { Migration } from '../migration';

/**
 * Where a lesson came from, so that nothing arriving from outside can take over one this studio made.
 * Ids travel (every package and every shared record carries them), so a match by id alone is no proof
 * of identity: a lesson made here (`local`) is only ever changed by this studio's own edits; one from
 * a community (`hub`) or a package (`archive`) is someone else's copy.
 *
 * Lessons that a community brought are marked from their share. Lessons that an earlier version
 * unpacked from a package without a share are recognised by what only a package import wrote: no
 * original file name on an imported lesson. `sync_conflicts` keeps what was refused, for the person
 * to see why a record did not arrive.
 */
export const lessonOrigin: Migration = {
  version: 8,
  name: 'lesson-origin',
  up: `
    ALTER TABLE lessons ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'hub', 'archive'));
    UPDATE lessons SET origin = 'hub' WHERE id IN (SELECT lesson_id FROM lesson_shares WHERE origin = 'hub');
    UPDATE lessons SET origin = 'archive'
      WHERE origin = 'local' AND source = 'import' AND original_name IS NULL AND id NOT IN (SELECT lesson_id FROM lesson_shares);

    CREATE TABLE sync_conflicts (
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      community_id TEXT NOT NULL DEFAULT '',
      owner_id TEXT NOT NULL DEFAULT '',
      source TEXT NOT NULL CHECK (source IN ('hub', 'package')),
      reason TEXT NOT NULL,
      seen_at INTEGER NOT NULL,
      PRIMARY KEY (entity, record_id, community_id, owner_id, source)
    );
  `,
};
