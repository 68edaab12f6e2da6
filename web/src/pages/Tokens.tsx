import { useState } from 'preact/hooks';
import { ApiError, call } from '../api/client';
import type { CreatedApiToken, Permission } from '../api/types.gen';
import { useApi } from '../api/use-api';
import { useSession } from '../auth/session';
import { Page } from '../components/Page';
import { RequirePermission } from '../components/RequirePermission';
import { SecretBox } from '../components/SecretBox';
import { Load } from '../components/Status';
import { formatDateTime, t } from '../i18n';

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

function TokensPanel() {
  const session = useSession();
  const [revision, setRevision] = useState(0);
  const tokens = useApi('listTokens', {}, revision);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Permission[]>([]);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const offered = session.permissions.filter((p) => p !== 'public');

  const onCreate = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      const body = chosen.length > 0 ? { name: name.trim(), permissions: chosen } : { name: name.trim() };
      setCreated(await call('createToken', { body }));
      setName('');
      setChosen([]);
      setRevision((r) => r + 1);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const onRevoke = async (tokenId: number, tokenName: string) => {
    setError('');
    try {
      await call('revokeToken', { path: { token_id: tokenId } });
      setStatus(t.tokenRevokedMessage(tokenName));
      setRevision((r) => r + 1);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Page title={t.apiTokens}>
      <p class="lead">{t.tokensIntro}</p>
      {created && (
        <SecretBox
          title={t.tokenSecretTitle(created.name)}
          body={t.tokenSecretBody}
          secret={created.secret}
          onDone={() => setCreated(null)}
        />
      )}
      <form class="form-panel" onSubmit={onCreate}>
        <h2>{t.tokenCreateHeading}</h2>
        <p class="field">
          <label for="token-name">{t.tokenName}</label>
          <input
            id="token-name"
            required
            value={name}
            aria-describedby="token-name-help"
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <span id="token-name-help" class="help">
            {t.tokenNameHelp}
          </span>
        </p>
        {offered.length > 0 && (
          <fieldset aria-describedby="token-permissions-help">
            <legend>{t.tokenPermissions}</legend>
            <ul class="checkbox-list">
              {offered.map((p) => (
                <li key={p}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.includes(p)}
                      onChange={(e) =>
                        setChosen((c) => (e.currentTarget.checked ? [...c, p] : c.filter((x) => x !== p)))
                      }
                    />
                    <code>{p}</code>
                  </label>
                </li>
              ))}
            </ul>
            <p id="token-permissions-help" class="help">
              {t.tokenPermissionsHelp}
            </p>
          </fieldset>
        )}
        <div class="form-error" role="alert">
          {error}
        </div>
        <p>
          <button type="submit">{t.tokenCreate}</button>
        </p>
      </form>
      <h2>{t.tokensHeading}</h2>
      <p role="status">{status}</p>
      <Load state={tokens}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t.tokensNone}</p>
          ) : (
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.tokenName}</th>
                    <th scope="col">{t.tokenPrefix}</th>
                    <th scope="col">{t.tokenPermissions}</th>
                    <th scope="col">{t.tokenCreated}</th>
                    <th scope="col">{t.tokenLastUsed}</th>
                    <th scope="col">{t.tokenStatus}</th>
                    <th scope="col">{t.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((token) => (
                    <tr key={token.token_id}>
                      <th scope="row">{token.name}</th>
                      <td>
                        <code>{token.prefix}</code>
                      </td>
                      <td>{token.permissions.join(', ')}</td>
                      <td>{formatDateTime(token.created_at)}</td>
                      <td>{token.last_used_at ? formatDateTime(token.last_used_at) : t.never}</td>
                      <td>{token.revoked ? t.tokenRevokedStatus : t.tokenActive}</td>
                      <td>
                        {!token.revoked && (
                          <button
                            type="button"
                            aria-label={t.tokenRevokeLabel(token.name)}
                            onClick={() => onRevoke(token.token_id, token.name)}
                          >
                            {t.tokenRevoke}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Load>
    </Page>
  );
}

export default function Tokens() {
  return (
    <RequirePermission permission="account" title={t.apiTokens}>
      <TokensPanel />
    </RequirePermission>
  );
}
