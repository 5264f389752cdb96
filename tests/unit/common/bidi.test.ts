import { describe, expect, it } from 'vitest';
import { FSI, hasRtl, isolate, isolateIfRtl, PDI, stripBidiControls } from '../../../common/bidi';

const arabicFractions = 'مقارنة الكسور: ⅓ و ½';
const urdu = 'کسروں کا موازنہ ۲۰۲۶';
const latinInArabic = 'درس Fractions 101 للصف ٥';

describe('isolate', () => {
  it('wraps a title in first-strong isolates, so Arabic with digits and fractions keeps its order inside an English sentence', () => {
    const line = `1 of 2: ${isolate(arabicFractions)}`;
    expect(line).toBe(`1 of 2: ${FSI}${arabicFractions}${PDI}`);
    // The person's words come back exactly as written.
    expect(stripBidiControls(line)).toBe(`1 of 2: ${arabicFractions}`);
  });

  it('isolates Urdu and Latin-inside-Arabic titles whole', () => {
    expect(isolate(urdu)).toBe(`${FSI}${urdu}${PDI}`);
    expect(isolate(latinInArabic)).toBe(`${FSI}${latinInArabic}${PDI}`);
  });

  it('isolates each line on its own, since a line break closes every isolate', () => {
    expect(isolate('سطر\nline')).toBe(`${FSI}سطر${PDI}\n${FSI}line${PDI}`);
    expect(isolate('a\r\nb')).toBe(`${FSI}a${PDI}\r\n${FSI}b${PDI}`);
  });

  it('never lets the words open an isolate that swallows the text after them, nor close ours early', () => {
    expect(isolate(`abc${FSI}`)).toBe(`${FSI}abc${PDI}`);
    expect(isolate(`${PDI}abc`)).toBe(`${FSI}abc${PDI}`);
    expect(isolate(`${FSI}x${PDI}`)).toBe(`${FSI}${FSI}x${PDI}${PDI}`);
    const count = (s: string, c: string) => [...s].filter((ch) => ch === c).length;
    const out = isolate(`\u2067a${FSI}b${PDI}`);
    expect(count(out, PDI)).toBe(count(out, FSI) + count(out, '\u2067') + count(out, '\u2066'));
  });
});

describe('isolateIfRtl', () => {
  it('leaves Latin-only text byte for byte as it was', () => {
    expect(isolateIfRtl('Fractions 101')).toBe('Fractions 101');
  });
  it('isolates text with Arabic, Urdu or Hebrew letters', () => {
    expect(isolateIfRtl(arabicFractions)).toBe(isolate(arabicFractions));
    expect(isolateIfRtl(urdu)).toBe(isolate(urdu));
    expect(isolateIfRtl('שלום')).toBe(isolate('שלום'));
  });
  it('knows which text holds right-to-left letters', () => {
    expect(hasRtl(latinInArabic)).toBe(true);
    expect(hasRtl('⅓ ½ 2026')).toBe(false);
  });
});
