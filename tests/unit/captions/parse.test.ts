import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../common/errors';
import { parseCaptionFile } from '../../../core/captions/parse';

function refusal(name: string, text: string): StudioError {
  try {
    parseCaptionFile(name, text);
  } catch (err) {
    if (err instanceof StudioError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('caption files', () => {
  it('reads WebVTT cues with their times and text', () => {
    const parsed = parseCaptionFile(
      'a.vtt',
      'WEBVTT\n\n00:00:01.000 --> 00:00:04.500\nHello <b>class</b> &amp; welcome\n\nintro\n00:01:02.250 --> 00:01:03.000\nTwo\nlines\n',
    );
    expect(parsed.cues).toEqual([
      { startMs: 1000, endMs: 4500, text: 'Hello <b>class</b> &amp; welcome' },
      { startMs: 62250, endMs: 63000, text: 'Two\nlines' },
    ]);
  });

  it('reads SRT, converting it to WebVTT a <track> can play', () => {
    const srt =
      '1\r\n00:00:01,000 --> 00:00:02,500\r\nTom & Jerry <font color="red">said</font> <i>hi</i>\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\na < b\r\n';
    const parsed = parseCaptionFile('class.srt', srt);
    expect(parsed.cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [1000, 2500],
      [3000, 4000],
    ]);
    expect(parsed.vtt.startsWith('WEBVTT\n\n')).toBe(true);
    expect(parsed.cues[0]!.text).toBe('Tom &amp; Jerry said <i>hi</i>');
    // Recognised by its content too, whatever the file is called.
    expect(parseCaptionFile('captions.txt', srt).cues).toHaveLength(2);
  });

  it('refuses an invalid WebVTT file, naming the line that failed', () => {
    const bad = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n00:00:0x.000 --> 00:00:06.000\nbroken\n';
    expect(refusal('bad.vtt', bad)).toMatchObject({ code: 'caption_invalid', params: { line: 6 } });
    expect(refusal('notes.vtt', 'These are my notes\nnot captions\n')).toMatchObject({ code: 'caption_invalid', params: { line: 1 } });
    expect(refusal('backwards.vtt', 'WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nback\n')).toMatchObject({
      code: 'caption_invalid',
      params: { line: 3 },
    });
  });

  it('refuses an invalid SRT file with the line number in the SRT file', () => {
    const bad = '1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:03,000 -> 00:00:04,000\nbroken arrow\n';
    expect(refusal('bad.srt', bad)).toMatchObject({ code: 'caption_invalid', params: { line: 6 } });
  });
});
