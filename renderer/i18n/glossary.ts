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
  // A member who reviews others' lessons (the role), in the member table, the request form and reviews alike.
  mentor: {
    english: /\bmentors?\b/i,
    words: {
      en: { use: ['entor'] },
      ar: { use: ['مرشد', 'مرشّح', 'المرشد'], avoid: ['موجّه', 'موجه'] },
      fr: { use: ['entor'], avoid: ['tuteur', 'tutrice', 'accompagnat'] },
      es: { use: ['entor'], avoid: ['tutor'] },
      id: { use: ['entor'], avoid: ['pembimbing', 'pendamping'] },
      tr: { use: ['entor'], avoid: ['rehber', 'danışman'] },
      ur: { use: ['مینٹور', 'مینٹرز'], avoid: ['رہنما', 'سرپرست'] },
    },
  },
  // The note kind `praise`: what went well at a moment. A review's "glow" is the same note, so it has the same name.
  praise: {
    english: /\bpraise\b|\bglows?\b/i,
    words: {
      en: { use: ['raise'], avoid: ['glow', 'Glow'] },
      ar: { use: ['إشادة', 'الإشادة'], avoid: ['إشراقة', 'إشادات'] },
      fr: { use: ['oint fort', 'oints forts'], avoid: ['oint positif'] },
      es: { use: ['ortaleza'], avoid: ['econocimiento'] },
      id: { use: ['ekuatan'], avoid: ['presiasi'] },
      tr: { use: ['üçlü yön'], avoid: ['akdir'] },
      ur: { use: ['خوبی'], avoid: ['تعریف'] },
    },
  },
  // The note kind `suggestion`: what to try next. A review's "grow" is the same note.
  suggestion: {
    english: /\bsuggestions?\b|\bgrows?\b/i,
    words: {
      en: { use: ['uggestion'], avoid: ['grow', 'Grow'] },
      ar: { use: ['اقتراح'], avoid: ['فرصة للنمو', 'فرصة النمو'] },
      fr: { use: ['iste de progrès', 'istes de progrès'], avoid: ['uggestion'] },
      es: { use: ['specto a mejorar', 'spectos a mejorar'], avoid: ['ugerencia'] },
      id: { use: ['uang tumbuh'], avoid: ['aran'] },
      tr: { use: ['elişim alanı'], avoid: ['neri'] },
      ur: { use: ['بہتری کا پہلو', 'بہتری کے پہلو'], avoid: ['تجویز'] },
    },
  },
};
