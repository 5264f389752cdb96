import { describe, expect, it } from 'vitest';
import { agreementAcrossRaters, agreementWithReference, cohensKappa, percentAgreement } from '../../../common/review/agreement';

const items = (levels: number[]) => new Map(levels.map((level, i) => [`c${i}`, level]));

// Ten criteria scored by two mentors on a 1–4 scale; every figure below is worked out by hand.
const A = [1, 2, 3, 3, 4, 2, 2, 3, 4, 1];
const B = [1, 2, 3, 4, 4, 2, 3, 3, 4, 2];

describe('agreement with the reference', () => {
  it('counts exact and within-one-level matches over the criteria both scored', () => {
    const mentor = new Map([
      ['a', 2],
      ['b', 3],
      ['c', 4],
      ['d', 1],
    ]);
    const reference = new Map([
      ['a', 2],
      ['b', 4],
      ['c', 2],
      ['d', 1],
      ['e', 3],
    ]);
    // a and d match; b is one level off; c is two off; e was not scored by the mentor.
    expect(agreementWithReference(mentor, reference)).toEqual({ compared: 4, exact: 2, adjacent: 3, exactRate: 0.5, adjacentRate: 0.75 });
  });

  it('has no rates when nothing was compared', () => {
    expect(agreementWithReference(new Map(), new Map([['a', 1]]))).toMatchObject({ compared: 0, exactRate: null, adjacentRate: null });
  });
});

describe("percentage agreement and Cohen's kappa", () => {
  it('matches the hand computation', () => {
    // Same level on items 0,1,2,4,5,7,8: 7 of 10.
    expect(percentAgreement(A, B)).toBe(0.7);
    // A gives 1,2,3,4 on 2,3,3,2 items; B on 1,3,3,3. pe = (2·1 + 3·3 + 3·3 + 2·3) / 100 = 0.26.
    const k = cohensKappa(A, B)!;
    expect(k.po).toBeCloseTo(0.7, 12);
    expect(k.pe).toBeCloseTo(0.26, 12);
    // (0.7 − 0.26) / (1 − 0.26) = 0.44 / 0.74
    expect(k.kappa).toBeCloseTo(0.594594594594, 10);
  });

  it('is 1 for identical ratings and undefined when chance agreement is total', () => {
    expect(cohensKappa(A, A)!.kappa).toBe(1);
    expect(cohensKappa([3, 3, 3], [3, 3, 3])).toEqual({ po: 1, pe: 1, kappa: null });
    expect(cohensKappa([], [])).toBeNull();
  });

  it('can be negative when raters disagree more than chance', () => {
    // po = 0; pe = (0.5·0.5 + 0.5·0.5) = 0.5; kappa = −0.5 / 0.5 = −1.
    expect(cohensKappa([1, 2], [2, 1])!.kappa).toBe(-1);
  });

  it('refuses lists of different lengths', () => {
    expect(() => percentAgreement([1], [1, 2])).toThrow(RangeError);
  });
});

describe('agreement across mentors', () => {
  it("averages pairs: percentage agreement and Light's kappa", () => {
    const raters = new Map([
      ['amal', items(A)],
      ['budi', items(B)],
      ['chen', items(A)],
    ]);
    const result = agreementAcrossRaters(raters);
    expect(result.pairs.map((p) => p.raters)).toEqual([
      ['amal', 'budi'],
      ['amal', 'chen'],
      ['budi', 'chen'],
    ]);
    // amal–budi 0.7, amal–chen 1, budi–chen 0.7 → 2.4 / 3 = 0.8
    expect(result.meanPercent).toBeCloseTo(0.8, 12);
    // kappas 0.44/0.74, 1, 0.44/0.74 → (0.88/0.74 + 1) / 3 = 0.729729…
    expect(result.meanKappa).toBeCloseTo(0.72972972973, 10);
  });

  it('compares only the criteria both mentors scored', () => {
    const result = agreementAcrossRaters(
      new Map([
        [
          'a',
          new Map([
            ['x', 1],
            ['y', 2],
          ]),
        ],
        [
          'b',
          new Map([
            ['y', 2],
            ['z', 4],
          ]),
        ],
      ]),
    );
    expect(result.pairs[0]).toMatchObject({ compared: 1, percent: 1, kappa: null });
    expect(result.meanKappa).toBeNull();
  });
});
