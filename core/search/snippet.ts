/** Marks FTS5's snippet() puts around matches: control characters that never occur in typed text. */
export const MATCH_OPEN = '\u0002';
export const MATCH_CLOSE = '\u0003';

/** Splits a marked snippet into plain pieces, so the UI highlights matches without rendering any HTML. */
export function splitSnippet(marked: string): Array<{ text: string; match: boolean }> {
  const pieces: Array<{ text: string; match: boolean }> = [];
  for (const [i, part] of marked.split(MATCH_OPEN).entries()) {
    const [inside, after] = i === 0 ? [null, part] : splitOnce(part, MATCH_CLOSE);
    if (inside) pieces.push({ text: inside, match: true });
    if (after) pieces.push({ text: after, match: false });
  }
  return pieces;
}

function splitOnce(text: string, mark: string): [string, string] {
  const at = text.indexOf(mark);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + mark.length)];
}
