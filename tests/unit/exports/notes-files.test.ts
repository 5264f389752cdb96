import { describe, expect, it } from 'vitest';
import type { Note } from '../../../common/schemas/note';
import { parseCaptionFile } from '../../../core/captions/parse';
import { notesToCsv } from '../../../core/exports/csv';
import { notesToVtt } from '../../../core/exports/vtt';

const base = { lessonId: '0190a6a4-0000-7000-8000-000000000000', kind: 'observation', authorName: 'Amina', authorId: null, private: true, createdAt: 0, updatedAt: 0 } as const;
const notes: Note[] = [
  { ...base, id: '0190a6a4-0000-7000-8000-000000000001', parentId: null, startMs: 1200, endMs: null, text: 'Good <wait> time & pacing\n\nsecond paragraph', codeId: null },
  { ...base, id: '0190a6a4-0000-7000-8000-000000000002', parentId: null, startMs: 5000, endMs: 9000, text: 'a --> b', codeId: 'c1' },
  { ...base, id: '0190a6a4-0000-7000-8000-000000000003', parentId: '0190a6a4-0000-7000-8000-000000000002', startMs: 5000, endMs: 9000, text: '=HYPERLINK("x")', codeId: null },
  { ...base, id: '0190a6a4-0000-7000-8000-000000000004', parentId: null, startMs: 9500, endMs: null, text: '', codeId: 'c1' },
];
const codes = new Map([['c1', 'Questioning']]);

describe('note exports', () => {
  it('WebVTT holds each top-level note as a cue that parses back to the same times and text', () => {
    const vtt = notesToVtt(notes, codes, 10_000);
    const { cues } = parseCaptionFile('notes.vtt', vtt);
    expect(cues).toEqual([
      { startMs: 1200, endMs: 4200, text: 'Good &lt;wait&gt; time &amp; pacing\nsecond paragraph' },
      { startMs: 5000, endMs: 9000, text: 'Questioning: a --&gt; b' },
      // A point note near the end stops with the lesson.
      { startMs: 9500, endMs: 10_000, text: 'Questioning' },
    ]);
  });

  it('CSV has a row per note and reply, quoted, with formulas defused', () => {
    const csv = notesToCsv(notes, codes);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,parent_id,start_ms,end_ms,kind,code,author,created_at,text');
    expect(csv).toContain('"Good <wait> time & pacing\n\nsecond paragraph"');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(',Questioning,');
  });
});
