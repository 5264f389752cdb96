import { isolate } from '../../common/bidi';
import type { NoteExportLabels, NoteExportParts } from '../../common/schemas/export';
import type { Note } from '../../common/schemas/note';
import type { Reflection } from '../../common/schemas/reflection';

/** Everything a notes file holds, chosen and in order, with names already in the person's language. */
export interface ExportContents {
  /** Thread order: each top-level note by time, its replies right after it. */
  notes: Note[];
  /** Code names by id, built-in ones translated. */
  codeNames: Map<string, string>;
  labels: NoteExportLabels;
  language: string;
  /** The reflection's answered prompts; empty when left out. */
  reflection: { prompt: string; answer: string }[];
}

const reflectionPrompts = ['wentWell', 'wouldChange', 'feedbackWanted'] as const;

/**
 * Picks the parts the person chose. A reply goes with its note: leaving a private note out leaves out
 * its replies too, wherever they were written.
 */
export function exportContents(
  notes: Note[],
  reflection: Reflection | null,
  parts: Pick<NoteExportParts, 'replies' | 'reflection' | 'privateNotes'>,
  extras: Pick<ExportContents, 'codeNames' | 'labels' | 'language'>,
): ExportContents {
  const kept = (n: Note) => parts.privateNotes || !n.private;
  const top = notes.filter((n) => n.parentId === null && kept(n)).sort((a, b) => a.startMs - b.startMs || a.createdAt - b.createdAt);
  const replies = new Map<string, Note[]>();
  if (parts.replies) for (const n of notes) if (n.parentId && kept(n)) replies.set(n.parentId, [...(replies.get(n.parentId) ?? []), n]);
  const byTime = (a: Note, b: Note) => a.createdAt - b.createdAt;
  return {
    ...extras,
    notes: top.flatMap((n) => [n, ...(replies.get(n.id) ?? []).sort(byTime)]),
    reflection:
      parts.reflection && reflection
        ? reflectionPrompts.filter((p) => reflection[p].trim()).map((p) => ({ prompt: extras.labels[p], answer: reflection[p] }))
        : [],
  };
}

/** A person's words in first-strong isolates (common/bidi.ts), so they keep their own direction beside our label. */
export { isolate };

/** Lines of a person's text, without blank ones. */
export function textLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** "Reply from Amina, 6 Dec 2026, 20:30", in the person's language and this computer's time zone. */
export function replyHeading(contents: ExportContents, reply: Note): string {
  const time = new Intl.DateTimeFormat(contents.language, { dateStyle: 'medium', timeStyle: 'short' }).format(reply.createdAt);
  // Nobody had set a name on the device that wrote it: the time alone, not "Reply from , …".
  return reply.authorName ? contents.labels.reply.replace('{author}', isolate(reply.authorName)).replace('{time}', time) : time;
}
