// The reference lists the filter forms offer (regions, counties, sectors,
// school years), as the choices of a SelectField. The pages fetch the lists
// themselves: some need more of a list than its choices (a sector's pathways,
// the regions' provenance), and each list is asked for once a page.
import { useApi, type Loadable } from '../api/use-api';
import type { ResponseOf } from '../api/client';
import { sectorName } from '../i18n';
import type { Choice } from './SelectField';

export const regionChoices = (regions: Loadable<ResponseOf<'listRegions'>>): Choice[] =>
  regions.status === 'ok' ? regions.data.regions.map((r) => ({ value: r.code, name: r.name })) : [];

export const countyChoices = (counties: Loadable<ResponseOf<'listCounties'>>): Choice[] =>
  counties.status === 'ok' ? counties.data.map((c) => ({ value: c.fips, name: c.name })) : [];

export const sectorChoices = (sectors: Loadable<ResponseOf<'listSectors'>>): Choice[] =>
  sectors.status === 'ok' ? sectors.data.map((s) => ({ value: s.code, name: sectorName(s.code, s.name) })) : [];

/** Values that are their own names (school years, codes the lists do not know). */
export const plainChoices = (values: readonly string[]): Choice[] => values.map((v) => ({ value: v, name: v }));

/** The school years the data holds, oldest first; none until the overview has come. */
export function useSchoolYears(): string[] {
  const overview = useApi('getOverview');
  return overview.status === 'ok' ? overview.data.years.map((y) => y.school_year) : [];
}
