import { describe, expect, it } from 'vitest';
import type { NoteExportLabels } from '../../../common/schemas/export';
import type { Note } from '../../../common/schemas/note';
import type { Reflection } from '../../../common/schemas/reflection';
import { parseCaptionFile } from '../../../core/captions/parse';
import { exportContents } from '../../../core/exports/contents';
import { notesToCsv } from '../../../core/exports/csv';
import { notesToVtt } from '../../../core/exports/vtt';

const L = '\u2068';
const R = '\u2069';
const lessonId = '0190a6a4-0000-7000-8000-000000000000';
const id = (n: number) => `0190a6a4-0000-7000-8000-00000000000${n}`;
const base = {
  lessonId,
  kind: 'observation',
  authorName: 'Amina',
  authorId: null,
  private: true,
  inReviewDraft: false,
  createdAt: 0,
  updatedAt: 0,
  parentId: null,
  endMs: null,
  codeId: null,
} as const;
const notes: Note[] = [
  { ...base, id: id(1), startMs: 1200, text: 'Good <wait> time & pacing\n\nsecond paragraph' },
  { ...base, id: id(2), kind: 'question', startMs: 5000, endMs: 9000, text: 'a --> b', codeId: 'c1', private: false },
  {
    ...base,
    id: id(3),
    parentId: id(2),
    startMs: 5000,
    endMs: 9000,
    text: '=HYPERLINK("x")',
    authorName: 'Mentor Ali',
    authorId: 'u1',
    private: false,
    createdAt: Date.UTC(2026, 11, 6, 9, 30),
  },
  { ...base, id: id(4), startMs: 9500, text: '', codeId: 'c1' },
];
const english: NoteExportLabels = {
  kinds: { observation: 'Observation', praise: 'Praise', question: 'Question', suggestion: 'Suggestion' },
  reply: 'Reply from {author}, {time}',
  reflection: 'Reflection',
  wentWell: 'What went well?',
  wouldChange: 'What would I change next time?',
  feedbackWanted: 'What do I want feedback on?',
};
const arabic: NoteExportLabels = {
  kinds: { observation: 'ملاحظة', praise: 'ثناء', question: 'سؤال', suggestion: 'اقتراح' },
  reply: 'رد من {author}، {time}',
  reflection: 'تأمل',
  wentWell: 'ما الذي سار جيدًا؟',
  wouldChange: 'ما الذي سأغيره في المرة القادمة؟',
  feedbackWanted: 'على أي شيء أريد ملاحظات؟',
};
const reflection: Reflection = {
  lessonId,
  wentWell: 'The wait time',
  wouldChange: '',
  feedbackWanted: 'Is my questioning "open" enough?',
  shared: false,
  updatedAt: 1,
};
/** When the reply was written, as the person's language writes it on this computer. */
const when = (language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(notes[2]!.createdAt);
const all = { replies: true, reflection: true, privateNotes: true };
const contents = (parts = all, labels = english, codeNames = new Map([['c1', 'Questioning']]), language = 'en') =>
  exportContents(notes, reflection, parts, { codeNames, labels, language });

describe('WebVTT notes', () => {
  it('is a cue per note led by its kind and code, with replies inside it, that parses back', () => {
    const vtt = notesToVtt(contents(), 10_000);
    const { cues } = parseCaptionFile('notes.vtt', vtt);
    expect(cues).toEqual([
      { startMs: 1200, endMs: 4200, text: `Observation: ${L}Good &lt;wait&gt; time &amp; pacing${R}\n${L}second paragraph${R}` },
      {
        startMs: 5000,
        endMs: 9000,
        text: `Question · ${L}Questioning${R}: ${L}a --&gt; b${R}\n– Reply from ${L}Mentor Ali${R}, ${when('en')}: ${L}=HYPERLINK("x")${R}`,
      },
      // A point note near the end stops with the lesson.
      { startMs: 9500, endMs: 10_000, text: `Observation · ${L}Questioning${R}` },
    ]);
  });

  it('carries the reflection, "What do I want feedback on?" included, as a comment block', () => {
    const vtt = notesToVtt(contents(), 10_000);
    expect(vtt).toContain(
      `NOTE Reflection\nWhat went well?: ${L}The wait time${R}\nWhat do I want feedback on?: ${L}Is my questioning "open" enough?${R}\n`,
    );
    // An unanswered prompt is left out, and the comment is not read as a cue.
    expect(vtt).not.toContain('What would I change');
    expect(parseCaptionFile('notes.vtt', vtt).cues).toHaveLength(3);
  });

  it('speaks Arabic in an Arabic studio, and isolates the teacher’s English words from Arabic labels', () => {
    const vtt = notesToVtt(contents(all, arabic, new Map([['c1', 'طرح الأسئلة']]), 'ar'), 10_000);
    const { cues } = parseCaptionFile('notes.vtt', vtt);
    expect(cues[1]!.text.split('\n')[0]).toBe(`سؤال · ${L}طرح الأسئلة${R}: ${L}a --&gt; b${R}`);
    expect(cues[1]!.text.split('\n')[1]).toBe(`– رد من ${L}Mentor Ali${R}، ${when('ar')}: ${L}=HYPERLINK("x")${R}`);
    expect(vtt).toContain(`NOTE تأمل\nما الذي سار جيدًا؟: ${L}The wait time${R}`);
    expect(vtt).not.toMatch(/Observation|Question|Reflection/);
  });

  it('dates a reply from a device where nobody set a name, without an empty "Reply from"', () => {
    const nameless = exportContents([notes[1]!, { ...notes[2]!, authorName: '' }], null, all, {
      codeNames: new Map(),
      labels: english,
      language: 'en',
    });
    expect(parseCaptionFile('notes.vtt', notesToVtt(nameless, 10_000)).cues[0]!.text.split('\n')[1]).toBe(
      `– ${when('en')}: ${L}=HYPERLINK("x")${R}`,
    );
  });

  it('leaves out what the person unticks: replies, the reflection, private notes with their replies', () => {
    const vtt = notesToVtt(contents({ replies: false, reflection: false, privateNotes: true }), 10_000);
    expect(vtt).not.toContain('Mentor Ali');
    expect(vtt).not.toContain('NOTE');
    const shared = parseCaptionFile(
      'notes.vtt',
      notesToVtt(contents({ replies: true, reflection: true, privateNotes: false }), 10_000),
    ).cues;
    expect(shared.map((c) => c.startMs)).toEqual([5000]);
    expect(shared[0]!.text).toContain('Mentor Ali');
  });
});

describe('CSV notes', () => {
  it('has a row per note and reply (parent_id names its note), kind and author columns, quoted, formulas defused', () => {
    const csv = notesToCsv(contents());
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('id,parent_id,start_ms,end_ms,kind,code,author,private,created_at,text');
    expect(lines[1]).toBe(`${id(1)},,1200,,Observation,,Amina,1,1970-01-01T00:00:00.000Z,"Good <wait> time & pacing\n\nsecond paragraph"`);
    expect(csv).toContain(`${id(3)},${id(2)},5000,9000,Observation,,Mentor Ali,0,2026-12-06T09:30:00.000Z,"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(',Question,Questioning,Amina,0,');
  });

  it('ends with the reflection’s answers, each under its question, quoted', () => {
    const csv = notesToCsv(contents());
    expect(csv).toContain(`,,,,Reflection,,,,,"What do I want feedback on?\nIs my questioning ""open"" enough?"\r\n`);
    expect(csv).toContain(`,,,,Reflection,,,,,"What went well?\nThe wait time"\r\n`);
    expect(notesToCsv(contents({ ...all, reflection: false }))).not.toContain('Reflection');
  });

  it('names kinds and built-in codes in Arabic in an Arabic studio', () => {
    const csv = notesToCsv(contents(all, arabic, new Map([['c1', 'طرح الأسئلة']]), 'ar'));
    expect(csv).toContain(',سؤال,طرح الأسئلة,Amina,');
    expect(csv).toContain(',تأمل,,,,,"على أي شيء أريد ملاحظات؟\n');
  });
});

describe('mixed-direction words in plain-text exports', () => {
  const mixed: Note[] = [
    { ...base, id: id(5), startMs: 1000, text: 'مقارنة الكسور: ⅓ و ½', authorName: 'أمينة', authorId: 'u2', codeId: 'c1' },
    { ...base, id: id(6), startMs: 2000, text: 'کسروں کا موازنہ ۲۰۲۶', authorName: 'Bilal' },
    { ...base, id: id(7), startMs: 3000, text: 'درس Fractions 101 للصف ٥' },
  ];
  const mixedContents = (labels = english) =>
    exportContents(mixed, { ...reflection, wentWell: 'انتظرتُ ثلاث ثوانٍ' }, all, {
      codeNames: new Map([['c1', 'Wait time']]),
      labels,
      language: 'en',
    });

  it('isolates Arabic with digits and fractions, Urdu, and Latin inside Arabic in CSV cells, and leaves Latin cells as they are', () => {
    const csv = notesToCsv(mixedContents());
    expect(csv).toContain(`,Wait time,${L}أمينة${R},1,`);
    expect(csv).toContain(`,${L}مقارنة الكسور: ⅓ و ½${R}\r\n`);
    expect(csv).toContain(`,Bilal,1,`);
    expect(csv).toContain(`,${L}کسروں کا موازنہ ۲۰۲۶${R}\r\n`);
    expect(csv).toContain(`,${L}درس Fractions 101 للصف ٥${R}\r\n`);
    // The question is ours; the Arabic answer under it is isolated.
    expect(csv).toContain(`"What went well?\n${L}انتظرتُ ثلاث ثوانٍ${R}"`);
  });

  it('isolates every person’s word in a page’s unlabelled WebVTT cues: code and author too', () => {
    const unlabelled = { ...english, kinds: { observation: '', praise: '', question: '', suggestion: '' } };
    const { cues } = parseCaptionFile('notes.vtt', notesToVtt(mixedContents(unlabelled), 10_000));
    expect(cues[0]!.text).toBe(`${L}Wait time${R} · ${L}أمينة${R}: ${L}مقارنة الكسور: ⅓ و ½${R}`);
    // A cue of her words alone has nothing of ours to keep apart from.
    expect(cues[2]!.text).toBe('درس Fractions 101 للصف ٥');
  });
});
