import { useEffect, useState } from 'preact/hooks';
import type { Permission } from './api/types.gen';
import { hasPermission, useSession } from './auth/session';
import { AccountMenu } from './components/AccountMenu';
import { JobsBanner } from './components/JobsBanner';
import { LanguageSwitch } from './components/LanguageSwitch';
import { t, useLanguage } from './i18n';
import { lazyPage } from './lazy';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';
import { Placeholder } from './pages/Placeholder';
import { matchPath, useLocation } from './router';
import { areaOf, areas, normalizePath } from './routes';

const Directory = lazyPage(() => import('./pages/Directory'));
const Equity = lazyPage(() => import('./pages/Equity'));
const Labor = lazyPage(() => import('./pages/Labor'));
const Pathways = lazyPage(() => import('./pages/Pathways'));
const PathwayGrid = lazyPage(() => import('./pages/pathways/Grid'));
const PathwayPlan = lazyPage(() => import('./pages/pathways/Plan'));
const PathwayGridEditor = lazyPage(() => import('./pages/pathways/Edit'));
const Organization = lazyPage(() => import('./pages/Organization'));
const SignIn = lazyPage(() => import('./pages/SignIn'));
const Tokens = lazyPage(() => import('./pages/Tokens'));
const AdminUsers = lazyPage(() => import('./pages/AdminUsers'));
const AdminAudit = lazyPage(() => import('./pages/AdminAudit'));

/** Pages for signed-in roles, shown in the navigation only to those holding the permission. */
export const adminLinks: { key: 'users' | 'audit'; path: string; permission: Permission }[] = [
  { key: 'users', path: '/admin/users', permission: 'users.manage' },
  { key: 'audit', path: '/admin/audit', permission: 'audit.read' },
];

export function CurrentPage({ pathname }: { pathname: string }) {
  const path = normalizePath(pathname);
  if (path === '/') return <Home />;
  if (path === '/pathways') return <Pathways />;
  if (path === '/directory') return <Directory />;
  if (path === '/data') return <Equity />;
  if (path === '/labor-market') return <Labor />;
  if (path === '/sign-in') return <SignIn />;
  if (path === '/account/tokens') return <Tokens />;
  if (path === '/admin/users') return <AdminUsers />;
  if (path === '/admin/audit') return <AdminAudit />;
  const edit = matchPath('/pathways/:code/edit', path);
  if (edit) return <PathwayGridEditor key={edit.params.code} code={edit.params.code as string} />;
  const plan = matchPath('/pathways/:code/plan', path);
  if (plan) return <PathwayPlan key={plan.params.code} code={plan.params.code as string} />;
  const grid = matchPath('/pathways/:code', path);
  if (grid) return <PathwayGrid key={grid.params.code} code={grid.params.code as string} />;
  const org = matchPath('/directory/:org_id', path);
  if (org) return <Organization key={org.params.org_id} orgId={org.params.org_id as string} />;
  const area = areas.find((a) => a.path === path && !a.built);
  if (area && area.key !== 'home' && area.key !== 'directory') return <Placeholder key={area.key} area={area.key} />;
  return <NotFound path={pathname} />;
}

export function Navigation({ pathname }: { pathname: string }) {
  const [open, setOpen] = useState(false);
  const session = useSession();
  const current = areaOf(pathname);
  const path = normalizePath(pathname);
  useEffect(() => setOpen(false), [pathname]);
  return (
    <nav class="site-nav" aria-label={t.mainNavigation}>
      <button
        type="button"
        class="menu-toggle"
        aria-expanded={open}
        aria-controls="nav-list"
        onClick={() => setOpen((o) => !o)}
      >
        {t.menu}
      </button>
      <ul id="nav-list" class={open ? 'open' : ''}>
        {areas.map((a) => (
          <li key={a.key}>
            <a href={a.path} aria-current={current?.key === a.key ? 'page' : undefined}>
              {t.areas[a.key]}
            </a>
          </li>
        ))}
        {adminLinks
          .filter((l) => hasPermission(session, l.permission))
          .map((l) => (
            <li key={l.key} class="nav-admin">
              <a href={l.path} aria-current={path === l.path ? 'page' : undefined}>
                {t.adminNavigation[l.key]}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export function App() {
  const { pathname, search } = useLocation();
  // A new language draws the shell again (its words are read at each render)
  // and mounts the page anew, so its charts and computed text are made in the
  // new language too; the focus stays on the switch, which is not remounted.
  const language = useLanguage();
  return (
    <>
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="brand" href="/">
            <span class="brand-name">{t.appName}</span>
            <span class="brand-tagline">{t.appTagline}</span>
          </a>
          <Navigation pathname={pathname} />
          <LanguageSwitch />
          <AccountMenu here={pathname + search} />
        </div>
      </header>
      <div class="wrap">
        <JobsBanner />
      </div>
      <main id="main" class="wrap" tabIndex={-1}>
        <CurrentPage key={language} pathname={pathname} />
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>{t.footerText}</p>
        </div>
      </footer>
    </>
  );
}
