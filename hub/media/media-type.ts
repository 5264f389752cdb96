import type { BlobStore } from './blob-store';

export const OCTET_STREAM = 'application/octet-stream';

/** Enough leading bytes for every signature below (a WebM's EBML header names its doctype early). */
const SNIFF_BYTES = 64;

/** A JSON blob (waveform peaks) is parsed whole to be served as JSON; larger ones are only bytes. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const EBML = [0x1a, 0x45, 0xdf, 0xa3];
/** ISO base media brands of audio-only files (.m4a, .m4b audiobooks, .m4p). */
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ']);

const startsWith = (head: Uint8Array, signature: number[]) => signature.every((byte, i) => head[i] === byte);
const ascii = (head: Uint8Array, from: number, to: number) => String.fromCharCode(...head.subarray(from, to));

/** The type a signature in the first bytes shows, or null when none does. */
function typeFromSignature(head: Uint8Array): string | null {
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, JPEG)) return 'image/jpeg';
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (AUDIO_BRANDS.has(brand)) return 'audio/mp4';
    return brand === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  }
  // WebM is Matroska with its own doctype, named in the EBML header.
  if (startsWith(head, EBML)) return ascii(head, 0, head.length).includes('webm') ? 'video/webm' : 'video/x-matroska';
  return null;
}

function looksLikeJson(head: Uint8Array): boolean {
  const first = head.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  return first === 0x7b || first === 0x5b;
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/**
 * The type a blob's own bytes show it to be, among the kinds the studio shares (video, audio,
 * posters and sprites, waveform peaks; originals from phones and cameras), else octet-stream. The uploader's declared type is never
 * used: served back, it would let anyone in a community hand the others an HTML page from the hub.
 * `read(n)` answers the blob's first n bytes.
 */
export async function mediaTypeOf(size: number, read: (bytes: number) => Promise<Uint8Array>): Promise<string> {
  const head = await read(Math.min(size, SNIFF_BYTES));
  const signed = typeFromSignature(head);
  if (signed) return signed;
  // JSON has no signature; only parsing the whole blob tells it from text that starts with a brace.
  if (looksLikeJson(head) && size <= MAX_JSON_BYTES && isJson(await read(size))) return 'application/json';
  return OCTET_STREAM;
}

/** Blob types remembered at most; each costs about a hundred bytes. */
const MAX_KNOWN = 10_000;

/**
 * Each blob's type, worked out from its bytes once: a blob is named by its sha256, so its type can
 * never change.
 */
export class BlobTypes {
  private readonly known = new Map<string, string>();

  constructor(private readonly blobs: BlobStore) {}

  async of(sha256: string, size: number): Promise<string> {
    const known = this.known.get(sha256);
    if (known) return known;
    const type = await mediaTypeOf(size, (bytes) => this.head(sha256, bytes));
    this.known.set(sha256, type);
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.keys().next().value!);
    return type;
  }

  private async head(sha256: string, bytes: number): Promise<Uint8Array> {
    if (bytes === 0) return new Uint8Array();
    const chunks: Buffer[] = await this.blobs.read(sha256, { start: 0, end: bytes - 1 }).toArray();
    return Buffer.concat(chunks);
  }
}
