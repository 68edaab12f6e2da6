import { t } from '../i18n';

/** Marks reference data written from general knowledge and not yet checked (`verified: false`). */
export function VerifiedFlag({ verified }: { verified: boolean }) {
  if (verified) return null;
  return (
    <span class="flag-verify" title={t.toVerifyExplained}>
      {t.toVerify}
    </span>
  );
}

export function VerifiedLegend() {
  return (
    <p class="small">
      <span class="flag-verify">{t.toVerify}</span> {t.toVerifyExplained}
    </p>
  );
}

/** The provenance note for the grouping of counties into regions, when any of it is unverified. */
export function RegionsProvenance({ regions, id }: { regions: { verified: boolean }[]; id?: string }) {
  if (regions.every((r) => r.verified)) return null;
  return (
    <p class="small" id={id}>
      <span class="flag-verify">{t.toVerify}</span> {t.regionsToVerify}
    </p>
  );
}
