import type { Note } from '../../common/schemas/note';

const header = ['id', 'parent_id', 'start_ms', 'end_ms', 'kind', 'code', 'author', 'created_at', 'text'];

/**
 * RFC 4180 fields; a field that a spreadsheet would run as a formula (leading =, +, - or @) is
 * prefixed with an apostrophe, so opening the file never executes a note's text.
 */
function field(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Notes and replies, one row each, replies under their note. */
export function notesToCsv(notes: Note[], codeNames: Map<string, string>): string {
  const rows = notes.map((n) => [
    n.id,
    n.parentId,
    n.startMs,
    n.endMs,
    n.kind,
    n.codeId ? (codeNames.get(n.codeId) ?? n.codeId) : '',
    n.authorName,
    new Date(n.createdAt).toISOString(),
    n.text,
  ]);
  // A byte-order mark, so spreadsheet programs read the file as UTF-8 (Arabic text included).
  return `\uFEFF${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
