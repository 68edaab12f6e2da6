import { useId, useState } from 'preact/hooks';
import type { PublishedCount } from '../api/types.gen';
import { formatNumber, t } from '../i18n';

/** The reason a count is withheld, in words. */
export function suppressionReason(count: PublishedCount, minN: number): string {
  switch (count.reason) {
    case 'below_min_n':
      return t.suppressedReason.below_min_n(formatNumber(minN));
    case 'complementary':
      return t.suppressedReason.complementary;
    case 'table_withheld':
      return t.suppressedReason.table_withheld;
    default:
      return t.suppressedReason.unknown;
  }
}

/**
 * A count that passed the privacy gate: the number, or "—" with the reason it
 * is withheld, shown on hover and on keyboard focus (a toggletip: the dash is
 * a button, so it can be reached with Tab and the reason read out).
 */
export function Count({ count, minN }: { count: PublishedCount; minN: number }) {
  const id = useId();
  const [hidden, setHidden] = useState(false);
  if (!count.suppressed && count.value !== null) return <>{formatNumber(count.value)}</>;
  return (
    <span class={'suppressed' + (hidden ? ' tip-hidden' : '')} onMouseLeave={() => setHidden(false)}>
      <button
        type="button"
        class="suppressed-value"
        aria-describedby={id}
        onKeyDown={(e) => e.key === 'Escape' && setHidden(true)}
        onBlur={() => setHidden(false)}
        onClick={() => setHidden((h) => !h)}
      >
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">{t.suppressed}</span>
      </button>
      <span role="tooltip" id={id} class="tooltip">
        {suppressionReason(count, minN)}
      </span>
    </span>
  );
}
