import type { TalkTarget, TalkTargetFigure } from '../../../common/schemas/talk';
import { formatPercent } from '../lib/format';
import { formatSeconds } from './figure-rows';

/** A figure's value as the UI writes it: waits in seconds, shares in percent, turns as a count. */
export function formatTargetValue(figure: TalkTargetFigure, value: number, lang: string): string {
  if (figure === 'wait1' || figure === 'wait2') return formatSeconds(value * 1000, lang);
  if (figure === 'studentTurns') return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
  return formatPercent(value / 100, lang);
}

/** Which way a goal on a figure usually points: more wait time and student talk, less teacher talk. */
export function defaultTarget(figure: TalkTargetFigure): TalkTarget {
  switch (figure) {
    case 'wait1':
    case 'wait2':
      return { figure, direction: 'atLeast', value: 3 };
    case 'teacherPct':
      return { figure, direction: 'atMost', value: 60 };
    case 'studentPct':
      return { figure, direction: 'atLeast', value: 20 };
    case 'studentTurns':
      return { figure, direction: 'atLeast', value: 10 };
  }
}
