import { useEffect, useState } from 'preact/hooks';
import type { Organization } from '../api/types.gen';
import { useApi } from '../api/use-api';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { countyChoices, regionChoices } from '../components/reference-choices';
import { SelectField } from '../components/SelectField';
import { Load } from '../components/Status';
import { RegionsProvenance } from '../components/VerifiedFlag';
import { formatNumber, orgTypeName, t } from '../i18n';
import { navigate, useLocation } from '../router';

const perPage = 25;
const filterNames = ['q', 'type', 'county', 'region'] as const;

function directoryHref(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `/directory?${query}` : '/directory';
}

function OrganizationItem({ org }: { org: Organization }) {
  const where = [
    orgTypeName(org.org_type),
    org.county_name && t.countyName(org.county_name),
    org.region_name && t.regionName(org.region_name),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li>
      <a href={`/directory/${encodeURIComponent(org.org_id)}`}>{org.name}</a>
      <span class="small"> {where}</span>
    </li>
  );
}

export default function Directory() {
  const url = useLocation();
  const search = url.searchParams;
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const filters = Object.fromEntries(filterNames.map((n) => [n, search.get(n) ?? ''])) as Record<
    (typeof filterNames)[number],
    string
  >;
  const result = useApi('listOrganizations', { query: { ...filters, page, per_page: perPage } });
  // The fields follow the URL (back and forward), and the URL follows the fields on submit.
  const [fields, setFields] = useState(filters);
  useEffect(() => setFields(filters), [url.search]);
  const field = (name: (typeof filterNames)[number]) => ({
    name,
    value: fields[name],
    onInput: (e: Event) => setFields((f) => ({ ...f, [name]: (e.currentTarget as HTMLInputElement).value })),
  });
  const counties = useApi('listCounties');
  const regions = useApi('listRegions');

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const n of filterNames) {
      const v = fields[n].trim();
      if (v) params.set(n, v);
    }
    navigate(directoryHref(params), { focus: false });
  };
  const pageHref = (p: number) => {
    const params = new URLSearchParams(search);
    if (p > 1) params.set('page', String(p));
    else params.delete('page');
    return directoryHref(params);
  };

  return (
    <Page title={t.areas.directory}>
      <p class="lead">{t.directoryIntro}</p>
      <form class="filters" role="search" aria-label={t.directoryFilters} onSubmit={onSubmit}>
        <p class="field field-wide">
          <label for="dir-q">{t.directorySearch}</label>
          <input id="dir-q" type="search" {...field('q')} />
        </p>
        <SelectField
          id="dir-type"
          label={t.directoryType}
          any={t.directoryAny}
          choices={Object.entries(t.orgTypes).map(([value, name]) => ({ value, name }))}
          {...field('type')}
        />
        <SelectField id="dir-county" label={t.directoryCounty} any={t.directoryAny} choices={countyChoices(counties)} {...field('county')} />
        <SelectField
          id="dir-region"
          label={t.directoryRegion}
          any={t.directoryAny}
          choices={regionChoices(regions)}
          aria-describedby={regions.status === 'ok' && regions.data.regions.some((r) => !r.verified) ? 'dir-region-note' : undefined}
          {...field('region')}
        />
        {regions.status === 'ok' && <RegionsProvenance regions={regions.data.regions} id="dir-region-note" />}
        <p class="field field-buttons">
          <button type="submit">{t.directoryApply}</button> <a href="/directory">{t.directoryClear}</a>
        </p>
      </form>
      <Load state={result}>
        {(data) => (
          <>
            <p role="status" class="result-count">
              {data.total === 0
                ? t.directoryNone
                : t.directoryResults(
                    formatNumber(Math.min(data.total, (data.page - 1) * data.per_page + 1)),
                    formatNumber(Math.min(data.total, (data.page - 1) * data.per_page + data.items.length)),
                    formatNumber(data.total),
                  )}
            </p>
            {data.items.length > 0 && (
              <ul class="org-list">
                {data.items.map((org) => (
                  <OrganizationItem key={org.org_id} org={org} />
                ))}
              </ul>
            )}
            <Pager page={data.page} perPage={data.per_page} total={data.total} hrefFor={pageHref} />
          </>
        )}
      </Load>
    </Page>
  );
}
