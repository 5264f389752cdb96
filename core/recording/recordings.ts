import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import type { Lesson } from '../../common/schemas/lesson';
import type { RecordingStart } from '../../common/schemas/recording';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { asDiskError, syncDir } from './disk';
import { partFile, removeRecordingFiles, writeJournal, type Journal } from './journal';
import { lessonFromPart } from './part-lesson';
import { PartWriter, type ChunkResult } from './part-writer';
import { unfinishedRecordings } from './unfinished';

interface Session {
  writer: PartWriter;
  journal: Journal;
}

/**
 * Recordings in progress and recordings a crash left behind. The renderer records with MediaRecorder
 * and sends a chunk a second; each is on disk before it is acknowledged. Stopping (or recovering)
 * turns the part file into a lesson at once and queues the remux that makes it seekable
 * (`part-lesson.ts`); what a crash left behind is in `unfinished.ts`.
 */
export function createRecordings(ctx: CoreContext) {
  const dir = ctx.paths.recordings;
  const active = new Map<string, Session>();

  const session = (id: string): Session => {
    const s = active.get(id);
    if (!s) throw new StudioError('recording_not_found', { id });
    return s;
  };

  return {
    async start(input: RecordingStart): Promise<{ id: string }> {
      const id = newId();
      const journal: Journal = { version: 1, ...input, startedAt: ctx.now(), pauses: [] };
      // The journal goes first, so a part file on disk always has one that says what it is.
      await writeJournal(dir, id, journal);
      try {
        const handle = await fs.open(partFile(dir, id), 'wx');
        active.set(id, { writer: new PartWriter(handle), journal });
        await syncDir(dir);
      } catch (err) {
        await active.get(id)?.writer.close();
        active.delete(id);
        await removeRecordingFiles(dir, id);
        throw asDiskError(err);
      }
      ctx.logger.info('recording started', { id, mode: input.mode, resolution: input.resolution });
      return { id };
    },

    chunk(id: string, seq: number, data: Uint8Array): Promise<ChunkResult> {
      return session(id).writer.append(seq, data);
    },

    async pause(id: string): Promise<void> {
      const s = session(id);
      if (s.journal.pauses.at(-1)?.resumedAt === null) return;
      s.journal.pauses.push({ at: ctx.now(), resumedAt: null });
      await writeJournal(dir, id, s.journal);
    },

    async resume(id: string): Promise<void> {
      const s = session(id);
      const open = s.journal.pauses.at(-1);
      if (!open || open.resumedAt !== null) return;
      open.resumedAt = ctx.now();
      await writeJournal(dir, id, s.journal);
    },

    async stop(id: string, durationMs: number, title: string): Promise<Lesson> {
      const s = session(id);
      await s.writer.close();
      // No longer "in progress": should making the lesson fail (a full disk), the part is offered back as unfinished.
      active.delete(id);
      if (s.writer.sizeBytes === 0) {
        await removeRecordingFiles(dir, id);
        throw new StudioError('recording_empty', { id });
      }
      const lesson = await lessonFromPart(ctx, id, title, durationMs, s.journal);
      ctx.logger.info('recording stopped', { id, durationMs, sizeBytes: s.writer.sizeBytes });
      return lesson;
    },

    async discard(id: string): Promise<void> {
      const s = session(id);
      active.delete(id);
      await s.writer.close();
      await removeRecordingFiles(dir, id);
      ctx.logger.info('recording discarded', { id });
    },

    ...unfinishedRecordings(ctx, (id) => active.has(id)),
  };
}

export type Recordings = ReturnType<typeof createRecordings>;
