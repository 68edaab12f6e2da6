import { en, type Messages } from './en';

// One catalog for now; the Spanish one will be chosen here (from the
// browser's language or a setting) without touching the pages.
export const t: Messages = en;

const integer = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 });

export function formatNumber(n: number): string {
  return integer.format(n);
}

export function formatDecimal(n: number, digits: number): string {
  return new Intl.NumberFormat(t.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** An organization type code (school, college, …) in words; an unknown code as it is. */
export function orgTypeName(code: string): string {
  return t.orgTypes[code] ?? code;
}

const dateTime = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'medium' });

/** An ISO 8601 time in the reader's time zone; the text as it is when it is not a time. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A role code (institution_analyst, …) in words; an unknown code as it is. */
export function roleName(code: string): string {
  return t.roles[code] ?? code;
}
