import * as Plot from '@observablehq/plot';
import { KeyItem, labelMargin } from '../../components/chart-layout';
import { usePlot } from '../../components/usePlot';
import { t } from '../../i18n';
import type { ChartRow, TrendPoint } from './prepare';

const rateColour = '#0b5cad';
const flagColour = '#b42318';
const intervalColour = '#8aa4c1';
const percent = (d: number) => `${Math.round(d * 100)}%`;

/**
 * Each group's rate (a dot; a triangle when flagged, labelled "DI") with its
 * margin of error as a bar and the rate it is compared with as a black tick.
 * A withheld group keeps its row, saying why; a group too small to flag says
 * so. The chart is one image, named and described; the table gives every number.
 */
export function GapChart({
  rows,
  overall,
  ariaLabel,
  description,
  interval,
}: {
  rows: ChartRow[];
  overall: number | null;
  ariaLabel: string;
  description: string;
  /** The method has a margin of error (PPG). */
  interval: boolean;
}) {
  const holder = usePlot((width) => {
    const narrow = width < 480;
    const labelOf = new Map(rows.map((r) => [r.key, r.label]));
    const marginLeft = labelMargin(rows.map((r) => r.label), width, 90, 6.6);
    const shown = rows.filter((r) => r.rate !== null);
    const plain = shown.filter((r) => !r.flagged);
    const flagged = shown.filter((r) => r.flagged);
    const rightOf = (r: ChartRow) => Math.max(r.hi ?? r.rate ?? 0, r.reference ?? 0, r.rate ?? 0);
    return Plot.plot({
      width,
      // Long names wrap on a phone: more room per row there.
      height: rows.length * (narrow ? 44 : 34) + 56,
      marginLeft,
      marginRight: narrow ? 56 : 104,
      marginTop: 28,
      className: 'gap-chart',
      ariaLabel,
      ariaDescription: description,
      style: { fontSize: '12px', background: 'transparent' },
      x: {
        domain: [0, 1],
        grid: true,
        tickFormat: percent,
        label: t.equity.rateAxis,
        labelAnchor: 'left',
        // A tick every 10% where there is room, fewer on a phone.
        ticks: Math.max(2, Math.min(10, Math.floor((width - marginLeft - (narrow ? 56 : 104)) / 48))),
      },
      y: { domain: rows.map((r) => r.key), label: null, tickFormat: (k: string) => labelOf.get(k) ?? k, padding: 0.3 },
      marks: [
        Plot.axisY({
          tickFormat: (k: string) => labelOf.get(k) ?? k,
          // Plot wraps the names at this width, in ems (about two characters each at 12px).
          lineWidth: Math.max(5, (marginLeft - 12) / 12),
          tickSize: 0,
          ariaHidden: 'true',
        }),
        overall !== null
          ? Plot.ruleX([overall], { stroke: '#4b5563', strokeDasharray: '4,3', ariaHidden: 'true' })
          : null,
        Plot.ruleY(
          shown.filter((r) => r.lo !== null && r.hi !== null),
          { y: 'key', x1: 'lo', x2: 'hi', stroke: intervalColour, strokeWidth: 8, strokeLinecap: 'round', ariaHidden: 'true' },
        ),
        Plot.tickX(
          shown.filter((r) => r.reference !== null),
          { x: 'reference', y: 'key', stroke: '#111', strokeWidth: 2.5, ariaHidden: 'true' },
        ),
        Plot.dot(plain, { x: 'rate', y: 'key', r: 5.5, fill: rateColour, stroke: 'white', strokeWidth: 1.5, ariaHidden: 'true' }),
        Plot.dot(flagged, {
          x: 'rate',
          y: 'key',
          r: 7,
          symbol: 'triangle',
          fill: flagColour,
          stroke: 'white',
          strokeWidth: 1.5,
          ariaHidden: 'true',
        }),
        Plot.text(flagged, {
          x: rightOf,
          y: 'key',
          text: () => t.equity.flagMark,
          dx: 8,
          textAnchor: 'start',
          fill: flagColour,
          fontWeight: 700,
          fontSize: 13,
          ariaHidden: 'true',
        }),
        Plot.text(
          shown.filter((r) => r.smallN),
          { x: rightOf, y: 'key', text: () => t.equity.tooFewMark, dx: 8, textAnchor: 'start', fill: '#4b5563', ariaHidden: 'true' },
        ),
        Plot.text(
          rows.filter((r) => r.rate === null),
          {
            x: 0,
            y: 'key',
            // The reason in full where it fits; on a phone the table gives it.
            text: (r: ChartRow) => (narrow ? t.equity.withheldShort : t.equity.withheldMark(r.reason)),
            dx: 4,
            textAnchor: 'start',
            fill: '#4b5563',
            fontStyle: 'italic',
            // A halo in the panel's colour keeps the words readable over the grid.
            stroke: '#f5f7fa',
            strokeWidth: 4,
            paintOrder: 'stroke',
            ariaHidden: 'true',
          },
        ),
      ],
    });
  }, [rows, overall, ariaLabel, description]);

  return (
    <>
      <div ref={holder} class="gap-chart-holder" />
      <ul class="chart-key" aria-hidden="true">
        <KeyItem label={t.equity.legendRate}>
          <circle cx="8" cy="8" r="5.5" fill={rateColour} />
        </KeyItem>
        {interval && (
          <KeyItem label={t.equity.legendInterval} width={26}>
            <line x1="4" y1="8" x2="22" y2="8" stroke={intervalColour} stroke-width="8" stroke-linecap="round" />
          </KeyItem>
        )}
        <KeyItem label={t.equity.legendReference}>
          <line x1="8" y1="1" x2="8" y2="15" stroke="#111" stroke-width="2.5" />
        </KeyItem>
        <KeyItem label={t.equity.legendFlagged}>
          <path d="M8 1.5 L14.5 14 L1.5 14 Z" fill={flagColour} />
        </KeyItem>
        {overall !== null && (
          <KeyItem label={t.equity.legendOverall}>
            <line x1="8" y1="0" x2="8" y2="16" stroke="#4b5563" stroke-dasharray="4,3" />
          </KeyItem>
        )}
      </ul>
    </>
  );
}

/** One line per group over the school years; withheld years leave gaps; flagged years are triangles. */
export function TrendLines({ points, ariaLabel }: { points: TrendPoint[]; ariaLabel: string }) {
  const holder = usePlot((width) => {
    const narrow = width < 480;
    const plot = Plot.plot({
      width,
      height: narrow ? 280 : 340,
      marginLeft: 48,
      marginRight: 16,
      marginBottom: narrow ? 52 : 32,
      className: 'trend-lines',
      ariaLabel,
      style: { fontSize: '12px', background: 'transparent' },
      x: { type: 'point', label: null, tickRotate: narrow ? -45 : 0 },
      y: { domain: [0, 1], grid: true, tickFormat: percent, label: t.equity.rateAxis },
      color: { type: 'categorical', scheme: 'observable10', legend: false },
      marks: [
        Plot.lineY(points, { x: 'cohort', y: 'rate', stroke: 'label', strokeWidth: 2, ariaHidden: 'true' }),
        Plot.dot(
          points.filter((p) => p.rate !== null && !p.flagged),
          { x: 'cohort', y: 'rate', fill: 'label', r: 3, ariaHidden: 'true' },
        ),
        Plot.dot(
          points.filter((p) => p.rate !== null && p.flagged),
          { x: 'cohort', y: 'rate', fill: 'label', symbol: 'triangle', r: 6, stroke: '#111', strokeWidth: 1, ariaHidden: 'true' },
        ),
      ],
    });
    return { plot, legend: plot.legend('color') };
  }, [points, ariaLabel]);

  return <div ref={holder} class="trend-holder" />;
}
