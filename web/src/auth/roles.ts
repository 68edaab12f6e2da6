// The roles an account can hold and what their scopes are (the server's
// privacy/access.hpp is the authority; this only shapes the forms).
import type { Role } from '../api/types.gen';

export const accountRoles: Role[] = [
  'member',
  'employer',
  'institution_analyst',
  'regional_analyst',
  'state_analyst',
  'administrator',
];

export type ScopeKind = 'organizations' | 'regions' | null;

/** Employers and institution analysts are scoped to organizations, regional analysts to regions. */
export function scopeKindOf(role: string): ScopeKind {
  if (role === 'employer' || role === 'institution_analyst') return 'organizations';
  if (role === 'regional_analyst') return 'regions';
  return null;
}

/** "DIST-1, DIST-2" or "DIST-1 DIST-2" → ["DIST-1", "DIST-2"]. */
export function parseScopes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const auditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.token_created',
  'auth.token_revoked',
  'users.create',
  'users.update',
  'users.password_reset',
  'students.list',
  'students.get',
];
