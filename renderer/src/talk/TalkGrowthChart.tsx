import { useTranslation } from 'react-i18next';
import type { TalkGrowth, TalkTarget, TalkTargetFigure } from '../../../common/schemas/talk';
import { targetValue } from '../../../common/schemas/talk';
import { formatDay, isolate } from '../review/format';
import { formatTargetValue } from './targets';

/** Axis labels sit in a left-to-right drawing: directional marks in a localized date would reorder it. */
const plain = (text: string) => text.replace(/[\u200e\u200f\u061c]/g, '');
const W = 360;
const H = 170;
const PAD = { start: 44, end: 12, top: 12, bottom: 28 };

/**
 * One talk figure over a teacher's lessons, as plain SVG: a line through each analysed lesson, and
 * the goal's level as a dashed line when a goal is tied to this figure. Time runs left to right in
 * every language (as on the video timeline), so the drawing stays left-to-right in Arabic and Urdu;
 * the words around it follow the page's direction. The figure's description says in words what the
 * line shows, and the table under the charts holds every value.
 */
export function TalkGrowthChart({
  figure,
  lessons,
  target,
}: {
  figure: TalkTargetFigure;
  lessons: TalkGrowth['lessons'];
  target?: TalkTarget;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const points = lessons.flatMap((l) => {
    const v = targetValue(l.figures, figure);
    return v === null ? [] : [{ at: l.at, value: v, title: l.title }];
  });
  const titleId = `talk-growth-${figure}`;
  const descId = `${titleId}-desc`;
  const values = [...points.map((p) => p.value), ...(target ? [target.value] : [])];
  // Shares of the lesson run to 100 %; waits and turns to a little above the highest value.
  const top = figure.endsWith('Pct') ? 100 : Math.max(1, ...values) * 1.15;
  const first = points[0]?.at ?? 0;
  const last = points.at(-1)?.at ?? 0;
  const x = (i: number) =>
    points.length < 2 ? (PAD.start + W - PAD.end) / 2 : PAD.start + (i / (points.length - 1)) * (W - PAD.start - PAD.end);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const fmt = (v: number) => formatTargetValue(figure, v, lang);
  // Ticks are bare numbers (percent keeps its sign): a unit word in a right-to-left script would
  // flip to the number's other side inside the left-to-right drawing. The caption names the unit.
  const tick = (v: number) => (figure.endsWith('Pct') ? fmt(v) : new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(v));
  const description =
    points.length === 0
      ? t('talk.growth.noValues')
      : t('talk.growth.describe', {
          lessons: new Intl.NumberFormat(lang).format(points.length),
          // Each value isolated, so "39%" after the Arabic "و" keeps its own order.
          first: isolate(fmt(points[0]!.value)),
          last: isolate(fmt(points.at(-1)!.value)),
          low: isolate(fmt(Math.min(...points.map((p) => p.value)))),
          high: isolate(fmt(Math.max(...points.map((p) => p.value)))),
        });

  return (
    <figure className="talk-growth-chart" data-figure={figure}>
      <figcaption id={titleId}>
        {t(`talk.growth.figures.${figure}`)}
        {figure.startsWith('wait') && <span className="muted small-text"> ({t('talk.target.unit.wait1')})</span>}
      </figcaption>
      <div dir="ltr">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
          {[0, top / 2, top].map((v) => (
            <g key={v} className="grid-line">
              <line x1={PAD.start} x2={W - PAD.end} y1={y(v)} y2={y(v)} />
              <text x={PAD.start - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">
                {plain(tick(v))}
              </text>
            </g>
          ))}
          {target && <line className="talk-target-line" x1={PAD.start} x2={W - PAD.end} y1={y(target.value)} y2={y(target.value)} />}
          {points.length > 0 && (
            <text x={PAD.start} y={H - 8} className="axis-label">
              {plain(formatDay(first, lang))}
            </text>
          )}
          {points.length > 1 && (
            <text x={W - PAD.end} y={H - 8} textAnchor="end" className="axis-label">
              {plain(formatDay(last, lang))}
            </text>
          )}
          {points.length > 1 && (
            <polyline className="talk-growth-line" fill="none" points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')} />
          )}
          {points.map((p, i) => (
            <circle key={`${p.at}-${i}`} className="talk-growth-point" cx={x(i)} cy={y(p.value)} r={4.5}>
              <title>{`${p.title}: ${fmt(p.value)} (${formatDay(p.at, lang)})`}</title>
            </circle>
          ))}
        </svg>
      </div>
      <p id={descId} className="muted small-text">
        {description}
        {target && ` ${t('talk.growth.targetLine', { target: t(`talk.target.${target.direction}`, { value: fmt(target.value) }) })}`}
      </p>
    </figure>
  );
}
