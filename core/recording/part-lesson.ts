import fs from 'node:fs/promises';
import type { Lesson } from '../../common/schemas/lesson';
import type { CoreContext } from '../app/context';
import { getLesson } from '../library/lessons';
import { insertLesson } from '../library/queries';
import { journalFile, partFile, type Journal } from './journal';

/**
 * Turns a recording's part file into a lesson, stopped or recovered. The lesson and its remux job are
 * written together: a lesson never exists without the job that finishes it.
 */
export async function lessonFromPart(
  ctx: CoreContext,
  id: string,
  title: string,
  durationMs: number | null,
  journal: Journal | null,
): Promise<Lesson> {
  const dir = ctx.paths.recordings;
  ctx.db.transaction(() => {
    insertLesson(ctx.db, {
      id,
      title,
      status: 'processing',
      source: 'recording',
      originalName: null,
      durationMs,
      width: journal?.width ?? null,
      height: journal?.height ?? null,
      rotation: 0,
      videoCodec: null,
      audioCodec: null,
      now: ctx.now(),
    });
    ctx.jobs.enqueue('remux', id, { partPath: partFile(dir, id) });
  })();
  // From here the remux job owns the part file; the journal has nothing more to say.
  await fs.rm(journalFile(dir, id), { force: true });
  ctx.bus.emit('library.changed', { lessonIds: [id] });
  return getLesson(ctx, id);
}
