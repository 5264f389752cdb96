import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { recordingStartSchema } from '../../common/schemas/recording';
import { timestampSchema } from '../../common/schemas/ids';
import { writeJsonDurably } from './disk';

/**
 * The small file beside a part file that says what is being recorded: what the person chose, when it
 * started, and when it was paused. It is all a crashed recording needs to be offered back and
 * recovered; it is rewritten (durably, in one piece) only at start, pause and resume.
 */
export const journalSchema = recordingStartSchema.extend({
  version: z.literal(1),
  startedAt: timestampSchema,
  pauses: z.array(z.object({ at: timestampSchema, resumedAt: timestampSchema.nullable() })),
});
export type Journal = z.infer<typeof journalSchema>;

export function partFile(recordingsDir: string, id: string): string {
  return path.join(recordingsDir, `${id}.part.webm`);
}

export function journalFile(recordingsDir: string, id: string): string {
  return path.join(recordingsDir, `${id}.journal.json`);
}

export function writeJournal(recordingsDir: string, id: string, journal: Journal): Promise<void> {
  return writeJsonDurably(journalFile(recordingsDir, id), journal);
}

/** The journal, or null when it is missing or unreadable; the part file is what matters and is kept regardless. */
export async function readJournal(recordingsDir: string, id: string): Promise<Journal | null> {
  const text = await fs.readFile(journalFile(recordingsDir, id), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = journalSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Milliseconds actually recorded between the start and `endAt`, pauses left out; a pause still open ends at `endAt`. */
export function recordedMs(journal: Journal, endAt: number): number {
  const paused = journal.pauses.reduce((sum, p) => sum + Math.max(0, Math.min(p.resumedAt ?? endAt, endAt) - p.at), 0);
  return Math.max(0, endAt - journal.startedAt - paused);
}

/** Removes a recording's part file and its journal. */
export async function removeRecordingFiles(recordingsDir: string, id: string): Promise<void> {
  await fs.rm(partFile(recordingsDir, id), { force: true });
  await fs.rm(journalFile(recordingsDir, id), { force: true });
}
