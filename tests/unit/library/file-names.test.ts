import { describe, expect, it } from 'vitest';
import { isVideoFileName } from '../../../common/video-files';
import { titleFromName } from '../../../core/library/files';
import { libraryCopyType } from '../../../core/library/mime';

describe('what a file name says about a lesson', () => {
  it('keeps the whole name as the title when what follows the last dot is not a video extension', () => {
    expect(titleFromName('Lesson at 09.30.00')).toBe('Lesson at 09.30.00');
    expect(titleFromName('Grade 4.b fractions')).toBe('Grade 4.b fractions');
    expect(titleFromName('Year 7.final')).toBe('Year 7.final');
  });

  it('drops a known video extension, in any case, and tidies underscores', () => {
    expect(titleFromName('Lesson at 09.30.00.mp4')).toBe('Lesson at 09.30.00');
    expect(titleFromName('Fractions_lesson.MOV')).toBe('Fractions lesson');
    expect(titleFromName('درس.webm')).toBe('درس');
    expect(titleFromName('.mp4')).toBe('.mp4');
  });

  it('tells video file names from others by their extension only', () => {
    expect(isVideoFileName('a.mp4')).toBe(true);
    expect(isVideoFileName('A.MTS')).toBe(true);
    expect(isVideoFileName('Lesson at 09.30.00')).toBe(false);
    expect(isVideoFileName('notes.txt')).toBe(false);
    // macOS leaves "._name" companions beside files copied to a stick: they are not videos.
    expect(isVideoFileName('._a.mp4')).toBe(false);
  });

  it('types the library copy by what the probe found in it, not by its name', () => {
    expect(libraryCopyType('mp4')).toEqual({ ext: 'mp4', mime: 'video/mp4' });
    expect(libraryCopyType('mov')).toEqual({ ext: 'mov', mime: 'video/quicktime' });
    expect(libraryCopyType('webm')).toEqual({ ext: 'webm', mime: 'video/webm' });
    expect(libraryCopyType('matroska')).toEqual({ ext: 'mkv', mime: 'video/x-matroska' });
    expect(libraryCopyType('avi')).toEqual({ ext: 'avi', mime: 'video/x-msvideo' });
    expect(libraryCopyType('mpegts')).toEqual({ ext: 'ts', mime: 'video/mp2t' });
    // A container no browser plays is watched through its playable copy; the original is kept as bytes.
    expect(libraryCopyType('mxf')).toEqual({ ext: 'bin', mime: 'application/octet-stream' });
  });
});
