import fs from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import { idSchema } from '../../common/schemas/ids';
import type { Lesson } from '../../common/schemas/lesson';
import type { RecordingStart, UnfinishedRecording } from '../../common/schemas/recording';
import type { CoreContext } from '../app/context';
import { newId } from '../app/ids';
import { getLesson } from '../library/lessons';
import { getLessonRow, insertLesson } from '../library/queries';
import { asDiskError, syncDir } from './disk';
import { journalFile, partFile, readJournal, recordedMs, writeJournal, type Journal } from './journal';
import { PartWriter, type ChunkResult } from './part-writer';

interface Session {
  writer: PartWriter;
  journal: Journal;
}

const PART_NAME = /^(.+)\.part\.webm$/;

/**
 * Recordings in progress and recordings a crash left behind. The renderer records with MediaRecorder
 * and sends a chunk a second; each is on disk before it is acknowledged. Stopping (or recovering)
 * turns the part file into a lesson at once and queues the remux that makes it seekable.
 */
export function createRecordings(ctx: CoreContext) {
  const dir = ctx.paths.recordings;
  const active = new Map<string, Session>();

  const session = (id: string): Session => {
    const s = active.get(id);
    if (!s) throw new StudioError('recording_not_found', { id });
    return s;
  };

  const removeFiles = async (id: string) => {
    await fs.rm(partFile(dir, id), { force: true });
    await fs.rm(journalFile(dir, id), { force: true });
  };

  /** The lesson and its remux job are written together: a lesson never exists without the job that finishes it. */
  const makeLesson = async (id: string, title: string, durationMs: number | null, journal: Journal | null): Promise<Lesson> => {
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
  };

  /** A part file nobody is writing and no lesson has taken over; it is what a crash leaves. */
  const assertUnfinished = async (id: string) => {
    if (active.has(id) || getLessonRow(ctx.db, id)) throw new StudioError('conflict', { reason: 'recording not unfinished', id });
    const stat = await fs.stat(partFile(dir, id)).catch(() => null);
    if (!stat?.isFile()) throw new StudioError('recording_not_found', { id });
    return stat;
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
        await removeFiles(id);
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
        await removeFiles(id);
        throw new StudioError('recording_empty', { id });
      }
      const lesson = await makeLesson(id, title, durationMs, s.journal);
      ctx.logger.info('recording stopped', { id, durationMs, sizeBytes: s.writer.sizeBytes });
      return lesson;
    },

    async discard(id: string): Promise<void> {
      const s = session(id);
      active.delete(id);
      await s.writer.close();
      await removeFiles(id);
      ctx.logger.info('recording discarded', { id });
    },

    async listUnfinished(): Promise<UnfinishedRecording[]> {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      const found: UnfinishedRecording[] = [];
      for (const name of names) {
        const id = PART_NAME.exec(name)?.[1];
        if (!id || !idSchema.safeParse(id).success || active.has(id) || getLessonRow(ctx.db, id)) continue;
        const stat = await fs.stat(partFile(dir, id)).catch(() => null);
        if (!stat?.isFile()) continue;
        // A crash in the first second leaves an empty part: there is nothing to offer back.
        if (stat.size === 0) {
          await removeFiles(id);
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
      const lesson = await makeLesson(id, title, journal ? Math.round(recordedMs(journal, stat.mtimeMs)) : null, journal);
      ctx.logger.info('recording recovered', { id, sizeBytes: stat.size });
      return lesson;
    },

    async discardUnfinished(id: string): Promise<void> {
      await assertUnfinished(id);
      await removeFiles(id);
      ctx.logger.info('unfinished recording discarded', { id });
    },
  };
}

export type Recordings = ReturnType<typeof createRecordings>;
