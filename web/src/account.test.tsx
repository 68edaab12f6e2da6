import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { Navigation } from './app';
import { setSessionForTests } from './auth/session';
import { AccountMenu } from './components/AccountMenu';
import { en } from './i18n/en';
import AdminAudit from './pages/AdminAudit';
import AdminUsers from './pages/AdminUsers';
import { click, mount, unmount } from './test-utils';

let container: HTMLElement | undefined;
afterEach(() => {
  unmount(container);
  container = undefined;
  setSessionForTests({});
});

const user = (role: 'member' | 'administrator' | 'institution_analyst') => ({
  user_id: 2,
  email: 'pat@example.org',
  display_name: 'Pat Lee',
  role,
  scopes: role === 'institution_analyst' ? ['DIST-1'] : [],
});

const navLinks = (el: HTMLElement) => [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));

describe('navigation and permissions', () => {
  it('hides the administration links from anonymous people and from roles without the permission', () => {
    setSessionForTests({});
    container = mount(<Navigation pathname="/" />);
    expect(navLinks(container)).not.toContain('/admin/users');
    expect(navLinks(container)).not.toContain('/admin/audit');
    act(() => setSessionForTests({ user: user('institution_analyst'), permissions: ['public', 'account', 'students.read'] }));
    expect(navLinks(container)).not.toContain('/admin/users');
    expect(navLinks(container)).not.toContain('/admin/audit');
  });

  it('shows each administration link to a role holding its permission', () => {
    setSessionForTests({ user: user('administrator'), permissions: ['account', 'audit.read'] });
    container = mount(<Navigation pathname="/admin/audit" />);
    expect(navLinks(container)).toContain('/admin/audit');
    expect(navLinks(container)).not.toContain('/admin/users');
    act(() => setSessionForTests({ user: user('administrator'), permissions: ['account', 'users.manage', 'audit.read'] }));
    expect(navLinks(container)).toContain('/admin/users');
    expect(container.querySelector('a[href="/admin/audit"]')?.getAttribute('aria-current')).toBe('page');
    expect(container.querySelector('a[href="/admin/users"]')?.textContent).toBe(en.adminNavigation.users);
  });

  it('an administration page tells a signed-out person to sign in, and a member that their role cannot see it', () => {
    setSessionForTests({});
    container = mount(<AdminUsers />);
    expect(container.querySelector('h1')?.textContent).toBe(en.needSignInTitle);
    expect(container.querySelector('a')?.getAttribute('href')).toMatch(/^\/sign-in/);
    unmount(container);
    setSessionForTests({ user: user('member'), permissions: ['public', 'account', 'community'] });
    container = mount(<AdminAudit />);
    expect(container.querySelector('h1')?.textContent).toBe(en.forbiddenTitle);
    expect(container.textContent).toContain(en.forbiddenBody(en.roles.member as string));
  });
});

describe('account menu', () => {
  it('offers "Sign in" (coming back here afterwards) when signed out', () => {
    setSessionForTests({});
    container = mount(<AccountMenu here="/directory?q=río" />);
    const link = container.querySelector('a');
    expect(link?.textContent).toBe(en.signIn);
    expect(link?.getAttribute('href')).toBe('/sign-in?next=' + encodeURIComponent('/directory?q=río'));
  });

  it('shows name and role; the button opens the menu, Escape closes it and gives the focus back', () => {
    setSessionForTests({ user: user('administrator'), permissions: ['account', 'users.manage'], via: 'session' });
    container = mount(<AccountMenu here="/" />);
    const button = container.querySelector('button.account-button') as HTMLButtonElement;
    expect(button.textContent).toContain('Pat Lee');
    expect(button.textContent).toContain(en.roles.administrator);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const menu = container.querySelector('#account-menu') as HTMLElement;
    expect(menu.hidden).toBe(true);
    click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu.hidden).toBe(false);
    const items = [...menu.querySelectorAll('a, button')].map((e) => e.textContent);
    expect(items).toEqual([en.apiTokens, en.signOut]);
    (menu.querySelector('a') as HTMLElement).focus();
    act(() => void menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(menu.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
  });
});
