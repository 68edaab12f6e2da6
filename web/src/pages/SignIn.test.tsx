import { afterEach, describe, expect, it } from 'vitest';
import { safeNext } from '../auth/links';
import { getSession, setSessionForTests } from '../auth/session';
import { en } from '../i18n/en';
import { fakeFetch, flush, mount, submit, typeInto, unmount } from '../test-utils';
import SignIn from './SignIn';

const realFetch = globalThis.fetch;
let container: HTMLElement | undefined;
afterEach(() => {
  unmount(container);
  container = undefined;
  globalThis.fetch = realFetch;
  setSessionForTests({});
  window.history.replaceState(null, '', '/');
});

describe('sign-in page', () => {
  it('has labelled fields with the autocomplete a password manager expects', () => {
    setSessionForTests({});
    container = mount(<SignIn />);
    const email = container.querySelector('#sign-in-email') as HTMLInputElement;
    const password = container.querySelector('#sign-in-password') as HTMLInputElement;
    expect(container.querySelector('label[for="sign-in-email"]')?.textContent).toBe(en.email);
    expect(container.querySelector('label[for="sign-in-password"]')?.textContent).toBe(en.password);
    expect(email.getAttribute('autocomplete')).toBe('username');
    expect(password.getAttribute('autocomplete')).toBe('current-password');
    expect(password.type).toBe('password');
    expect(container.querySelector('[aria-live]')).not.toBeNull();
  });

  it("shows the server's refusal in the live region and clears the password", async () => {
    setSessionForTests({});
    fakeFetch(() => ({ status: 401, body: { error: { code: 'unauthenticated', message: 'no' } } }));
    container = mount(<SignIn />);
    typeInto(container.querySelector('#sign-in-email'), 'a@b.c');
    typeInto(container.querySelector('#sign-in-password'), 'wrong password');
    submit(container.querySelector('form'));
    await flush();
    expect(container.querySelector('[aria-live]')?.textContent).toBe(en.signInWrong);
    expect((container.querySelector('#sign-in-password') as HTMLInputElement).value).toBe('');
    expect(container.querySelector('#sign-in-email')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('goes back to where the person came from once signed in', async () => {
    setSessionForTests({});
    window.history.replaceState(null, '', '/sign-in?next=' + encodeURIComponent('/admin/audit?action=auth.sign_in'));
    fakeFetch(() => ({
      body: {
        signed_in: true,
        via: 'session',
        user: { user_id: 1, email: 'a@b.c', display_name: 'A', role: 'administrator', scopes: [], active: true, created_at: '', last_sign_in: null },
        permissions: ['account', 'audit.read'],
        csrf_token: 'c',
      },
    }));
    container = mount(<SignIn />);
    typeInto(container.querySelector('#sign-in-email'), 'a@b.c');
    typeInto(container.querySelector('#sign-in-password'), 'right password');
    submit(container.querySelector('form'));
    await flush();
    expect(window.location.pathname + window.location.search).toBe('/admin/audit?action=auth.sign_in');
    expect(getSession().user?.email).toBe('a@b.c');
  });

  it('only ever sends the person back within this site', () => {
    expect(safeNext('/directory?q=x')).toBe('/directory?q=x');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/sign-in?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
