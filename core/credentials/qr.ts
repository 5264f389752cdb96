import { deflateRawSync, inflateRawSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { StudioError } from '../../common/errors';

/**
 * The whole signed credential in one QR code, so a printed certificate verifies with no network: its
 * JSON, deflated (a credential is about 2 KB of text, too much for a readable code as it is), behind a
 * short prefix that says what follows.
 */
const PREFIX = Buffer.from('OB3Z:', 'latin1');

export async function credentialQrPng(credential: unknown): Promise<Buffer> {
  const payload = Buffer.concat([PREFIX, deflateRawSync(Buffer.from(JSON.stringify(credential), 'utf8'), { level: 9 })]);
  return QRCode.toBuffer([{ data: payload, mode: 'byte' }], { errorCorrectionLevel: 'L', margin: 4, scale: 4 });
}

/** The credential's JSON text from a QR code found in a PNG picture, or null when there is none. */
export function credentialFromQrPicture(png: Buffer): string | null {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch {
    throw new StudioError('credential_invalid', { issue: 'unreadable PNG' });
  }
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  if (!found) return null;
  const bytes = Buffer.from(found.binaryData);
  if (!bytes.subarray(0, PREFIX.length).equals(PREFIX)) return bytes.toString('utf8');
  try {
    return inflateRawSync(bytes.subarray(PREFIX.length), { maxOutputLength: 1024 * 1024 }).toString('utf8');
  } catch {
    throw new StudioError('credential_invalid', { issue: 'QR payload' });
  }
}
