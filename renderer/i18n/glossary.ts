/**
 * One word for one thing, in every language: where an English string names one of these, its
 * translation uses the word listed here (a stem, so that Arabic's prefixes and endings still match)
 * and not the word of a neighbouring concept. tests/unit/i18n/glossary.test.ts holds the catalogs to it.
 * Add a term when translators disagree; a language without an entry is not checked for that term.
 */
export interface GlossaryTerm {
  /** Matches the English strings that name the concept. */
  english: RegExp;
  /** English strings that match but mean something else, or name a neighbouring concept too. */
  unless?: RegExp;
  /** The word each language uses (its forms: Arabic plurals change the stem), and the words it must not use for this concept. */
  words: Partial<Record<string, { use: string[]; avoid?: string[] }>>;
}

export const glossary: Record<string, GlossaryTerm> = {
  // A marked stretch of the timeline, which a note can cover; not yet a clip.
  range: {
    english: /\brange\b/i,
    unless: /\bclip\b|rubric's range/i,
    words: { ar: { use: ['مدى'], avoid: ['مقطع'] } },
  },
  // A saved, named range that can go into a collection.
  clip: {
    english: /\bclips?\b/i,
    unless: /\brange\b/i,
    words: { ar: { use: ['مقطع', 'مقاطع'], avoid: ['مدى'] } },
  },
  mentor: {
    english: /\bmentors?\b/i,
    words: { ar: { use: ['مرشد'], avoid: ['موجّه', 'موجه'] } },
  },
};
