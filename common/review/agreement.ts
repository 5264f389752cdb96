/**
 * Agreement between raters who scored the same items (a calibration exemplar's rubric criteria) on
 * an ordinal scale of levels. Pure functions: the hub, the studio and the tests compute the same.
 */

/** Items both raters scored, as parallel lists of levels. */
export function paired(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): { a: number[]; b: number[] } {
  const left: number[] = [];
  const right: number[] = [];
  for (const [item, level] of a) {
    const other = b.get(item);
    if (other === undefined) continue;
    left.push(level);
    right.push(other);
  }
  return { a: left, b: right };
}

export interface ReferenceAgreement {
  /** Items scored by both. */
  compared: number;
  exact: number;
  /** Within one level, exact included: the usual reading of "adjacent agreement" for rubric scoring. */
  adjacent: number;
  exactRate: number | null;
  adjacentRate: number | null;
}

/** How closely one rater's levels match the reference. */
export function agreementWithReference(scores: ReadonlyMap<string, number>, reference: ReadonlyMap<string, number>): ReferenceAgreement {
  const { a, b } = paired(scores, reference);
  const exact = a.filter((level, i) => level === b[i]).length;
  const adjacent = a.filter((level, i) => Math.abs(level - b[i]!) <= 1).length;
  return {
    compared: a.length,
    exact,
    adjacent,
    exactRate: a.length ? exact / a.length : null,
    adjacentRate: a.length ? adjacent / a.length : null,
  };
}

/** Share of items on which two raters gave the same level; null when they share no item. */
export function percentAgreement(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) throw new RangeError('raters must score the same items');
  if (a.length === 0) return null;
  return a.filter((level, i) => level === b[i]).length / a.length;
}

export interface Kappa {
  /** Observed agreement. */
  po: number;
  /** Agreement expected by chance from each rater's own distribution of levels. */
  pe: number;
  /** (po − pe) / (1 − pe); null when chance agreement is already total (both always gave one same level). */
  kappa: number | null;
}

/** Cohen's kappa for two raters over the same items; null when they share no item. */
export function cohensKappa(a: readonly number[], b: readonly number[]): Kappa | null {
  const po = percentAgreement(a, b);
  if (po === null) return null;
  const n = a.length;
  const countA = new Map<number, number>();
  const countB = new Map<number, number>();
  for (const level of a) countA.set(level, (countA.get(level) ?? 0) + 1);
  for (const level of b) countB.set(level, (countB.get(level) ?? 0) + 1);
  let pe = 0;
  for (const [level, count] of countA) pe += (count / n) * ((countB.get(level) ?? 0) / n);
  return { po, pe, kappa: pe === 1 ? null : (po - pe) / (1 - pe) };
}

export interface PairAgreement {
  raters: [string, string];
  compared: number;
  percent: number | null;
  kappa: number | null;
}

export interface RaterAgreement {
  pairs: PairAgreement[];
  /** Mean over pairs that shared items. */
  meanPercent: number | null;
  /** Light's kappa: the mean of pairwise Cohen's kappas, over pairs where kappa is defined. */
  meanKappa: number | null;
}

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

/** Agreement among several raters, pair by pair. Raters are given as item → level maps. */
export function agreementAcrossRaters(raters: ReadonlyMap<string, ReadonlyMap<string, number>>): RaterAgreement {
  const ids = [...raters.keys()].sort();
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const { a, b } = paired(raters.get(ids[i]!)!, raters.get(ids[j]!)!);
      pairs.push({
        raters: [ids[i]!, ids[j]!],
        compared: a.length,
        percent: percentAgreement(a, b),
        kappa: cohensKappa(a, b)?.kappa ?? null,
      });
    }
  }
  return {
    pairs,
    meanPercent: mean(pairs.flatMap((p) => (p.percent === null ? [] : [p.percent]))),
    meanKappa: mean(pairs.flatMap((p) => (p.kappa === null ? [] : [p.kappa]))),
  };
}
