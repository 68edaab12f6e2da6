import { Page } from '../components/Page';
import { t } from '../i18n';
import type { AreaKey } from '../routes';

/** An area of the product that is not built yet: what it will hold, and that it holds nothing yet. */
export function Placeholder({ area }: { area: Exclude<AreaKey, 'home' | 'directory'> }) {
  return (
    <Page title={t.areas[area]}>
      <p class="lead">{t.areaPurpose[area]}</p>
      <div class="notice notice-info">
        <p class="notice-title">{t.notBuiltTitle}</p>
        <p>{t.notBuiltBody}</p>
      </div>
    </Page>
  );
}
