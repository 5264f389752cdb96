import type { Migration } from '../migration';

/**
 * Community sync: the cached communities and members, the synced state of every shared record with
 * the clock stamp of each field (last writer wins locally too), the outbox of operations waiting for
 * the hub, which lessons are shared where, and media transfers that survive restarts.
 *
 * Notes gain `private` (the teacher's own notes stay on the device unless they choose otherwise) and
 * `author_id` (the hub account of a note that came from someone else; null for this device's person).
 * A lesson that arrives from a community is an ordinary `lessons` row with source 'import' (it came from
 * outside the device) and a `lesson_shares` row with origin 'hub' saying where from.
 */
export const sync: Migration = {
  version: 3,
  name: 'sync',
  up: `
    CREATE TABLE sync_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE communities (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      languages TEXT NOT NULL DEFAULT '[]',
      my_role TEXT NOT NULL CHECK (my_role IN ('lead', 'mentor', 'member')),
      created_at INTEGER NOT NULL,
      -- Where the next pull starts; null pulls from the beginning (first sync, or after resync_required).
      cursor TEXT,
      refreshed_at INTEGER,
      pulled_at INTEGER
    );

    CREATE TABLE community_members (
      community_id TEXT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('lead', 'mentor', 'member')),
      country TEXT,
      languages TEXT NOT NULL DEFAULT '[]',
      timezone TEXT,
      joined_at INTEGER NOT NULL,
      PRIMARY KEY (community_id, user_id)
    );

    -- One row per synced record, tombstones included: its values as synced and each field's stamp.
    CREATE TABLE sync_records (
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      community_id TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      created_hlc TEXT NOT NULL,
      deleted_hlc TEXT,
      fields TEXT NOT NULL DEFAULT '{}',
      field_hlcs TEXT NOT NULL DEFAULT '{}',
      -- Cleared when a full re-pull starts; records still 0 at its end are gone from the hub.
      seen INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (entity, record_id)
    );
    CREATE INDEX sync_records_community ON sync_records (community_id, entity);

    CREATE TABLE lesson_shares (
      lesson_id TEXT PRIMARY KEY REFERENCES lessons (id) ON DELETE CASCADE,
      community_id TEXT NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('local', 'hub')),
      owner_id TEXT NOT NULL,
      shared_at INTEGER NOT NULL
    );
    CREATE INDEX lesson_shares_community ON lesson_shares (community_id);

    -- Written in the same transaction as the change it describes; removed once the hub has answered.
    CREATE TABLE outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      op_id TEXT NOT NULL UNIQUE,
      community_id TEXT NOT NULL,
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      -- The lesson the op belongs to (itself, or a note's lesson): its ops wait while its media uploads.
      lesson_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('upsert', 'delete')),
      fields TEXT NOT NULL,
      hlc TEXT NOT NULL,
      author_id TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX outbox_lesson ON outbox (lesson_id);

    CREATE TABLE transfers (
      id TEXT PRIMARY KEY,
      direction TEXT NOT NULL CHECK (direction IN ('upload', 'download')),
      community_id TEXT NOT NULL,
      lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('media', 'poster', 'sprite', 'peaks')),
      sha256 TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      mime TEXT NOT NULL,
      -- The file in the library: what is sent, or where what arrives goes once verified.
      rel_path TEXT NOT NULL,
      -- The tus upload's address, kept so an upload resumes after a restart instead of starting over.
      upload_url TEXT,
      done_bytes INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed')),
      error_code TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      -- After a failure that may pass (hub unreachable, media not uploaded yet): not before this time.
      retry_at INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (direction, lesson_id, role)
    );
    CREATE INDEX transfers_state ON transfers (state, created_at);

    ALTER TABLE notes ADD COLUMN private INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE notes ADD COLUMN author_id TEXT;
  `,
};
