import type { Note } from '../../common/schemas/note';

/** How long a point note shows as a caption. */
export const POINT_CUE_MS = 3000;

function timestamp(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Cue text is a small markup language: escape it, and drop blank lines (a blank line ends a cue). */
function cueText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Top-level notes as WebVTT cues, so they show as captions in any player. A coded note leads with its
 * code's name; a point note lasts a few seconds, cut short by the end of the lesson.
 */
export function notesToVtt(notes: Note[], codeNames: Map<string, string>, durationMs: number | null): string {
  const cues = notes
    .filter((n) => n.parentId === null)
    .map((n) => {
      const end = n.endMs ?? Math.max(n.startMs + 1, durationMs !== null ? Math.min(n.startMs + POINT_CUE_MS, durationMs) : n.startMs + POINT_CUE_MS);
      const code = n.codeId ? codeNames.get(n.codeId) : undefined;
      const text = cueText([code, n.text].filter(Boolean).join(': ')) || '…';
      return `${n.id}\n${timestamp(n.startMs)} --> ${timestamp(end)}\n${text}\n`;
    });
  return ['WEBVTT', '', ...cues].join('\n');
}
