import { foldForSearch } from './fold';

/** At most this many words count; a longer query only narrows results that are already few. */
const MAX_TERMS = 8;

/**
 * Turns what a person typed into an FTS5 query: every word must appear, each quoted so FTS5 syntax
 * (AND, NEAR, column filters, stray quotes) in the input is taken literally. With `prefix`, the last
 * word also matches longer words, so results follow typing. Null when there is no word to look for.
 */
export function matchQuery(input: string, prefix = true): string | null {
  const words = foldForSearch(input)
    .match(/[\p{L}\p{N}\p{M}]+/gu)
    ?.slice(0, MAX_TERMS);
  if (!words?.length) return null;
  return words.map((w, i) => `"${w}"${prefix && i === words.length - 1 ? '*' : ''}`).join(' ');
}
