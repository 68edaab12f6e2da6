import { useState } from 'preact/hooks';
import { ApiError, call } from '../api/client';
import type { Role, User } from '../api/types.gen';
import { useApi } from '../api/use-api';
import { accountRoles, parseScopes, scopeKindOf } from '../auth/roles';
import { Page } from '../components/Page';
import { RequirePermission } from '../components/RequirePermission';
import { SecretBox } from '../components/SecretBox';
import { Load } from '../components/Status';
import { formatDateTime, formatNumber, roleName, t } from '../i18n';

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

/** The scopes field of a scoped role, with what to write in it; nothing for the other roles. */
function ScopesField({ id, role, value, onInput }: { id: string; role: string; value: string; onInput: (v: string) => void }) {
  const kind = scopeKindOf(role);
  if (!kind) return null;
  return (
    <p class="field">
      <label for={id}>{t.userScopes}</label>
      <input
        id={id}
        name="scopes"
        required
        value={value}
        aria-describedby={`${id}-help`}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <span id={`${id}-help`} class="help">
        {t.scopesHelp[kind]}
      </span>
    </p>
  );
}

function RoleSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: Role) => void }) {
  return (
    <select id={id} name="role" value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
      {accountRoles.map((r) => (
        <option key={r} value={r}>
          {roleName(r)}
        </option>
      ))}
    </select>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (email: string, password: string) => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [scopes, setScopes] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const created = await call('createUser', {
        body: {
          email: email.trim(),
          role,
          ...(displayName.trim() ? { display_name: displayName.trim() } : {}),
          ...(scopeKindOf(role) ? { scopes: parseScopes(scopes) } : {}),
        },
      });
      setEmail('');
      setDisplayName('');
      setScopes('');
      setRole('member');
      onCreated(created.email, created.password);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form-panel" onSubmit={onSubmit} aria-labelledby="user-create-heading">
      <h2 id="user-create-heading">{t.userCreateHeading}</h2>
      <p class="field">
        <label for="user-email">{t.userEmail}</label>
        <input
          id="user-email"
          name="email"
          type="email"
          autocomplete="off"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </p>
      <p class="field">
        <label for="user-display-name">{t.userDisplayName}</label>
        <input
          id="user-display-name"
          name="display_name"
          autocomplete="off"
          value={displayName}
          aria-describedby="user-display-name-help"
          onInput={(e) => setDisplayName(e.currentTarget.value)}
        />
        <span id="user-display-name-help" class="help">
          {t.userDisplayNameHelp}
        </span>
      </p>
      <p class="field">
        <label for="user-role">{t.userRole}</label>
        <RoleSelect id="user-role" value={role} onChange={setRole} />
      </p>
      <ScopesField id="user-scopes" role={role} value={scopes} onInput={setScopes} />
      <div class="form-error" role="alert">
        {error}
      </div>
      <p>
        <button type="submit" disabled={busy}>
          {t.userCreate}
        </button>
      </p>
    </form>
  );
}

function RoleEditor({ user, onSaved, onCancel }: { user: User; onSaved: () => void; onCancel: () => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [scopes, setScopes] = useState(user.scopes.join(', '));
  const [error, setError] = useState('');
  const id = `edit-${user.user_id}`;
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setError('');
    try {
      await call('updateUser', {
        path: { user_id: user.user_id },
        body: { role, scopes: scopeKindOf(role) ? parseScopes(scopes) : [] },
      });
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="role-editor" onSubmit={onSubmit} aria-label={t.userRoleEditHeading(user.email)}>
      <p class="field">
        <label for={`${id}-role`}>{t.userRole}</label>
        <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
      </p>
      <ScopesField id={`${id}-scopes`} role={role} value={scopes} onInput={setScopes} />
      <div class="form-error" role="alert">
        {error}
      </div>
      <p class="row-actions">
        <button type="submit">{t.save}</button>
        <button type="button" class="button-secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </p>
    </form>
  );
}

interface Secret {
  title: string;
  body: string;
  password: string;
}

function UsersPanel() {
  const [revision, setRevision] = useState(0);
  const users = useApi('listUsers', {}, revision);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const reload = () => setRevision((r) => r + 1);

  const act = async (user: User, action: () => Promise<unknown>) => {
    setError('');
    setStatus('');
    try {
      await action();
      setStatus(t.userSaved(user.email));
      reload();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <Page title={t.adminNavigation.users}>
      <p class="lead">{t.usersIntro}</p>
      {secret && (
        <SecretBox title={secret.title} body={secret.body} secret={secret.password} onDone={() => setSecret(null)} />
      )}
      <CreateUserForm
        onCreated={(email, password) => {
          setStatus(t.userCreated(email));
          setSecret({ title: t.userPasswordTitle(email), body: t.userPasswordBody, password });
          reload();
        }}
      />
      <h2>{t.usersHeading}</h2>
      <p role="status">{status}</p>
      <div class="form-error" role="alert">
        {error}
      </div>
      <Load state={users}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t.usersNone}</p>
          ) : (
            <>
              <p class="result-count">{t.usersCount(data.total, formatNumber(data.total))}</p>
              <div class="table-scroll">
                <table class="users-table">
                  <thead>
                    <tr>
                      <th scope="col">{t.userEmail}</th>
                      <th scope="col">{t.userDisplayName}</th>
                      <th scope="col">{t.userRole}</th>
                      <th scope="col">{t.userScopes}</th>
                      <th scope="col">{t.userStatus}</th>
                      <th scope="col">{t.userLastSignIn}</th>
                      <th scope="col">{t.actions}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((user) => [
                      <tr key={user.user_id} data-user={user.email}>
                        <th scope="row">{user.email}</th>
                        <td>{user.display_name}</td>
                        <td>{roleName(user.role)}</td>
                        <td>{user.scopes.length > 0 ? user.scopes.join(', ') : t.noScopes}</td>
                        <td>{user.active ? t.userActive : t.userDisabled}</td>
                        <td>{user.last_sign_in ? formatDateTime(user.last_sign_in) : t.never}</td>
                        <td>
                          <div class="row-actions">
                            <button
                              type="button"
                              aria-expanded={editing === user.user_id}
                              aria-label={t.userChangeRoleLabel(user.email)}
                              onClick={() => setEditing((id) => (id === user.user_id ? null : user.user_id))}
                            >
                              {t.userChangeRole}
                            </button>
                            <button
                              type="button"
                              aria-label={user.active ? t.userDisableLabel(user.email) : t.userEnableLabel(user.email)}
                              onClick={() =>
                                act(user, () =>
                                  call('updateUser', { path: { user_id: user.user_id }, body: { active: !user.active } }),
                                )
                              }
                            >
                              {user.active ? t.userDisable : t.userEnable}
                            </button>
                            <button
                              type="button"
                              aria-label={t.userResetPasswordLabel(user.email)}
                              onClick={() =>
                                act(user, async () => {
                                  const reset = await call('resetPassword', { path: { user_id: user.user_id } });
                                  setSecret({
                                    title: t.userNewPasswordTitle(user.email),
                                    body: t.userNewPasswordBody,
                                    password: reset.password,
                                  });
                                })
                              }
                            >
                              {t.userResetPassword}
                            </button>
                          </div>
                        </td>
                      </tr>,
                      editing === user.user_id && (
                        <tr key={`${user.user_id}-edit`} class="edit-row">
                          <td colSpan={7}>
                            <RoleEditor
                              user={user}
                              onCancel={() => setEditing(null)}
                              onSaved={() => {
                                setEditing(null);
                                setStatus(t.userSaved(user.email));
                                reload();
                              }}
                            />
                          </td>
                        </tr>
                      ),
                    ])}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </Load>
    </Page>
  );
}

export default function AdminUsers() {
  return (
    <RequirePermission permission="users.manage" title={t.adminNavigation.users}>
      <UsersPanel />
    </RequirePermission>
  );
}
