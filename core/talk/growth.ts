import type { TalkAnalysisFields } from '../../common/sync/entities';
import type { TalkGrowth } from '../../common/schemas/talk';
import type { CoreContext } from '../app/context';
import { myUserId } from '../sync/account';
import { talkAnalysis } from './talk';

/**
 * A teacher's talk figures lesson by lesson, oldest first, for the Growth view. The teacher's own
 * lessons are those made on this computer, read with their corrections; someone else's are only
 * those they shared with their talk analysis, as this device received them.
 */
export function talkGrowth(ctx: Pick<CoreContext, 'db'>, { teacherId }: { teacherId?: string }): TalkGrowth {
  const me = myUserId(ctx.db);
  if (!teacherId || teacherId === me) {
    const rows = ctx.db
      .prepare(
        `SELECT l.id, l.title, l.created_at FROM lessons l JOIN talk_analyses a ON a.lesson_id = l.id
         WHERE l.origin = 'local' ORDER BY l.created_at, l.id`,
      )
      .all() as Array<{ id: string; title: string; created_at: number }>;
    const lessons = rows.flatMap((r) => {
      const a = talkAnalysis(ctx, r.id);
      return a.status === 'ready' && a.figures && a.segments.length > 0
        ? [{ lessonId: r.id, title: r.title, at: r.created_at, figures: a.figures }]
        : [];
    });
    return { lessons };
  }
  const rows = ctx.db
    .prepare(
      `SELECT r.record_id, r.fields, l.title, l.created_at FROM sync_records r JOIN lessons l ON l.id = r.record_id
       WHERE r.entity = 'talkAnalysis' AND r.deleted_hlc IS NULL AND r.owner_id = ? ORDER BY l.created_at, l.id`,
    )
    .all(teacherId) as Array<{ record_id: string; fields: string; title: string; created_at: number }>;
  return {
    lessons: rows.map((r) => ({
      lessonId: r.record_id,
      title: r.title,
      at: r.created_at,
      figures: (JSON.parse(r.fields) as TalkAnalysisFields).figures,
    })),
  };
}
