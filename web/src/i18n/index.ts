import { useEffect, useState } from 'preact/hooks';
import { en, type Messages } from './en';
import { es } from './es';

// The catalogs, one per language of the interface. Both are in the main
// bundle: a switch is instant and works offline once the page has loaded.
export const catalogs = { en, es } satisfies Record<string, Messages>;
export type Language = keyof typeof catalogs;
export const languages = Object.keys(catalogs) as Language[];

/** Where the person's choice is kept between visits (this browser only). */
export const languageStorageKey = 'pathlight.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && value in catalogs;
}

function storedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(languageStorageKey);
    return isLanguage(value) ? value : null;
  } catch {
    // Storage can be refused (private modes, policies): the choice then lasts for the visit.
    return null;
  }
}

/** The language to start in: the one chosen before, else the browser's first language we have, else English. */
export function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

let current: Language = 'en';

/**
 * The current catalog. A live binding: `setLanguage` replaces it, and every
 * module that imported `t` reads the new one on its next render.
 */
export let t: Messages = en;

const listeners = new Set<(language: Language) => void>();

// Formatters are made once per language, not once per number.
let integer = new Intl.NumberFormat(en.locale, { maximumFractionDigits: 0 });
let dateTime = new Intl.DateTimeFormat(en.locale, { dateStyle: 'medium', timeStyle: 'medium' });
let date = new Intl.DateTimeFormat(en.locale, { dateStyle: 'long' });
let dollars = new Intl.NumberFormat(en.locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
let cents = new Intl.NumberFormat(en.locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

function apply(language: Language): void {
  current = language;
  t = catalogs[language];
  integer = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 });
  dateTime = new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'medium' });
  date = new Intl.DateTimeFormat(t.locale, { dateStyle: 'long' });
  dollars = new Intl.NumberFormat(t.locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  cents = new Intl.NumberFormat(t.locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return current;
}

/** Switches the interface to `language`, remembers the choice and tells the pages to draw again. */
export function setLanguage(language: Language, options: { remember?: boolean } = {}): void {
  if (!isLanguage(language)) return;
  if (options.remember !== false) {
    try {
      globalThis.localStorage?.setItem(languageStorageKey, language);
    } catch {
      // See storedLanguage.
    }
  }
  if (language === current && t === catalogs[language]) return;
  apply(language);
  for (const l of listeners) l(language);
}

/** The current language, as state: a component using it draws again when the language changes. */
export function useLanguage(): Language {
  const [language, setState] = useState(current);
  useEffect(() => {
    listeners.add(setState);
    setState(current);
    return () => void listeners.delete(setState);
  }, []);
  return language;
}

apply(initialLanguage());

export function formatNumber(n: number): string {
  return integer.format(n);
}

export function formatDecimal(n: number, digits: number): string {
  return new Intl.NumberFormat(t.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Whole dollars: "$57,200". */
export function formatDollars(n: number): string {
  return dollars.format(n);
}

/** Dollars and cents: "$27.50" (hourly wages). */
export function formatHourly(n: number): string {
  return cents.format(n);
}

/** An organization type code (school, college, …) in words; an unknown code as it is. */
export function orgTypeName(code: string): string {
  return t.orgTypes[code] ?? code;
}

/** An ISO 8601 time in the reader's time zone; the text as it is when it is not a time. */
export function formatDateTime(iso: string): string {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? iso : dateTime.format(parsed);
}

/** An ISO 8601 date or time as a day ("March 3, 2025"; "3 de marzo de 2025"). */
export function formatDate(iso: string): string {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? iso : date.format(parsed);
}

/** A role code (institution_analyst, …) in words; an unknown code as it is. */
export function roleName(code: string): string {
  return t.roles[code] ?? code;
}

/** A sector's name in the current language: the catalog's when it has one, else the server's. */
export function sectorName(code: string, fallback: string): string {
  return t.sectorNames[code] ?? fallback;
}

/** A pathway's name in the current language: the catalog's when it has one, else the server's. */
export function pathwayName(code: string, fallback: string): string {
  return t.pathwayNames[code] ?? fallback;
}
