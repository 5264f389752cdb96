/** Languages written right to left, by their primary subtag (BCP 47). */
const rtl = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** The direction of a page in `language` (a tag such as `ar` or `ur-PK`); unknown or empty reads left to right. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return rtl.has(language.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}
