import { useTranslation } from 'react-i18next';
import { levelRange, localize } from '../../../common/review/rubric';
import type { Growth } from '../../../common/schemas/review';
import { formatDay } from './format';

/** Axis labels sit in a left-to-right drawing: directional marks in a localized date would reorder it. */
const plain = (text: string) => text.replace(/[\u200e\u200f\u061c]/g, '');

const COLORS = ['#0f766e', '#b45309', '#1d4ed8', '#9333ea', '#dc2626', '#15803d', '#0e7490', '#a16207'];
const W = 640;
const H = 240;
const PAD = { start: 40, end: 16, top: 16, bottom: 32 };

export const seriesColor = (i: number) => COLORS[i % COLORS.length]!;

/**
 * Rubric levels over time, one line per criterion, drawn as plain SVG. Time runs left to right in
 * every language, as on the video timeline, so the drawing stays left-to-right in Arabic too.
 */
export function GrowthChart({ series }: { series: Growth['rubrics'][number] }) {
  const { t, i18n } = useTranslation();
  const { rubric, criteria } = series;
  const { min, max } = levelRange(rubric.scale);
  const times = criteria.flatMap((c) => c.points.map((p) => p.at));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const x = (at: number) =>
    last === first ? (PAD.start + W - PAD.end) / 2 : PAD.start + ((at - first) / (last - first)) * (W - PAD.start - PAD.end);
  const y = (level: number) => H - PAD.bottom - ((level - min) / (max - min)) * (H - PAD.top - PAD.bottom);
  const label = (code: string) => localize(rubric.scale.criteria.find((c) => c.code === code)?.label, i18n.language) || code;
  const levelName = (value: number) => localize(rubric.scale.levels.find((l) => l.value === value)?.label, i18n.language);
  const titleId = `growth-${rubric.id}`;

  return (
    <figure className="growth-chart">
      <div dir="ltr">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId}>
          <title id={titleId}>{t('review.growth.chartTitle', { rubric: localize(rubric.title, i18n.language) })}</title>
          {rubric.scale.levels.map((l) => (
            <g key={l.value} className="grid-line">
              <line x1={PAD.start} x2={W - PAD.end} y1={y(l.value)} y2={y(l.value)} />
              <text x={PAD.start - 8} y={y(l.value)} textAnchor="end" dominantBaseline="middle">
                {new Intl.NumberFormat(i18n.language).format(l.value)}
              </text>
            </g>
          ))}
          <text x={PAD.start} y={H - 8} className="axis-label">
            {plain(formatDay(first, i18n.language))}
          </text>
          {last !== first && (
            <text x={W - PAD.end} y={H - 8} textAnchor="end" className="axis-label">
              {plain(formatDay(last, i18n.language))}
            </text>
          )}
          {criteria.map((c, i) => (
            <g key={c.code} stroke={seriesColor(i)} fill={seriesColor(i)} data-criterion={c.code}>
              {c.points.length > 1 && (
                <polyline fill="none" strokeWidth={2.5} points={c.points.map((p) => `${x(p.at)},${y(p.level)}`).join(' ')} />
              )}
              {c.points.map((p) => (
                <circle key={p.reviewId} cx={x(p.at)} cy={y(p.level)} r={5} data-level={p.level}>
                  <title>
                    {t('review.growth.point', {
                      criterion: label(c.code),
                      level: p.level,
                      name: levelName(p.level),
                      date: formatDay(p.at, i18n.language),
                    })}
                  </title>
                </circle>
              ))}
            </g>
          ))}
        </svg>
      </div>
      <figcaption>
        <ul className="legend">
          {criteria.map((c, i) => (
            <li key={c.code}>
              <span className="swatch" style={{ backgroundColor: seriesColor(i) }} aria-hidden="true" />
              {label(c.code)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
