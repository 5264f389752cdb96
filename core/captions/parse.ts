import webvtt from 'webvtt-parser';
import { StudioError } from '../../common/errors';

export interface ParsedCaptions {
  /** The file as WebVTT (an SRT file is converted), ready for a <track>. */
  vtt: string;
  cues: Array<{ startMs: number; endMs: number; text: string }>;
}

const SRT_TIMING = /^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2},\d{3}\s*-->/;
const VTT_SIGNATURE = /^\uFEFF?WEBVTT/;
/** SRT is checked by the WebVTT validator once converted; its errors then point this many lines too far. */
const SRT_HEADER = 'WEBVTT\n\n';
const SRT_HEADER_LINES = 2;

function isSrt(name: string, text: string): boolean {
  return /\.srt$/i.test(name) || (!VTT_SIGNATURE.test(text) && SRT_TIMING.test(text.replace(/^\uFEFF/, '')));
}

/**
 * SRT is WebVTT without the signature, with commas in its timestamps, with no escaping, and with
 * <font> tags that WebVTT lacks. Lines keep their numbers, so an error still names the SRT line.
 */
function srtToVtt(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const converted = lines.map((line) =>
    line.includes('-->')
      ? line.replace(/(\d),(\d{3})/g, '$1.$2')
      : line
          .replace(/<\/?font[^>]*>/gi, '')
          .replace(/&(?!(amp|lt|gt|lrm|rlm|nbsp);)/g, '&amp;')
          .replace(/<(?!\/?[ibu]>)/g, '&lt;'),
  );
  return SRT_HEADER + converted.join('\n');
}

/**
 * Reads a WebVTT or SRT caption file with webvtt-parser, the W3C validator's parser. Any error refuses
 * the whole file, naming the first line that failed, rather than keeping the cues that happened to parse.
 */
export function parseCaptionFile(name: string, text: string): ParsedCaptions {
  const srt = isSrt(name, text);
  const vtt = srt ? srtToVtt(text) : text;
  const { cues, errors } = new webvtt.WebVTTParser().parse(vtt, 'subtitles');
  const first = [...errors].sort((a, b) => a.line - b.line)[0];
  if (first) {
    throw new StudioError('caption_invalid', { line: Math.max(1, first.line - (srt ? SRT_HEADER_LINES : 0)), reason: first.message });
  }
  return {
    vtt,
    cues: cues.map((c) => ({ startMs: Math.round(c.startTime * 1000), endMs: Math.round(c.endTime * 1000), text: c.text })),
  };
}
