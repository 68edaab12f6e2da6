import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matchPath, navigate, startRouter, takeFocusRequest } from './router';
import { areaOf, areas, normalizePath } from './routes';

describe('matchPath', () => {
  it('matches literal segments and decodes parameters', () => {
    expect(matchPath('/directory/:org_id', '/directory/SCH%20001')).toEqual({ params: { org_id: 'SCH 001' } });
    expect(matchPath('/directory', '/directory')).toEqual({ params: {} });
  });

  it('refuses other paths and malformed escapes', () => {
    expect(matchPath('/directory/:org_id', '/directory')).toBeNull();
    expect(matchPath('/directory/:org_id', '/directory/a/b')).toBeNull();
    expect(matchPath('/directory/:org_id', '/library/a')).toBeNull();
    expect(matchPath('/directory/:org_id', '/directory/%E0%A4%A')).toBeNull();
  });
});

describe('routes', () => {
  it('has one area per navigation entry, each with its own path', () => {
    expect(areas.map((a) => a.key)).toEqual([
      'home', 'pathways', 'equity', 'labor', 'wbl', 'dualEnrollment',
      'educators', 'library', 'community', 'events', 'directory', 'plan',
    ]);
    expect(new Set(areas.map((a) => a.path)).size).toBe(areas.length);
  });

  it('finds the area of a path, including pages below it', () => {
    expect(areaOf('/')?.key).toBe('home');
    expect(areaOf('/directory/SCH-1')?.key).toBe('directory');
    expect(areaOf('/library/')?.key).toBe('library');
    expect(areaOf('/nowhere')).toBeUndefined();
    expect(normalizePath('/events//')).toBe('/events');
  });
});

describe('link clicks', () => {
  let stop: () => void;
  beforeAll(() => (stop = startRouter()));
  afterAll(() => stop());
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
    document.body.innerHTML = '';
  });

  function click(html: string, init: MouseEventInit = {}): MouseEvent {
    document.body.innerHTML = html;
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init });
    document.querySelector('a, span')?.dispatchEvent(event);
    return event;
  }

  it('turns a same-origin link into a history entry and asks for the focus to move', () => {
    takeFocusRequest();
    const event = click('<a href="/directory?type=school"><span>Schools</span></a>');
    expect(event.defaultPrevented).toBe(true);
    expect(window.location.pathname + window.location.search).toBe('/directory?type=school');
    expect(takeFocusRequest()).toBe(true);
    expect(takeFocusRequest()).toBe(false);
  });

  it('follows SVG links (the map) too', () => {
    document.body.innerHTML = '<svg><a href="/directory?county=06001"><path d="M0 0"/></a></svg>';
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    document.querySelector('path')?.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(window.location.search).toBe('?county=06001');
  });

  it('leaves alone: other origins, the API, new-tab clicks, downloads and the skip link', () => {
    for (const [html, init] of [
      ['<a href="https://example.org/">x</a>', {}],
      ['<a href="/api/v1/health">x</a>', {}],
      ['<a href="/library">x</a>', { ctrlKey: true }],
      ['<a href="/library" target="_blank">x</a>', {}],
      ['<a href="/data.csv" download>x</a>', {}],
      ['<a href="#main">x</a>', {}],
    ] as const) {
      const event = click(html, init);
      expect(event.defaultPrevented, html).toBe(false);
      expect(window.location.pathname, html).toBe('/');
    }
  });

  it('navigate with focus: false keeps the focus where it is', () => {
    takeFocusRequest();
    navigate('/directory?q=college', { focus: false });
    expect(window.location.search).toBe('?q=college');
    expect(takeFocusRequest()).toBe(false);
  });
});
