import { isolateIfRtl } from '../../common/bidi';

/** A file name from the lesson title that is safe on every OS ("<title> - notes.csv"). */
export function fileName(title: string, ext: string, what = 'notes'): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'lesson';
  // An Arabic title in isolates, so " - notes.csv" after it is not pulled into its order.
  return `${isolateIfRtl(base)} - ${what}.${ext}`;
}
