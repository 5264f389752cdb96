import type { Reflection } from '../../common/schemas/reflection';
import type { Db } from '../db/open';

interface ReflectionRow {
  lesson_id: string;
  went_well: string;
  would_change: string;
  feedback_wanted: string;
  shared: number;
  updated_at: number;
}

export function getReflection(db: Db, lessonId: string): Reflection | undefined {
  const r = db.prepare('SELECT * FROM reflections WHERE lesson_id = ?').get(lessonId) as ReflectionRow | undefined;
  return (
    r && {
      lessonId: r.lesson_id,
      wentWell: r.went_well,
      wouldChange: r.would_change,
      feedbackWanted: r.feedback_wanted,
      shared: r.shared === 1,
      updatedAt: r.updated_at,
    }
  );
}

export function upsertReflection(db: Db, r: Reflection & { updatedAt: number }): void {
  db.prepare(
    `INSERT INTO reflections (lesson_id, went_well, would_change, feedback_wanted, shared, updated_at)
     VALUES (@lessonId, @wentWell, @wouldChange, @feedbackWanted, @shared, @updatedAt)
     ON CONFLICT (lesson_id) DO UPDATE SET went_well = excluded.went_well, would_change = excluded.would_change,
       feedback_wanted = excluded.feedback_wanted, shared = excluded.shared, updated_at = excluded.updated_at`,
  ).run({ ...r, shared: r.shared ? 1 : 0 });
}
