import { crc32 } from '@node-rs/crc32';
import { BADGE_KEYWORD, PNG_SIGNATURE, badgeText, readPngChunks, type PngChunk } from '../../common/credentials/png-badge';

/**
 * Open Badges 3.0 baking: the credential travels inside the badge image as a PNG `iTXt` chunk with
 * the keyword `openbadgecredential` (uncompressed, UTF-8), placed before `IEND`. Any existing badge
 * chunk is replaced, since an image carries one credential. Reading is shared with the offline
 * verify page (common/credentials/png-badge.ts).
 */
export { isPng, unbakeCredential } from '../../common/credentials/png-badge';

function writeChunk({ type, data }: PngChunk): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text. */
function badgeChunk(text: string): PngChunk {
  const data = Buffer.concat([Buffer.from(BADGE_KEYWORD, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
  return { type: 'iTXt', data };
}

export function bakeCredential(png: Buffer, credential: unknown): Buffer {
  const chunks = readPngChunks(png).filter((c) => badgeText(c) === null);
  chunks.splice(chunks.length - 1, 0, badgeChunk(JSON.stringify(credential)));
  return Buffer.concat([PNG_SIGNATURE, ...chunks.map(writeChunk)]);
}
