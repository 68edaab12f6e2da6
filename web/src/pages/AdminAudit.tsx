import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../api/use-api';
import { auditActions } from '../auth/roles';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { RequirePermission } from '../components/RequirePermission';
import { Load } from '../components/Status';
import { formatDateTime, formatNumber, t } from '../i18n';
import { navigate, useLocation } from '../router';

const perPage = 50;
const filterNames = ['actor', 'action', 'since', 'until'] as const;
type Filters = Record<(typeof filterNames)[number], string>;

function auditHref(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}

/** The filters live in the URL (shareable, back and forward work); the form follows it. */
function AuditPanel() {
  const url = useLocation();
  const search = url.searchParams;
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const filters = Object.fromEntries(filterNames.map((n) => [n, search.get(n) ?? ''])) as Filters;
  const result = useApi('listAudit', { query: { ...filters, page, per_page: perPage } });
  const [fields, setFields] = useState(filters);
  useEffect(() => setFields(filters), [url.search]);
  const field = (name: (typeof filterNames)[number]) => ({
    name,
    value: fields[name],
    onInput: (e: Event) => setFields((f) => ({ ...f, [name]: (e.currentTarget as HTMLInputElement).value })),
  });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const n of filterNames) {
      const v = fields[n].trim();
      if (v) params.set(n, v);
    }
    navigate(auditHref(params), { focus: false });
  };
  const pageHref = (p: number) => {
    const params = new URLSearchParams(search);
    if (p > 1) params.set('page', String(p));
    else params.delete('page');
    return auditHref(params);
  };

  return (
    <Page title={t.adminNavigation.audit}>
      <p class="lead">{t.auditIntro}</p>
      <form class="filters" role="search" aria-label={t.auditFilters} onSubmit={onSubmit}>
        <p class="field">
          <label for="audit-actor">{t.auditActorFilter}</label>
          <input id="audit-actor" type="search" {...field('actor')} />
        </p>
        <p class="field">
          <label for="audit-action">{t.auditActionFilter}</label>
          <select id="audit-action" {...field('action')}>
            <option value="">{t.auditAny}</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="audit-since">{t.auditSince}</label>
          <input id="audit-since" type="date" {...field('since')} />
        </p>
        <p class="field">
          <label for="audit-until">{t.auditUntil}</label>
          <input id="audit-until" type="date" {...field('until')} />
        </p>
        <p class="field field-buttons">
          <button type="submit">{t.auditApply}</button> <a href="/admin/audit">{t.auditClear}</a>
        </p>
      </form>
      <Load state={result}>
        {(data) => (
          <>
            <p role="status" class="result-count">
              {data.total === 0
                ? t.auditNone
                : t.auditResults(
                    formatNumber(Math.min(data.total, (data.page - 1) * data.per_page + 1)),
                    formatNumber(Math.min(data.total, (data.page - 1) * data.per_page + data.items.length)),
                    formatNumber(data.total),
                  )}
            </p>
            {data.items.length > 0 && (
              <div class="table-scroll">
                <table class="audit-table">
                  <thead>
                    <tr>
                      <th scope="col">{t.auditTime}</th>
                      <th scope="col">{t.auditActor}</th>
                      <th scope="col">{t.auditAction}</th>
                      <th scope="col">{t.auditTarget}</th>
                      <th scope="col" class="num">
                        {t.auditRows}
                      </th>
                      <th scope="col">{t.auditAddress}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((entry) => (
                      <tr key={entry.audit_id} data-action={entry.action}>
                        <td>
                          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                        </td>
                        <td>{entry.actor_label}</td>
                        <td>
                          <code>{entry.action}</code>
                        </td>
                        <td>{entry.target}</td>
                        <td class="num">{formatNumber(entry.row_count)}</td>
                        <td>{entry.remote_address}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager page={data.page} perPage={data.per_page} total={data.total} hrefFor={pageHref} />
          </>
        )}
      </Load>
    </Page>
  );
}

export default function AdminAudit() {
  return (
    <RequirePermission permission="audit.read" title={t.adminNavigation.audit}>
      <AuditPanel />
    </RequirePermission>
  );
}
