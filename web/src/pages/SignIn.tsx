import { useState } from 'preact/hooks';
import { safeNext } from '../auth/links';
import { signIn, useSession } from '../auth/session';
import { Page } from '../components/Page';
import { t } from '../i18n';
import { navigate, useLocation } from '../router';

/**
 * E-mail and password; the server's refusal said in words in a live region;
 * back to the page the person came from (`?next=`) once signed in.
 */
export default function SignIn() {
  const url = useLocation();
  const next = safeNext(url.searchParams.get('next'));
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    const result = await signIn(email, password);
    setBusy(false);
    if (result.ok) {
      navigate(next);
    } else {
      setPassword('');
      setError(result.message);
    }
  };

  if (session.user && !busy) {
    return (
      <Page title={t.signInTitle}>
        <p>{t.signedInAs(session.user.display_name)}</p>
        <p>
          <a href={next}>{t.continueLink}</a>
        </p>
      </Page>
    );
  }

  return (
    <Page title={t.signInTitle}>
      <p class="lead">{t.signInIntro}</p>
      <form class="form-panel sign-in-form" method="post" onSubmit={onSubmit}>
        <p class="field">
          <label for="sign-in-email">{t.email}</label>
          <input
            id="sign-in-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </p>
        <p class="field">
          <label for="sign-in-password">{t.password}</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </p>
        <div id="sign-in-error" class="form-error" aria-live="assertive" aria-atomic="true">
          {error}
        </div>
        <p>
          <button type="submit" disabled={busy}>
            {busy ? t.signingIn : t.signIn}
          </button>
        </p>
      </form>
    </Page>
  );
}
