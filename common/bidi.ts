/**
 * Keeping a person's words whole inside our words. A title such as «مقارنة الكسور: ⅓ و ½» put into
 * an English sentence (or "Fractions 101" into an Arabic one) is reordered by the Unicode bidi
 * algorithm together with the text around it unless it is isolated from it. In HTML and React that
 * is `<bdi>` or `dir="auto"`; in plain text (WebVTT cues, CSV cells, file names, strings handed to
 * a browser's text APIs) it is a pair of invisible characters: FIRST STRONG ISOLATE (U+2068) before
 * and POP DIRECTIONAL ISOLATE (U+2069) after. The isolate takes its direction from the first strong
 * letter of the words inside it, as `dir="auto"` does.
 */

export const FSI = '\u2068';
export const PDI = '\u2069';

/** Letters of right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms. */
const rtlLetter = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDE7F]|\uD83B[\uDE00-\uDEFF]/;

/** Whether the text holds any right-to-left letter. */
export function hasRtl(text: string): boolean {
  return rtlLetter.test(text);
}

/**
 * The text between FSI and PDI. A line break closes every isolate, so each line is wrapped on its
 * own; unmatched isolate marks already in the text are dropped, so the person's words can never
 * open an isolate that swallows ours, nor close ours early.
 */
export function isolate(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : `${FSI}${balanced(part)}${PDI}`))
    .join('');
}

/** Isolates only text that holds right-to-left letters: a plain Latin name in a CSV cell or file name stays byte for byte the same. */
export function isolateIfRtl(text: string): string {
  return hasRtl(text) ? isolate(text) : text;
}

/** The text without any isolate or embedding marks (U+202A–U+202E, U+2066–U+2069), for comparing or searching. */
export function stripBidiControls(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
}

/** Drops isolate initiators (LRI, RLI, FSI) without their PDI, and PDIs without an initiator. */
function balanced(text: string): string {
  let open = 0;
  const kept: string[] = [];
  for (const ch of text) {
    if (ch === '\u2066' || ch === '\u2067' || ch === FSI) {
      open += 1;
      kept.push(ch);
    } else if (ch === PDI) {
      if (open === 0) continue;
      open -= 1;
      kept.push(ch);
    } else kept.push(ch);
  }
  if (open === 0) return kept.join('');
  // Remove the last `open` initiators that were never closed.
  for (let i = kept.length - 1; i >= 0 && open > 0; i -= 1) {
    if (kept[i] === '\u2066' || kept[i] === '\u2067' || kept[i] === FSI) {
      kept.splice(i, 1);
      open -= 1;
    }
  }
  return kept.join('');
}
