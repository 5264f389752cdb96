import { StudioError } from '../errors';

/**
 * Reading Open Badges 3.0 baking: the credential travels inside the badge image as a PNG `iTXt`
 * chunk with the keyword `openbadgecredential` (uncompressed, UTF-8). One reader for the studio
 * (core/credentials/png-baking.ts, which also bakes) and the offline verify page
 * (renderer/verify-page/): plain bytes and TextDecoder, so it runs in Node and in browsers alike.
 */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
export const BADGE_KEYWORD = 'openbadgecredential';

export interface PngChunk {
  type: string;
  data: Uint8Array;
}

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const utf8 = new TextDecoder();

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export function readPngChunks(png: Uint8Array): PngChunk[] {
  if (!isPng(png)) throw new StudioError('credential_invalid', { issue: 'not a PNG' });
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = view.getUint32(at);
    const type = latin1(png.subarray(at + 4, at + 8));
    if (at + 12 + length > png.length) throw new StudioError('credential_invalid', { issue: 'truncated PNG' });
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') return chunks;
  }
  throw new StudioError('credential_invalid', { issue: 'PNG without IEND' });
}

/** The credential's text in a badge chunk; null for any other chunk. */
export function badgeText(chunk: PngChunk): string | null {
  if (chunk.type !== 'iTXt') return null;
  const end = chunk.data.indexOf(0);
  if (end < 0 || latin1(chunk.data.subarray(0, end)) !== BADGE_KEYWORD) return null;
  if (chunk.data[end + 1] !== 0) throw new StudioError('credential_invalid', { issue: 'compressed badge chunk' });
  const language = chunk.data.indexOf(0, end + 3);
  const translated = language < 0 ? -1 : chunk.data.indexOf(0, language + 1);
  if (translated < 0) throw new StudioError('credential_invalid', { issue: 'malformed iTXt' });
  return utf8.decode(chunk.data.subarray(translated + 1));
}

/** The baked credential's JSON text, or null when the PNG carries none. */
export function unbakeCredential(png: Uint8Array): string | null {
  for (const chunk of readPngChunks(png)) {
    const text = badgeText(chunk);
    if (text !== null) return text;
  }
  return null;
}
