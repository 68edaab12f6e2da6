import type { Messages } from './i18n/en';

export type AreaKey = keyof Messages['areas'];

export interface Area {
  key: AreaKey;
  path: string;
  /** Built areas have their own page; the others say plainly that they are not built yet. */
  built: boolean;
}

// Every area of the product, in navigation order.
export const areas: Area[] = [
  { key: 'home', path: '/', built: true },
  { key: 'pathways', path: '/pathways', built: true },
  { key: 'equity', path: '/data', built: true },
  { key: 'labor', path: '/labor-market', built: true },
  { key: 'wbl', path: '/work-based-learning', built: false },
  { key: 'dualEnrollment', path: '/dual-enrollment', built: false },
  { key: 'educators', path: '/educators', built: false },
  { key: 'library', path: '/library', built: false },
  { key: 'community', path: '/community', built: false },
  { key: 'events', path: '/events', built: false },
  { key: 'directory', path: '/directory', built: true },
  { key: 'plan', path: '/state-plan', built: false },
];

/** The area a path belongs to (for the navigation's current-page mark). */
export function areaOf(pathname: string): Area | undefined {
  const path = normalizePath(pathname);
  return areas.find((a) => (a.path === '/' ? path === '/' : path === a.path || path.startsWith(a.path + '/')));
}

export function normalizePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') || '/' : pathname;
}
