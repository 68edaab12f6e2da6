import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './app';
import {
  currentLanguage,
  formatDate,
  formatDollars,
  formatHourly,
  formatNumber,
  initialLanguage,
  languageStorageKey,
  setLanguage,
  t,
} from './i18n';
import { en } from './i18n/en';
import { es } from './i18n/es';
import { click, flush, pageUnderTest } from './test-utils';

// The shell on a page without data of its own (an area not built yet), so
// only the jobs banner asks the server anything.
const page = pageUnderTest('/events', (req) =>
  req.url.pathname === '/api/v1/jobs'
    ? { body: { jobs: [] } }
    : { status: 404, body: { error: { code: 'not_found', message: 'no such thing' } } },
);

beforeEach(() => {
  localStorage.clear();
  setLanguage('en', { remember: false });
});
afterEach(() => {
  localStorage.clear();
  setLanguage('en', { remember: false });
});

const switchButton = (el: HTMLElement) => el.querySelector('.language-switch button') as HTMLButtonElement;
const navTexts = (el: HTMLElement) => [...el.querySelectorAll('.site-nav li a')].map((a) => a.textContent);

describe('the language switch', () => {
  it('offers Spanish on the English site, named in Spanish and marked as Spanish', async () => {
    const container = page.mount(<App />);
    await flush();
    const button = switchButton(container);
    expect(button.textContent).toBe('Español');
    expect(button.getAttribute('lang')).toBe('es');
    expect(container.querySelector('.language-switch')?.getAttribute('aria-label')).toBe(en.languageSwitch);
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches the shell and the page to Spanish, sets <html lang>, remembers the choice, and keeps the focus', async () => {
    const container = page.mount(<App />);
    await flush();
    const button = switchButton(container);
    button.focus();
    click(button);
    await flush();
    expect(currentLanguage()).toBe('es');
    expect(document.documentElement.lang).toBe('es');
    expect(localStorage.getItem(languageStorageKey)).toBe('es');
    // The shell: skip link, navigation, menu button, footer.
    expect(container.querySelector('.skip-link')?.textContent).toBe(es.skipToContent);
    expect(navTexts(container)).toEqual(Object.values(es.areas));
    expect(container.querySelector('.site-nav')?.getAttribute('aria-label')).toBe(es.mainNavigation);
    expect(container.querySelector('.menu-toggle')?.textContent).toBe(es.menu);
    expect(container.querySelector('.site-footer')?.textContent).toBe(es.footerText);
    // The page: its heading, its text and the document title.
    expect(container.querySelector('main h1')?.textContent).toBe(es.areas.events);
    expect(container.querySelector('main')?.textContent).toContain(es.notBuiltTitle);
    expect(document.title).toBe(es.pageTitle(es.areas.events));
    // The same button now offers English, and still has the focus.
    expect(switchButton(container)).toBe(button);
    expect(button.textContent).toBe('English');
    expect(button.getAttribute('lang')).toBe('en');
    expect(document.activeElement).toBe(button);

    click(button);
    await flush();
    expect(currentLanguage()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(languageStorageKey)).toBe('en');
    expect(navTexts(container)).toEqual(Object.values(en.areas));
  });

  it('`t` follows the language for every module that imported it', () => {
    expect(t.menu).toBe(en.menu);
    setLanguage('es');
    expect(t.menu).toBe(es.menu);
  });

  it('starts in the remembered language, else the browser\'s, else English; ignores an unknown stored value', () => {
    localStorage.setItem(languageStorageKey, 'es');
    expect(initialLanguage()).toBe('es');
    localStorage.setItem(languageStorageKey, 'fr');
    const languages = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages');
    try {
      Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['fr-FR', 'es-MX', 'en'] });
      expect(initialLanguage()).toBe('es');
      Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['de-DE', 'fr'] });
      expect(initialLanguage()).toBe('en');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).languages;
      if (languages) Object.defineProperty(Navigator.prototype, 'languages', languages);
    }
  });

  it('formats numbers, money and dates for the language', () => {
    setLanguage('en', { remember: false });
    expect(formatNumber(1234567.4)).toBe('1,234,567');
    expect(formatHourly(27.5)).toBe('$27.50');
    expect(formatDollars(57200)).toBe('$57,200');
    expect(formatDate('2025-03-03T12:00:00Z')).toBe('March 3, 2025');
    setLanguage('es', { remember: false });
    // California Spanish (es-US) writes numbers and dollars as in English, dates in Spanish.
    expect(formatNumber(1234567.4)).toBe('1,234,567');
    expect(formatHourly(27.5)).toBe('$27.50');
    expect(formatDate('2025-03-03T12:00:00Z')).toBe('3 de marzo de 2025');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
