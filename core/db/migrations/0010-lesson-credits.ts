import type { Migration } from '../migration';

/**
 * What travels with a lesson that came in a `.pcircle` package: its licence, its author's name, the
 * consent record given when it was shared and the community it came from (package format 3). A
 * lesson from a community reads these from its synced record; one from a package has no such record
 * until its community's hub is reached, so the package's word is kept here. Packages older than
 * format 3 said none of it: their lessons get no row, and show the archive's exporter and community.
 */
export const lessonCredits: Migration = {
  version: 10,
  name: 'lesson-credits',
  up: `
    CREATE TABLE lesson_credits (
      lesson_id TEXT PRIMARY KEY REFERENCES lessons (id) ON DELETE CASCADE,
      archive_id TEXT REFERENCES archives (id) ON DELETE SET NULL,
      licence TEXT NOT NULL,
      author_id TEXT,
      author_name TEXT NOT NULL DEFAULT '',
      consent TEXT,
      community_id TEXT,
      community_name TEXT
    );
    ALTER TABLE lessons ADD COLUMN archive_id TEXT REFERENCES archives (id) ON DELETE SET NULL;
  `,
};
