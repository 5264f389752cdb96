/**
 * Marks of the Arabic script that writers put in or leave out: the short vowels, tanwin, shadda and
 * sukun (harakat), the superscript alef, Quranic annotation marks, and the tatweel that only stretches
 * a word. Arabic and Urdu are mostly written without them, so a search must find "كَتَبَ" when "كتب"
 * is typed, and the other way round. Letters themselves are kept as written.
 */
// eslint-disable-next-line no-misleading-character-class -- combining marks on purpose: each is removed on its own
const OPTIONAL_MARKS = /[\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED]/g;

/** Text as the search index holds it, and as a query is compared with it. */
export function foldForSearch(text: string): string {
  return text.replace(OPTIONAL_MARKS, '');
}
