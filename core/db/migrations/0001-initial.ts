import type { Migration } from '../migration';

/** Lessons, their media assets, notes, tags, settings and the media job queue. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE lessons (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      subject TEXT NOT NULL DEFAULT '',
      grade TEXT NOT NULL DEFAULT '',
      language TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
      error_code TEXT,
      source TEXT NOT NULL CHECK (source IN ('import', 'recording')),
      original_name TEXT,
      duration_ms INTEGER,
      width INTEGER,
      height INTEGER,
      rotation INTEGER NOT NULL DEFAULT 0,
      video_codec TEXT,
      audio_codec TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX lessons_created ON lessons (created_at DESC, id);
    CREATE INDEX lessons_title ON lessons (title COLLATE NOCASE, id);

    CREATE TABLE media_assets (
      id TEXT PRIMARY KEY,
      lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      rel_path TEXT NOT NULL,
      mime TEXT NOT NULL,
      size_bytes INTEGER NOT NULL DEFAULT 0,
      sha256 TEXT,
      created_at INTEGER NOT NULL,
      UNIQUE (lesson_id, kind)
    );

    CREATE TABLE notes (
      id TEXT PRIMARY KEY,
      lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
      parent_id TEXT REFERENCES notes (id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      start_ms INTEGER NOT NULL,
      end_ms INTEGER,
      text TEXT NOT NULL,
      code_id TEXT,
      author_name TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK (end_ms IS NULL OR end_ms >= start_ms)
    );
    CREATE INDEX notes_lesson ON notes (lesson_id, start_ms);

    CREATE TABLE tags (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE
    );
    CREATE TABLE lesson_tags (
      lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
      tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      PRIMARY KEY (lesson_id, tag_id)
    );

    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      lesson_id TEXT REFERENCES lessons (id) ON DELETE CASCADE,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
      progress REAL NOT NULL DEFAULT 0,
      params TEXT NOT NULL DEFAULT '{}',
      error_code TEXT,
      error_detail TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX jobs_status ON jobs (status, created_at);
    CREATE INDEX jobs_lesson ON jobs (lesson_id);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
