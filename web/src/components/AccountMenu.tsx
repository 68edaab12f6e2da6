import { useEffect, useRef, useState } from 'preact/hooks';
import { signInHref } from '../auth/links';
import { signOut, useSession } from '../auth/session';
import { roleName, t } from '../i18n';
import { navigate } from '../router';

/**
 * The header's account area: a "Sign in" link, or the person's name and role
 * on a button that opens a small menu (a disclosure: aria-expanded on the
 * button, Escape or a click elsewhere closes it and gives the focus back).
 */
export function AccountMenu({ here }: { here: string }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [here]);
  useEffect(() => {
    if (!open) return;
    const onClick = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [open]);

  if (session.status === 'loading') return <div class="account" />;
  const user = session.user;
  if (!user) {
    return (
      <div class="account">
        <a class="account-sign-in" href={signInHref(here)}>
          {t.signIn}
        </a>
      </div>
    );
  }
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div
      class="account"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          close();
        }
      }}
    >
      <button
        type="button"
        class="account-button"
        ref={button}
        aria-expanded={open}
        aria-controls="account-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span class="account-name">{user.display_name}</span>
        <span class="visually-hidden">{', '}</span>
        <span class="account-role">{roleName(user.role)}</span>
      </button>
      <ul id="account-menu" class="account-menu" hidden={!open}>
        {session.via !== 'token' && (
          <li>
            <a href="/account/tokens">{t.apiTokens}</a>
          </li>
        )}
        <li>
          <button
            type="button"
            class="link-button"
            onClick={async () => {
              setOpen(false);
              await signOut();
              navigate('/');
            }}
          >
            {t.signOut}
          </button>
        </li>
      </ul>
    </div>
  );
}
