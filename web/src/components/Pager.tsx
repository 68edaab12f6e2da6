import { formatNumber, t } from '../i18n';

/** Previous / next links with "Page 2 of 9". Links, so a page can be opened in a new tab. */
export function Pager({
  page,
  perPage,
  total,
  hrefFor,
}: {
  page: number;
  perPage: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav class="pager" aria-label={t.pagination}>
      {page > 1 ? (
        <a href={hrefFor(Math.min(page - 1, pages))} rel="prev">
          {t.previousPage}
        </a>
      ) : (
        <span />
      )}
      <span>{t.pageOf(formatNumber(page), formatNumber(pages))}</span>
      {page < pages ? (
        <a href={hrefFor(page + 1)} rel="next">
          {t.nextPage}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
