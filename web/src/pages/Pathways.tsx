import type { Sector } from '../api/types.gen';
import { useApi } from '../api/use-api';
import { Page } from '../components/Page';
import { Load } from '../components/Status';
import { pathwayName, sectorName, t } from '../i18n';
import { useLocation } from '../router';
import { explorerHref, gridHref, interestOf, interests, whereOf, type Where } from './pathways/explorer';
import { Steps } from './pathways/parts';

/** Step 1: what the person likes (interests in plain words), or an industry sector. */
function ChooseInterest({ sectors, where }: { sectors: Sector[]; where: Where }) {
  const known = new Set(sectors.map((s) => s.code));
  return (
    <>
      <section aria-labelledby="pw-interest-heading" class="explorer-step">
        <h2 id="pw-interest-heading">{t.explorer.interestHeading}</h2>
        <p>{t.explorer.interestIntro}</p>
        <ul class="choice-grid interest-list">
          {interests
            .filter((i) => i.sectors.some((s) => known.has(s)))
            .map((i) => (
              <li key={i.key}>
                <a class="choice" href={explorerHref({ interest: i.key, ...where })} data-interest={i.key}>
                  {t.explorer.interests[i.key]}
                </a>
              </li>
            ))}
        </ul>
      </section>
      <section aria-labelledby="pw-sector-heading" class="explorer-step">
        <h2 id="pw-sector-heading">{t.explorer.sectorHeading}</h2>
        <p>{t.explorer.sectorIntro}</p>
        <ul class="choice-grid sector-choices">
          {sectors.map((s) => (
            <li key={s.code}>
              <a class="choice" href={explorerHref({ sector: s.code, ...where })} data-sector={s.code}>
                {sectorName(s.code, s.name)} <span class="small">{t.sectorPathwayCount(s.pathways.length)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** Step 2: the pathways of the sectors chosen (one sector, or those of an interest). */
function ChoosePathway({ title, sectors, where }: { title: string; sectors: Sector[]; where: Where }) {
  return (
    <section aria-labelledby="pw-pathways-heading" class="explorer-step">
      <h2 id="pw-pathways-heading">{t.explorer.pathwaysFor(title)}</h2>
      <p>{t.explorer.pathwaysIntro}</p>
      {sectors.length === 0 && <p role="status">{t.explorer.noPathways}</p>}
      {sectors.map((s) => (
        <div key={s.code} class="pathway-group">
          {sectors.length > 1 && <h3>{sectorName(s.code, s.name)}</h3>}
          <ul class="choice-grid pathway-choices">
            {s.pathways.map((p) => (
              <li key={p.code}>
                <a class="choice" href={gridHref(p.code, where)} data-pathway={p.code}>
                  {pathwayName(p.code, p.name)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p>
        <a href={explorerHref(where)}>{t.explorer.otherInterest}</a>
      </p>
    </section>
  );
}

/**
 * The pathway explorer's first steps, for students and families: what do you
 * like (or which industry sector), then its pathways. Each choice is a link,
 * so the browser's back button and a shared address work at every step.
 */
export default function Pathways() {
  const url = useLocation();
  const sectors = useApi('listSectors');
  const interestKey = (url.searchParams.get('interest') ?? '').trim();
  const sectorCode = (url.searchParams.get('sector') ?? '').trim();
  const where = whereOf(url.searchParams);
  const step = interestKey || sectorCode ? 2 : 1;
  return (
    <Page title={t.areas.pathways}>
      <p class="lead">{t.explorer.intro}</p>
      <Steps current={step} links={{ 1: explorerHref(where) }} />
      <Load state={sectors}>
        {(all) => {
          if (sectorCode) {
            const sector = all.filter((s) => s.code === sectorCode);
            const name = sector[0] ? sectorName(sector[0].code, sector[0].name) : sectorCode;
            return <ChoosePathway title={name} sectors={sector} where={where} />;
          }
          if (interestKey) {
            const interest = interestOf(interestKey);
            if (!interest) {
              return (
                <>
                  <p class="notice notice-info" role="status">
                    {t.explorer.unknownInterest(interestKey)}
                  </p>
                  <ChooseInterest sectors={all} where={where} />
                </>
              );
            }
            const chosen = all.filter((s) => interest.sectors.includes(s.code));
            return <ChoosePathway title={t.explorer.interests[interest.key]} sectors={chosen} where={where} />;
          }
          return <ChooseInterest sectors={all} where={where} />;
        }}
      </Load>
    </Page>
  );
}
