import type { Migration } from '../migration';

/**
 * Peer review on this device. Submitted work (requests, reviews, action plans, rubrics, calibration)
 * lives in `sync_records` like every synced record; these tables hold what never travels:
 *
 * - `review_drafts`: a mentor's review in progress, one per request, under the id it will be submitted
 *   as. `sent` waits for the hub to take the submission; `rejected` keeps the hub's reason, and
 *   `base_record` the synced record as it was before, to put back. An amendment is a draft of a
 *   submitted review (`base_version` > 0).
 * - `review_draft_notes`: the draft's glow and grow notes, private notes until the review is submitted.
 * - `review_notifications`: the in-app inbox; `key` names what a notice is about, so each is told once.
 */
export const review: Migration = {
  version: 5,
  name: 'review',
  up: `
    CREATE TABLE review_drafts (
      id TEXT PRIMARY KEY,
      request_id TEXT NOT NULL UNIQUE,
      lesson_id TEXT NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
      community_id TEXT NOT NULL,
      scores TEXT NOT NULL DEFAULT '[]',
      strengths TEXT NOT NULL DEFAULT '',
      next_steps TEXT NOT NULL DEFAULT '',
      base_version INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL DEFAULT 'editing' CHECK (state IN ('editing', 'sent', 'rejected')),
      base_record TEXT,
      reject_code TEXT,
      reject_params TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX review_drafts_lesson ON review_drafts (lesson_id);

    CREATE TABLE review_draft_notes (
      draft_id TEXT NOT NULL REFERENCES review_drafts (id) ON DELETE CASCADE,
      note_id TEXT NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      PRIMARY KEY (draft_id, note_id)
    );

    CREATE TABLE review_notifications (
      id TEXT PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('request_new', 'review_submitted', 'reply', 'due_soon')),
      community_id TEXT NOT NULL,
      lesson_id TEXT,
      request_id TEXT,
      review_id TEXT,
      note_id TEXT,
      actor_id TEXT,
      created_at INTEGER NOT NULL,
      read_at INTEGER
    );
    CREATE INDEX review_notifications_recent ON review_notifications (created_at DESC);
  `,
};
