import { useMemo } from 'preact/hooks';
import type { OrganizationDetail } from '../api/types.gen';
import { useApi } from '../api/use-api';
import { CaliforniaMap, californiaCounties, type MapCounty } from '../components/CaliforniaMap';
import { Page } from '../components/Page';
import { ErrorMessage, Loading } from '../components/Status';
import { formatDecimal, formatNumber, orgTypeName, t } from '../i18n';

function Place({ org }: { org: OrganizationDetail }) {
  // The organization's county is the one coloured county; the others stay grey.
  const counties = useMemo<MapCounty[]>(
    () =>
      californiaCounties.features.map((f) => ({
        fips: String(f.id),
        name: f.properties.name,
        value: null,
        region: f.id === org.county_fips ? f.properties.name : null,
        label: f.properties.name,
      })),
    [org.county_fips],
  );
  const point = useMemo(
    () =>
      org.latitude !== null && org.longitude !== null ? { latitude: org.latitude, longitude: org.longitude } : null,
    [org.latitude, org.longitude],
  );
  if (!org.county_fips && !point) return <p>{t.orgNoPlace}</p>;
  const description = [org.county_name ? t.orgMapCounty(org.county_name) : null, point ? t.orgMapPoint : null]
    .filter(Boolean)
    .join(' ');
  return (
    <figure class="org-map">
      <CaliforniaMap
        counties={counties}
        colourBy="region"
        valueLabel=""
        title={description}
        highlight={org.county_fips}
        point={point}
        legend={false}
      />
      <figcaption class="small">{description}</figcaption>
    </figure>
  );
}

function Facts({ org }: { org: OrganizationDetail }) {
  const none = <span class="muted">{t.notRecorded}</span>;
  return (
    <dl class="facts">
      <dt>{t.directoryType}</dt>
      <dd>{orgTypeName(org.org_type)}</dd>
      <dt>{t.county}</dt>
      <dd>{org.county_name ?? none}</dd>
      <dt>{t.region}</dt>
      <dd>{org.region_name ?? none}</dd>
      <dt>{t.orgId}</dt>
      <dd>
        <code>{org.org_id}</code>
      </dd>
      {org.cds_code && (
        <>
          <dt>{t.orgCds}</dt>
          <dd>
            <code>{org.cds_code}</code>
          </dd>
        </>
      )}
      {org.ipeds_id && (
        <>
          <dt>{t.orgIpeds}</dt>
          <dd>
            <code>{org.ipeds_id}</code>
          </dd>
        </>
      )}
      {org.latitude !== null && org.longitude !== null && (
        <>
          <dt>{t.orgLocation}</dt>
          <dd>{t.orgCoordinates(formatDecimal(org.latitude, 4), formatDecimal(org.longitude, 4))}</dd>
        </>
      )}
      <dt>{t.orgParent}</dt>
      <dd>{org.parent ? <a href={`/directory/${encodeURIComponent(org.parent.org_id)}`}>{org.parent.name}</a> : none}</dd>
      <dt>{t.orgChildren}</dt>
      <dd>
        {org.children.length === 0 ? (
          t.orgNoChildren
        ) : (
          <ul class="plain">
            {org.children.map((c) => (
              <li key={c.org_type}>{t.orgChildCount(formatNumber(c.count), orgTypeName(c.org_type))}</li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}

export default function Organization({ orgId }: { orgId: string }) {
  const state = useApi('getOrganization', { path: { org_id: orgId } });
  if (state.status === 'error' && state.error.notFound) {
    return (
      <Page title={t.orgNotFoundTitle}>
        <p>{t.orgNotFoundBody(orgId)}</p>
        <p>
          <a href="/directory">{t.backToDirectory}</a>
        </p>
      </Page>
    );
  }
  const title = state.status === 'ok' ? state.data.name : t.areas.directory;
  return (
    <Page title={title}>
      <p>
        <a href="/directory">{t.backToDirectory}</a>
      </p>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage error={state.error} retry={state.retry} />}
      {state.status === 'ok' && (
        <div class="org-detail">
          <Facts org={state.data} />
          <section aria-labelledby="org-map-heading">
            <h2 id="org-map-heading">{t.orgMapHeading}</h2>
            <Place org={state.data} />
          </section>
        </div>
      )}
    </Page>
  );
}
