/**
 * Op JSON as bytes: how the op cache (op-cache.ts) keeps the ops of one read, and how a pull page
 * (pull.ts) joins them.
 */
const COMMA = Buffer.from(',');

/**
 * The texts in UTF-8 in one buffer of their own, a comma apart, each as its slice. (Not from Node's
 * shared pool: a slice's buffer is then its read's alone, which `joinedJson` relies on.)
 */
export function sideBySide(texts: string[]): Buffer[] {
  const joined = texts.join(',');
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(joined));
  bytes.write(joined);
  const slices: Buffer[] = [];
  let at = 0;
  for (const text of texts) {
    const length = Buffer.byteLength(text);
    slices.push(bytes.subarray(at, at + length));
    at += length + 1;
  }
  return slices;
}

/**
 * The ops' JSON (each a slice made by `sideBySide`), a comma apart, as pieces to concatenate:
 * consecutive ops that lie side by side in one read's buffer go as one slice of it, so a page of a
 * thousand ops is a few dozen pieces.
 */
export function joinedJson(ops: readonly { json: Buffer }[]): Buffer[] {
  const pieces: Buffer[] = [];
  let buffer: ArrayBufferLike | null = null;
  let start = 0;
  let end = 0;
  const close = () => {
    if (!buffer) return;
    if (pieces.length) pieces.push(COMMA);
    pieces.push(Buffer.from(buffer, start, end - start));
  };
  for (const { json } of ops) {
    if (json.buffer !== buffer || json.byteOffset !== end + 1) {
      close();
      buffer = json.buffer;
      start = json.byteOffset;
    }
    end = json.byteOffset + json.length;
  }
  close();
  return pieces;
}
