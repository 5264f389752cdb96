import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import rangeParser from 'range-parser';
import { StudioError } from '../../common/errors';

export interface MediaResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: Readable | null;
}

/**
 * An HTTP answer for a media file, honouring a Range header (video elements seek with them). Both
 * shells call this with a path the core resolved from an asset id; it is never given a path that
 * came from the renderer, and refuses relative ones so a slip there cannot reach outside the library.
 */
export async function openMediaRange(filePath: string, mime: string, rangeHeader: string | undefined): Promise<MediaResponse> {
  if (!path.isAbsolute(filePath)) throw new StudioError('invalid_input', { path: 'filePath', issue: 'not absolute' });
  const stat = await fs.stat(filePath).catch(() => null);
  if (!stat?.isFile()) throw new StudioError('file_not_found');
  const size = stat.size;
  const common = { 'Accept-Ranges': 'bytes', 'Content-Type': mime, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };

  // A malformed header, or a unit other than bytes, is ignored as RFC 9110 asks: the whole file.
  const ranges = rangeHeader ? rangeParser(size, rangeHeader, { combine: true }) : -2;
  if (ranges === -1) {
    return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' }, body: null };
  }
  const first = ranges !== -2 && ranges.type === 'bytes' ? ranges[0] : undefined;
  if (!first) {
    return { status: 200, headers: { ...common, 'Content-Length': String(size) }, body: createReadStream(filePath) };
  }
  // Several ranges would need a multipart body; players only ever ask for one, so the first is served.
  return {
    status: 206,
    headers: {
      ...common,
      'Content-Length': String(first.end - first.start + 1),
      'Content-Range': `bytes ${first.start}-${first.end}/${size}`,
    },
    body: createReadStream(filePath, { start: first.start, end: first.end }),
  };
}
