import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import { idSchema } from '../../common/schemas/ids';
import type { Lesson } from '../../common/schemas/lesson';
import type { UnfinishedRecording } from '../../common/schemas/recording';
import type { CoreContext } from '../app/context';
import { getLessonRow } from '../library/queries';
import { partFile, readJournal, recordedMs, removeRecordingFiles } from './journal';
import { lessonFromPart } from './part-lesson';

const PART_NAME = /^(.+)\.part\.webm$/;

/**
 * Recordings a crash left behind: part files nobody is writing (`isActive` says who is) and no lesson
 * has taken over. They are offered back, and recovered as lessons or discarded.
 */
export function unfinishedRecordings(ctx: CoreContext, isActive: (id: string) => boolean) {
  const dir = ctx.paths.recordings;

  /** A part file nobody is writing and no lesson has taken over; it is what a crash leaves. */
  const assertUnfinished = async (id: string) => {
    if (isActive(id) || getLessonRow(ctx.db, id)) throw new StudioError('conflict', { reason: 'recording not unfinished', id });
    const stat = await fs.stat(partFile(dir, id)).catch(() => null);
    if (!stat?.isFile()) throw new StudioError('recording_not_found', { id });
    return stat;
  };

  return {
    async listUnfinished(): Promise<UnfinishedRecording[]> {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      const found: UnfinishedRecording[] = [];
      for (const name of names) {
        const id = PART_NAME.exec(name)?.[1];
        if (!id || !idSchema.safeParse(id).success || isActive(id) || getLessonRow(ctx.db, id)) continue;
        const stat = await fs.stat(partFile(dir, id)).catch(() => null);
        if (!stat?.isFile()) continue;
        // A crash in the first second leaves an empty part: there is nothing to offer back.
        if (stat.size === 0) {
          await removeRecordingFiles(dir, id);
          continue;
        }
        const journal = await readJournal(dir, id);
        found.push({
          id,
          mode: journal?.mode ?? null,
          deviceLabel: journal?.deviceLabel ?? '',
          startedAt: journal?.startedAt ?? Math.round(stat.birthtimeMs || stat.mtimeMs),
          durationMs: journal ? Math.round(recordedMs(journal, stat.mtimeMs)) : 0,
          sizeBytes: stat.size,
        });
      }
      return found.sort((a, b) => b.startedAt - a.startedAt);
    },

    async recover(id: string, title: string): Promise<Lesson> {
      const stat = await assertUnfinished(id);
      if (stat.size === 0) throw new StudioError('recording_empty', { id });
      const journal = await readJournal(dir, id);
      const lesson = await lessonFromPart(ctx, id, title, journal ? Math.round(recordedMs(journal, stat.mtimeMs)) : null, journal);
      ctx.logger.info('recording recovered', { id, sizeBytes: stat.size });
      return lesson;
    },

    async discardUnfinished(id: string): Promise<void> {
      await assertUnfinished(id);
      await removeRecordingFiles(dir, id);
      ctx.logger.info('unfinished recording discarded', { id });
    },
  };
}
