import type { ComponentChildren } from 'preact';
import type { Permission } from '../api/types.gen';
import { signInHref } from '../auth/links';
import { hasPermission, useSession } from '../auth/session';
import { roleName, t } from '../i18n';
import { useLocation } from '../router';
import { Page } from './Page';
import { Loading } from './Status';

/**
 * Shows its children only to a signed-in person whose role holds
 * `permission`; says plainly why not to anyone else. The server refuses the
 * data anyway: this is so the person knows what to do.
 */
export function RequirePermission({
  permission,
  title,
  children,
}: {
  permission: Permission;
  title: string;
  children: ComponentChildren;
}) {
  const session = useSession();
  const url = useLocation();
  if (session.status === 'loading') {
    return (
      <Page title={title}>
        <Loading />
      </Page>
    );
  }
  if (!session.user) {
    return (
      <Page title={t.needSignInTitle}>
        <p>{t.needSignInBody}</p>
        <p>
          <a class="button" href={signInHref(url.pathname + url.search)}>
            {t.signIn}
          </a>
        </p>
      </Page>
    );
  }
  // Every signed-in person holds `account`, whether or not the server lists it.
  if (permission !== 'account' && !hasPermission(session, permission)) {
    return (
      <Page title={t.forbiddenTitle}>
        <p>{t.forbiddenBody(roleName(session.user.role))}</p>
      </Page>
    );
  }
  return <>{children}</>;
}
