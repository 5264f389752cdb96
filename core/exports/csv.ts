import { isolateIfRtl } from '../../common/bidi';
import type { ExportContents } from './contents';

/** One row's cells, in the order of the header. */
export type CsvRow = Array<string | number | null>;

/** Column names stay the same in every language, so programs that read the file can find them. */
const header = ['id', 'parent_id', 'start_ms', 'end_ms', 'kind', 'code', 'author', 'private', 'created_at', 'text'];

/**
 * RFC 4180 fields; a field that a spreadsheet would run as a formula (leading =, +, - or @) is
 * prefixed with an apostrophe, so opening the file never executes a note's text.
 */
function field(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Notes and replies, one row each, replies under their note (`parent_id` names it); kind and code in
 * the person's language. The reflection's answers follow as rows of the reflection kind, each with its
 * question as the text's first line. Rows the caller adds (the talk analysis) come last.
 */
export function notesToCsv(contents: ExportContents, extraRows: CsvRow[] = []): string {
  const { notes, codeNames, labels } = contents;
  const rows = notes.map((n) => [
    n.id,
    n.parentId,
    n.startMs,
    n.endMs,
    labels.kinds[n.kind],
    n.codeId ? (codeNames.get(n.codeId) ?? n.codeId) : '',
    isolateIfRtl(n.authorName),
    n.private ? 1 : 0,
    new Date(n.createdAt).toISOString(),
    isolateIfRtl(n.text),
  ]);
  // The question is ours, the answer the person's: isolated, so an Arabic answer under an English question keeps its order.
  const reflection = contents.reflection.map((r) => [
    '',
    '',
    '',
    '',
    labels.reflection,
    '',
    '',
    '',
    '',
    `${r.prompt}\n${isolateIfRtl(r.answer)}`,
  ]);
  // A byte-order mark, so spreadsheet programs read the file as UTF-8 (Arabic text included).
  return `\uFEFF${[header, ...rows, ...reflection, ...extraRows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
