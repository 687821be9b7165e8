/**
 * The five GAS steps as pictures and plain words (never numbers): a face from a deep frown to a
 * broad smile, and a picker of five large buttons (radio semantics, ≥ 44 px) that says its
 * choice in words. The charts of a goal's ratings and of the T-score trend, each an SVG with a
 * text alternative.
 */
import { useId } from 'react';
import { GAS_RATINGS, type GasRating } from '#contracts';
import { useEvaluationI18n, type EvaluationMessageKey } from './i18n';

export const gasKey = (r: GasRating) => `gas.${r}` as EvaluationMessageKey;

/** A face for a step; decorative (the words beside it say it). */
export function GasFace({ rating, size = 40 }: { rating: GasRating; size?: number }) {
  // Mouth: a quadratic curve whose middle moves with the rating (down = frown, up = smile).
  const curve = 24 + rating * 5;
  const eyes = rating <= -2 ? 'M13 15 l6 2 M27 17 l6 -2' : null;
  return (
    <svg className={`gas-face gas-face-${rating + 2}`} width={size} height={size} viewBox="0 0 46 46" aria-hidden="true" focusable="false">
      <circle cx="23" cy="23" r="21" className="gas-face-bg" />
      <circle cx="16" cy="19" r="2.6" className="gas-face-ink" />
      <circle cx="30" cy="19" r="2.6" className="gas-face-ink" />
      {eyes && <path d={eyes} className="gas-face-line" />}
      <path d={`M13 ${30 - rating} Q23 ${curve + 8} 33 ${30 - rating}`} className="gas-face-line" />
    </svg>
  );
}

/** Five steps to choose from, worst first; `onPick` on each tap. */
export function GasPicker({
  legend,
  value,
  onPick,
  disabled,
  name,
}: {
  legend: string;
  value: GasRating | null;
  onPick: (rating: GasRating) => void;
  disabled?: boolean;
  name?: string;
}) {
  const { e } = useEvaluationI18n();
  const id = useId();
  return (
    <fieldset className="gas-picker" data-gas-picker={name}>
      <legend>{legend}</legend>
      <div className="gas-options">
        {GAS_RATINGS.map((r) => (
          <label key={r} className={`gas-option${value === r ? ' is-chosen' : ''}`}>
            <input
              type="radio"
              name={`${id}-gas`}
              value={r}
              checked={value === r}
              disabled={disabled}
              onChange={() => onPick(r)}
              data-gas={r}
            />
            <GasFace rating={r} />
            <span>{e(gasKey(r))}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export interface RatingPoint {
  date: string;
  rating: GasRating;
  kind: 'evaluation' | 'draft' | 'checkin';
}

/** A goal's ratings over time: an SVG (role img, labelled and described) and a table to open. */
export function RatingChart({ title, points }: { title: string; points: RatingPoint[] }) {
  const { e, formatDate } = useEvaluationI18n();
  const titleId = useId();
  const descId = useId();
  const width = 260;
  const height = 84;
  const pad = 10;
  const x = (i: number) => (points.length <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (r: number) => pad + ((2 - r) * (height - 2 * pad)) / 4;
  const line = points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.kind === 'evaluation')
    .map(({ p, i }, n) => `${n ? 'L' : 'M'}${x(i)},${y(p.rating)}`)
    .join(' ');
  return (
    <div className="rating-chart">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        data-rating-chart={points.length}
      >
        <title id={titleId}>{e('progress.chartLabel', { title, count: points.length })}</title>
        <desc id={descId}>{e('progress.chartDesc')}</desc>
        {[2, 1, 0, -1, -2].map((r) => (
          <line key={r} x1={pad} x2={width - pad} y1={y(r)} y2={y(r)} className={r === 0 ? 'chart-axis' : 'chart-grid'} />
        ))}
        {line && <path d={line} className="chart-line" />}
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={y(p.rating)} r={p.kind === 'evaluation' ? 5 : 4} className={`chart-dot chart-dot-${p.kind}`} />
        ))}
      </svg>
      <details className="chart-table">
        <summary>{e('progress.table')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{e('progress.col.date')}</th>
              <th scope="col">{e('progress.col.kind')}</th>
              <th scope="col">{e('progress.col.rating')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <td>{formatDate(p.date)}</td>
                <td>{e(`progress.kind.${p.kind}`)}</td>
                <td>{e(gasKey(p.rating))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/** The T-score over the evaluations, for those who ask for a number. */
export function TScoreChart({ points }: { points: { date: string; tScore: number }[] }) {
  const { e, formatDate, locale } = useEvaluationI18n();
  const titleId = useId();
  const width = 260;
  const height = 84;
  const pad = 10;
  const min = 20;
  const max = 80;
  const x = (i: number) => (points.length <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (t: number) => pad + ((max - Math.max(min, Math.min(max, t))) * (height - 2 * pad)) / (max - min);
  const number = (t: number) =>
    t.toLocaleString(locale === 'nb' ? 'nb-NO' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <div className="rating-chart">
      <svg role="img" aria-labelledby={titleId} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <title id={titleId}>{e('progress.tChartLabel', { count: points.length })}</title>
        <line x1={pad} x2={width - pad} y1={y(50)} y2={y(50)} className="chart-axis" />
        <path d={points.map((p, i) => `${i ? 'L' : 'M'}${x(i)},${y(p.tScore)}`).join(' ')} className="chart-line" />
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={y(p.tScore)} r={4} className="chart-dot chart-dot-evaluation" />
        ))}
      </svg>
      <ul className="tscore-list">
        {points.map((p, i) => (
          <li key={i} data-tscore={p.tScore}>
            {e('progress.tscore', { score: number(p.tScore), date: formatDate(p.date) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
