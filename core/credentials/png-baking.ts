import { crc32 } from '@node-rs/crc32';
import { StudioError } from '../../common/errors';

/**
 * Open Badges 3.0 baking: the credential travels inside the badge image as a PNG `iTXt` chunk with
 * the keyword `openbadgecredential` (uncompressed, UTF-8), placed before `IEND`. Any existing badge
 * chunk is replaced, since an image carries one credential.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const BADGE_KEYWORD = 'openbadgecredential';

interface Chunk {
  type: string;
  data: Buffer;
}

export function isPng(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(SIGNATURE);
}

function readChunks(png: Buffer): Chunk[] {
  if (!isPng(png)) throw new StudioError('credential_invalid', { issue: 'not a PNG' });
  const chunks: Chunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) throw new StudioError('credential_invalid', { issue: 'truncated PNG' });
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') return chunks;
  }
  throw new StudioError('credential_invalid', { issue: 'PNG without IEND' });
}

function writeChunk({ type, data }: Chunk): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text. */
function badgeChunk(text: string): Chunk {
  const data = Buffer.concat([Buffer.from(BADGE_KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
  return { type: 'iTXt', data };
}

function badgeText(chunk: Chunk): string | null {
  if (chunk.type !== 'iTXt') return null;
  const end = chunk.data.indexOf(0);
  if (end < 0 || chunk.data.toString('latin1', 0, end) !== BADGE_KEYWORD) return null;
  if (chunk.data[end + 1] !== 0) throw new StudioError('credential_invalid', { issue: 'compressed badge chunk' });
  const language = chunk.data.indexOf(0, end + 3);
  const translated = language < 0 ? -1 : chunk.data.indexOf(0, language + 1);
  if (translated < 0) throw new StudioError('credential_invalid', { issue: 'malformed iTXt' });
  return chunk.data.toString('utf8', translated + 1);
}

export function bakeCredential(png: Buffer, credential: unknown): Buffer {
  const chunks = readChunks(png).filter((c) => badgeText(c) === null);
  chunks.splice(chunks.length - 1, 0, badgeChunk(JSON.stringify(credential)));
  return Buffer.concat([SIGNATURE, ...chunks.map(writeChunk)]);
}

/** The baked credential's JSON text, or null when the PNG carries none. */
export function unbakeCredential(png: Buffer): string | null {
  for (const chunk of readChunks(png)) {
    const text = badgeText(chunk);
    if (text !== null) return text;
  }
  return null;
}
