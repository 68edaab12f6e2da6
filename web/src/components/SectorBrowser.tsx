import { useState } from 'preact/hooks';
import type { Sector } from '../api/types.gen';
import { pathwayName, sectorName, t } from '../i18n';
import { VerifiedFlag, VerifiedLegend } from './VerifiedFlag';

function matches(text: string, words: string[]): boolean {
  const lower = text.toLowerCase();
  return words.every((w) => lower.includes(w));
}

/** The industry sectors with their pathways, filterable by name or code. */
export function SectorBrowser({ sectors }: { sectors: Sector[] }) {
  const [filter, setFilter] = useState('');
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = sectors
    .map((s) => {
      if (words.length === 0 || matches(`${sectorName(s.code, s.name)} ${s.code}`, words)) return { sector: s, pathways: s.pathways };
      return { sector: s, pathways: s.pathways.filter((p) => matches(`${pathwayName(p.code, p.name)} ${p.code}`, words)) };
    })
    .filter((s) => s.pathways.length > 0 || matches(`${sectorName(s.sector.code, s.sector.name)} ${s.sector.code}`, words));
  const anyUnverified = sectors.some((s) => !s.verified || s.pathways.some((p) => !p.verified));

  return (
    <div class="sectors">
      {anyUnverified && <VerifiedLegend />}
      <p>
        <label for="sector-filter">{t.sectorsFilter}</label>
        <input
          id="sector-filter"
          type="search"
          value={filter}
          onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
        />
      </p>
      {shown.length === 0 && <p role="status">{t.sectorsNoMatch}</p>}
      <ul class="sector-list">
        {shown.map(({ sector, pathways }) => (
          <li key={sector.code}>
            <details open={words.length > 0}>
              <summary>
                <span class="sector-name">{sectorName(sector.code, sector.name)}</span>{' '}
                <span class="small">{t.sectorPathwayCount(sector.pathways.length)}</span>{' '}
                <VerifiedFlag verified={sector.verified} />
              </summary>
              <ul class="pathway-list">
                {pathways.map((p) => (
                  <li key={p.code}>
                    <a href={`/pathways/${encodeURIComponent(p.code)}`}>{pathwayName(p.code, p.name)}</a> <span class="code">{p.code}</span> <VerifiedFlag verified={p.verified} />
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
