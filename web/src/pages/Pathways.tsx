import { useApi } from '../api/use-api';
import { Page } from '../components/Page';
import { SectorBrowser } from '../components/SectorBrowser';
import { Load } from '../components/Status';
import { t } from '../i18n';

export function Pathways() {
  const sectors = useApi('listSectors');
  return (
    <Page title={t.areas.pathways}>
      <p class="lead">{t.areaPurpose.pathways}</p>
      <div class="notice notice-info">
        <p class="notice-title">{t.notBuiltTitle}</p>
        <p>{t.pathwaysPartlyBuilt}</p>
      </div>
      <h2>{t.sectorsHeading}</h2>
      <Load state={sectors}>{(data) => <SectorBrowser sectors={data} />}</Load>
    </Page>
  );
}
