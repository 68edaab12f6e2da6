import * as Plot from '@observablehq/plot';
import type { Overview } from '../api/types.gen';
import { formatNumber, t } from '../i18n';
import { Count } from './Count';
import { usePlot } from './usePlot';

type Series = 'participants' | 'concentrators' | 'completers';
const series: Series[] = ['participants', 'concentrators', 'completers'];
const colours = ['#08519c', '#c2410c', '#2e7d32'];

/**
 * Participants, concentrators and completers by school year. A withheld count
 * leaves a gap in its line; the table below the chart gives every number,
 * with the reason for each one withheld.
 */
export function TrendChart({ overview }: { overview: Overview }) {
  const holder = usePlot(
    (width) => {
      const rows = overview.years.flatMap((y) =>
        series.map((s) => ({ year: y.school_year, series: t.countLabels[s], value: y[s].value })),
      );
      const narrow = width < 480;
      const plot = Plot.plot({
        width,
        height: narrow ? 260 : 320,
        marginLeft: 64,
        marginBottom: narrow ? 52 : 30,
        className: 'trend',
        ariaLabel: t.trendHeading,
        ariaDescription: t.trendDescription,
        style: { fontSize: '13px', background: 'transparent' },
        x: { type: 'point', label: null, tickRotate: narrow ? -45 : 0 },
        y: { grid: true, label: null, tickFormat: (d: number) => formatNumber(d), zero: true },
        color: { domain: series.map((s) => t.countLabels[s]), range: colours },
        // The chart is one image, named and described; the table below gives every number.
        marks: [
          Plot.lineY(rows, { x: 'year', y: 'value', stroke: 'series', strokeWidth: 2.5, ariaHidden: 'true' }),
          Plot.dot(rows, { x: 'year', y: 'value', fill: 'series', r: 3.5, ariaHidden: 'true' }),
        ],
      });
      return { plot, legend: plot.legend('color') };
    },
    [overview],
    640,
    Infinity,
  );

  return (
    <figure class="chart">
      <div ref={holder} />
      <figcaption class="small">{t.trendDescription}</figcaption>
      <details>
        <summary>{t.showTable}</summary>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.schoolYear}</th>
                {series.map((s) => (
                  <th scope="col" key={s}>
                    {t.countLabels[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overview.years.map((y) => (
                <tr key={y.school_year}>
                  <th scope="row">{y.school_year}</th>
                  {series.map((s) => (
                    <td key={s} class="num">
                      <Count count={y[s]} minN={overview.min_n} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
