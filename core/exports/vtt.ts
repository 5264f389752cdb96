import type { Note } from '../../common/schemas/note';
import { isolate, replyHeading, textLines, type ExportContents } from './contents';

/** How long a point note shows as a caption. */
export const POINT_CUE_MS = 3000;

export function timestamp(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Cue text is a small markup language, and "-->" would end a comment block: escape all three. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * "Label: text", then the text's further lines, each line's words isolated from the label. Without a
 * label (a page's captions name no kinds) there is nothing to isolate the words from.
 */
function labelled(label: string, text: string): string[] {
  if (!label) return textLines(text);
  const [first, ...rest] = textLines(text).map(isolate);
  return [first ? `${label}: ${first}` : label, ...rest];
}

function noteCue(note: Note, replies: Note[], contents: ExportContents, durationMs: number | null): string {
  const end =
    note.endMs ??
    Math.max(note.startMs + 1, durationMs !== null ? Math.min(note.startMs + POINT_CUE_MS, durationMs) : note.startMs + POINT_CUE_MS);
  const code = note.codeId ? contents.codeNames.get(note.codeId) : undefined;
  // Someone else's note says whose it is; the teacher's own notes need not.
  const heading = [contents.labels.kinds[note.kind], code, note.authorId !== null ? note.authorName : undefined]
    .map((part, i) => (part && i > 0 ? isolate(part) : part))
    .filter((part): part is string => Boolean(part))
    .join(' · ');
  const lines = [...labelled(heading, note.text), ...replies.flatMap((r) => labelled(`– ${replyHeading(contents, r)}`, r.text))];
  // A cue needs a line of text: a page's caption for an uncoded, empty note still marks its moment.
  return `${note.id}\n${timestamp(note.startMs)} --> ${timestamp(end)}\n${(lines.length ? lines : ['…']).map(escape).join('\n')}\n`;
}

/**
 * Notes as WebVTT, so they show as captions in any player: a cue per note, led by its kind and code,
 * with its replies inside it (a caption cannot nest). A point note lasts a few seconds, cut short by
 * the end of the lesson. The reflection, which belongs to no moment, is a comment block at the top.
 */
export function notesToVtt(contents: ExportContents, durationMs: number | null): string {
  const top = contents.notes.filter((n) => n.parentId === null);
  const cues = top.map((n) =>
    noteCue(
      n,
      contents.notes.filter((r) => r.parentId === n.id),
      contents,
      durationMs,
    ),
  );
  const reflection = contents.reflection.length
    ? [
        `NOTE ${escape(contents.labels.reflection)}\n${contents.reflection
          .flatMap((r) => labelled(r.prompt, r.answer))
          .map(escape)
          .join('\n')}\n`,
      ]
    : [];
  return ['WEBVTT', '', ...reflection, ...cues].join('\n');
}
