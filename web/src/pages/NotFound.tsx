import { Page } from '../components/Page';
import { t } from '../i18n';

export function NotFound({ path }: { path: string }) {
  return (
    <Page title={t.notFoundTitle}>
      <p>{t.notFoundBody(path)}</p>
      <p>
        <a href="/">{t.notFoundHome}</a>
      </p>
    </Page>
  );
}
