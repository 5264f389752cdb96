import type { Migration } from '../migration';

/**
 * Curated collections and the packages that carry them.
 *
 * A collection is a draft on this device until it is published (`community_id` set); after that it
 * syncs like every shared record. Items name a lesson and, for a clip, a range of it. They keep no
 * foreign key to `lessons`: an item outlives its lesson's share (a curator sees it as withdrawn) and
 * may arrive before its lesson does. Order is a fractional index compared byte by byte (BINARY), with
 * the id breaking ties, so every device sorts the same values the same way.
 *
 * `archives` records each imported `.pcircle` package; a collection that came in one is read-only.
 */
export const collections: Migration = {
  version: 4,
  name: 'collections',
  up: `
    CREATE TABLE archives (
      id TEXT PRIMARY KEY,
      file_name TEXT NOT NULL,
      exported_by TEXT NOT NULL DEFAULT '',
      exported_at INTEGER NOT NULL,
      community_name TEXT,
      imported_at INTEGER NOT NULL
    );

    CREATE TABLE collections (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      language TEXT NOT NULL DEFAULT '',
      descriptions TEXT NOT NULL DEFAULT '[]',
      tags TEXT NOT NULL DEFAULT '[]',
      licence TEXT NOT NULL DEFAULT 'all_rights_reserved',
      cover_lesson_id TEXT,
      cover_ms INTEGER,
      origin TEXT NOT NULL CHECK (origin IN ('local', 'hub', 'archive')),
      community_id TEXT,
      -- The hub account that created it; null for this device's person before they ever signed in.
      owner_id TEXT,
      archive_id TEXT REFERENCES archives (id) ON DELETE SET NULL,
      published_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX collections_community ON collections (community_id);

    CREATE TABLE collection_items (
      id TEXT PRIMARY KEY,
      collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
      lesson_id TEXT NOT NULL,
      start_ms INTEGER,
      end_ms INTEGER,
      title TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT '',
      position TEXT NOT NULL COLLATE BINARY,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK ((start_ms IS NULL) = (end_ms IS NULL)),
      CHECK (end_ms IS NULL OR end_ms > start_ms)
    );
    CREATE INDEX collection_items_order ON collection_items (collection_id, position, id);
    CREATE INDEX collection_items_lesson ON collection_items (lesson_id);
  `,
};
