import jsQR from 'jsqr';
import { StudioError } from '../../common/errors';

/**
 * The credential's JSON text in a file a visitor chose, read in the browser as the studio reads it on
 * disk (core/credentials/verify-file.ts): a JSON file, a badge PNG baked the Open Badges 3.0 way (an
 * `iTXt` chunk with the keyword `openbadgecredential`, core/credentials/png-baking.ts), or a picture
 * with the certificate's QR code, whose payload is `OB3Z:` and the deflated JSON (core/credentials/qr.ts).
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BADGE_KEYWORD = 'openbadgecredential';
const QR_PREFIX = 'OB3Z:';
/** A credential is a few KB; a deflated payload that grows past this is not one. */
const MAX_TEXT_BYTES = 1024 * 1024;
/** Pictures are scanned at most this wide or high: a QR code stays readable, a phone photo stays quick. */
const MAX_SCAN_SIDE = 1600;

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

async function inflate(bytes: Uint8Array, format: CompressionFormat): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream(format));
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_TEXT_BYTES) throw new StudioError('credential_invalid', { issue: 'too large' });
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  chunks.reduce((at, chunk) => (out.set(chunk, at), at + chunk.length), 0);
  return out;
}

/** keyword NUL, compression flag, method, language tag NUL, translated keyword NUL, text. */
async function badgeText(data: Uint8Array): Promise<string | null> {
  const end = data.indexOf(0);
  if (end < 0 || latin1(data.subarray(0, end)) !== BADGE_KEYWORD) return null;
  const language = data.indexOf(0, end + 3);
  const translated = language < 0 ? -1 : data.indexOf(0, language + 1);
  if (translated < 0) throw new StudioError('credential_invalid', { issue: 'malformed iTXt' });
  const text = data.subarray(translated + 1);
  return new TextDecoder().decode(data[end + 1] === 0 ? text : await inflate(text, 'deflate'));
}

/** The baked credential of a PNG, or null when it carries none. */
async function bakedText(png: Uint8Array): Promise<string | null> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at);
    const type = latin1(png.subarray(at + 4, at + 8));
    if (type === 'IEND' || at + 12 + length > png.length) return null;
    if (type === 'iTXt') {
      const text = await badgeText(png.subarray(at + 8, at + 8 + length));
      if (text !== null) return text;
    }
    at += 12 + length;
  }
  return null;
}

/** The bytes of the first QR code in a picture, or null when there is none (or the browser cannot read the picture). */
async function qrBytes(picture: Blob): Promise<Uint8Array | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(picture);
  } catch {
    return null;
  }
  const scale = Math.min(1, MAX_SCAN_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const found = jsQR(context.getImageData(0, 0, width, height).data, width, height);
  return found ? Uint8Array.from(found.binaryData) : null;
}

function isPicture(file: File, bytes: Uint8Array): boolean {
  return file.type.startsWith('image/') || startsWith(bytes, PNG_SIGNATURE) || startsWith(bytes, [0xff, 0xd8, 0xff]);
}

export async function credentialText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (startsWith(bytes, PNG_SIGNATURE)) {
    const baked = await bakedText(bytes);
    if (baked !== null) return baked;
  }
  if (!isPicture(file, bytes)) return new TextDecoder().decode(bytes);
  const payload = await qrBytes(file);
  if (!payload) throw new StudioError('credential_not_in_image');
  if (latin1(payload.subarray(0, QR_PREFIX.length)) !== QR_PREFIX) return new TextDecoder().decode(payload);
  try {
    return new TextDecoder().decode(await inflate(payload.subarray(QR_PREFIX.length), 'deflate-raw'));
  } catch (err) {
    if (err instanceof StudioError) throw err;
    throw new StudioError('credential_invalid', { issue: 'QR payload' });
  }
}
