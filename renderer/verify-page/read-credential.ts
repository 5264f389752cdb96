import jsQR from 'jsqr';
import { isPng, unbakeCredential } from '../../common/credentials/png-badge';
import { StudioError } from '../../common/errors';

/**
 * The credential's JSON text in a file a visitor chose, read in the browser as the studio reads it on
 * disk (core/credentials/verify-file.ts): a JSON file, a badge PNG baked the Open Badges 3.0 way (an
 * `iTXt` chunk with the keyword `openbadgecredential`, common/credentials/png-badge.ts), or a picture
 * with the certificate's QR code, whose payload is `OB3Z:` and the deflated JSON (core/credentials/qr.ts).
 */

const QR_PREFIX = 'OB3Z:';
/** A credential is a few KB; a deflated payload that grows past this is not one. */
const MAX_TEXT_BYTES = 1024 * 1024;
/** Pictures are scanned at most this wide or high: a QR code stays readable, a phone photo stays quick. */
const MAX_SCAN_SIDE = 1600;

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** The certificate QR code's deflated JSON, inflated with the browser's own zlib. */
async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
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
  return file.type.startsWith('image/') || isPng(bytes) || (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff);
}

/** A baked badge first, then a QR code in any picture the browser can decode (PNG, JPEG, WebP…), else the file as JSON text. */
export async function credentialText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isPng(bytes)) {
    const baked = unbakeCredential(bytes);
    if (baked !== null) return baked;
  }
  if (!isPicture(file, bytes)) return new TextDecoder().decode(bytes);
  const payload = await qrBytes(file);
  if (!payload) throw new StudioError('credential_not_in_image');
  if (latin1(payload.subarray(0, QR_PREFIX.length)) !== QR_PREFIX) return new TextDecoder().decode(payload);
  try {
    return new TextDecoder().decode(await inflateRaw(payload.subarray(QR_PREFIX.length)));
  } catch (err) {
    if (err instanceof StudioError) throw err;
    throw new StudioError('credential_invalid', { issue: 'QR payload' });
  }
}
