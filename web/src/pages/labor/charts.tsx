import * as Plot from '@observablehq/plot';
import { KeyItem, labelMargin } from '../../components/chart-layout';
import { usePlot } from '../../components/usePlot';
import { formatHourly, formatNumber, t } from '../../i18n';
import { formatGap, type ChartRow } from './prepare';

const demandColour = '#0b5cad';
const supplyColour = '#b45309';
const belowColour = '#b42318';
const linkColour = '#8aa4c1';

/**
 * Openings against completers, one row per occupation in the table's order:
 * the openings a dot, the completers a diamond, a line between them, and the
 * gap written at the right. One image with a name and a description; the
 * table is its alternative.
 */
export function OpeningsChart({ rows, ariaLabel, description }: { rows: ChartRow[]; ariaLabel: string; description: string }) {
  const holder = usePlot(
    (width) => {
      const narrow = width < 480;
      const labelOf = new Map(rows.map((r) => [r.key, r.label]));
      const marginLeft = labelMargin(rows.map((r) => r.label), width, 110, 6.4);
      const withSupply = rows.filter((r) => r.supply !== null);
      const max = Math.max(1, ...rows.map((r) => Math.max(r.demand, r.supply ?? 0)));
      return Plot.plot({
        width,
        height: rows.length * (narrow ? 58 : 34) + 60,
        marginLeft,
        marginRight: narrow ? 52 : 72,
        marginTop: 28,
        className: 'labor-chart',
        ariaLabel,
        ariaDescription: description,
        style: { fontSize: '12px', background: 'transparent' },
        x: {
          domain: [0, max],
          nice: true,
          grid: true,
          label: t.labor.axisPerYear,
          labelAnchor: 'left',
          tickFormat: (d: number) => formatNumber(d),
          ticks: Math.max(2, Math.min(8, Math.floor((width - marginLeft - 72) / 70))),
        },
        y: { domain: rows.map((r) => r.key), label: null, padding: 0.3 },
        marks: [
          Plot.axisY({
            tickFormat: (k: string) => labelOf.get(k) ?? k,
            lineWidth: Math.max(5, (marginLeft - 12) / 12),
            tickSize: 0,
            ariaHidden: 'true',
          }),
          Plot.ruleY(withSupply, { y: 'key', x1: 'supply', x2: 'demand', stroke: linkColour, strokeWidth: 3, ariaHidden: 'true' }),
          Plot.dot(rows, { x: 'demand', y: 'key', r: 5.5, fill: demandColour, stroke: 'white', strokeWidth: 1.5, ariaHidden: 'true' }),
          Plot.dot(withSupply, {
            x: 'supply',
            y: 'key',
            r: 6,
            symbol: 'diamond',
            fill: supplyColour,
            stroke: 'white',
            strokeWidth: 1.5,
            ariaHidden: 'true',
          }),
          Plot.text(
            rows.filter((r) => r.gap !== null),
            {
              x: () => max,
              y: 'key',
              text: (r: ChartRow) => formatGap(r.gap as number),
              dx: 10,
              textAnchor: 'start',
              fill: '#1a1f2b',
              fontWeight: 600,
              ariaHidden: 'true',
            },
          ),
        ],
      });
    },
    [rows, ariaLabel, description],
  );
  return (
    <>
      <div ref={holder} class="labor-chart-holder" />
      <ul class="chart-key" aria-hidden="true">
        <KeyItem label={t.labor.legendDemand}>
          <circle cx="8" cy="8" r="5.5" fill={demandColour} />
        </KeyItem>
        <KeyItem label={t.labor.legendSupply}>
          <path d="M8 1.5 L14.5 8 L8 14.5 L1.5 8 Z" fill={supplyColour} />
        </KeyItem>
        <KeyItem label={t.labor.legendGap} width={26}>
          <text x="1" y="12" font-size="11" font-weight="600">
            {formatGap(12)}
          </text>
        </KeyItem>
      </ul>
    </>
  );
}

/**
 * Hourly wages against the living wage: a bar from the entry wage (25th
 * percentile) to the median, the living wage a dashed line, and the words
 * "below" or "above" at the right of each occupation (so the mark does not
 * rest on colour alone).
 */
export function WageChart({
  rows,
  living,
  ariaLabel,
  description,
}: {
  rows: ChartRow[];
  living: number | null;
  ariaLabel: string;
  description: string;
}) {
  const holder = usePlot(
    (width) => {
      const narrow = width < 480;
      const labelOf = new Map(rows.map((r) => [r.key, r.label]));
      const marginLeft = labelMargin(rows.map((r) => r.label), width, 110, 6.4);
      const withWage = rows.filter((r) => r.p25 !== null || r.median !== null);
      const max = Math.max(1, living ?? 0, ...rows.map((r) => Math.max(r.p25 ?? 0, r.median ?? 0)));
      const word = (r: ChartRow) => (r.below ? t.labor.below : r.above ? t.labor.above : '');
      return Plot.plot({
        width,
        height: rows.length * (narrow ? 58 : 34) + 60,
        marginLeft,
        marginRight: narrow ? 52 : 72,
        marginTop: 28,
        className: 'wage-chart',
        ariaLabel,
        ariaDescription: description,
        style: { fontSize: '12px', background: 'transparent' },
        x: {
          domain: [0, max],
          nice: true,
          grid: true,
          label: t.labor.axisHourly,
          labelAnchor: 'left',
          tickFormat: (d: number) => formatHourly(d).replace(/\.00$/, ''),
          ticks: Math.max(2, Math.min(8, Math.floor((width - marginLeft - 72) / 70))),
        },
        y: { domain: rows.map((r) => r.key), label: null, padding: 0.3 },
        marks: [
          Plot.axisY({
            tickFormat: (k: string) => labelOf.get(k) ?? k,
            lineWidth: Math.max(5, (marginLeft - 12) / 12),
            tickSize: 0,
            ariaHidden: 'true',
          }),
          living !== null
            ? Plot.ruleX([living], { stroke: '#111', strokeWidth: 1.5, strokeDasharray: '5,3', ariaHidden: 'true' })
            : null,
          Plot.ruleY(
            withWage.filter((r) => r.p25 !== null && r.median !== null),
            { y: 'key', x1: 'p25', x2: 'median', stroke: linkColour, strokeWidth: 8, strokeLinecap: 'round', ariaHidden: 'true' },
          ),
          Plot.dot(
            withWage.filter((r) => r.p25 !== null),
            {
              x: 'p25',
              y: 'key',
              r: 5.5,
              symbol: (r: ChartRow) => (r.below ? 'triangle' : 'circle'),
              fill: (r: ChartRow) => (r.below ? belowColour : demandColour),
              stroke: 'white',
              strokeWidth: 1.5,
              ariaHidden: 'true',
            },
          ),
          Plot.tickX(
            withWage.filter((r) => r.median !== null),
            { x: 'median', y: 'key', stroke: '#111', strokeWidth: 2.5, ariaHidden: 'true' },
          ),
          Plot.text(
            rows.filter((r) => word(r) !== ''),
            {
              x: () => max,
              y: 'key',
              text: word,
              dx: 10,
              textAnchor: 'start',
              fill: (r: ChartRow) => (r.below ? belowColour : '#1e6b34'),
              fontWeight: 700,
              ariaHidden: 'true',
            },
          ),
        ],
      });
    },
    [rows, living, ariaLabel, description],
  );
  return (
    <>
      <div ref={holder} class="labor-chart-holder" />
      <ul class="chart-key" aria-hidden="true">
        <KeyItem label={t.labor.legendEntryWage}>
          <circle cx="8" cy="8" r="5.5" fill={demandColour} />
        </KeyItem>
        <KeyItem label={t.labor.legendMedianWage}>
          <line x1="8" y1="1" x2="8" y2="15" stroke="#111" stroke-width="2.5" />
        </KeyItem>
        {living !== null && (
          <KeyItem label={t.labor.legendLivingWage}>
            <line x1="8" y1="0" x2="8" y2="16" stroke="#111" stroke-dasharray="5,3" stroke-width="1.5" />
          </KeyItem>
        )}
        <KeyItem label={t.labor.legendBelow}>
          <path d="M8 1.5 L14.5 14 L1.5 14 Z" fill={belowColour} />
        </KeyItem>
      </ul>
    </>
  );
}
