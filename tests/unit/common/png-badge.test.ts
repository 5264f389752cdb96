import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { isPng, unbakeCredential } from '../../../common/credentials/png-badge';
import { bakeCredential } from '../../../core/credentials/png-baking';

/** The one badge reader the studio and the offline verify page share: plain bytes in, the credential's text out. */
const picture = () => {
  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(200);
  return PNG.sync.write(png);
};

describe('reading a baked badge', () => {
  it('reads what the studio baked, from plain bytes as a browser holds them', () => {
    const credential = { name: 'ممارس متأمل', n: 1 };
    const baked = bakeCredential(picture(), credential);
    const bytes = new Uint8Array(baked.buffer.slice(baked.byteOffset, baked.byteOffset + baked.length));
    expect(isPng(bytes)).toBe(true);
    expect(JSON.parse(unbakeCredential(bytes)!)).toEqual(credential);
    // Baked again, the badge still carries one credential: the new one.
    expect(JSON.parse(unbakeCredential(bakeCredential(baked, { n: 2 }))!)).toEqual({ n: 2 });
  });

  it('says a picture without a badge holds none, and refuses what is not a whole PNG', () => {
    expect(unbakeCredential(picture())).toBeNull();
    expect(isPng(new TextEncoder().encode('{"a":1}'))).toBe(false);
    const baked = bakeCredential(picture(), { n: 1 });
    expect(() => unbakeCredential(baked.subarray(0, baked.length - 20))).toThrow(/truncated PNG|PNG without IEND/);
  });
});
