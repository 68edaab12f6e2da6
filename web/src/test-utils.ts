import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach } from 'vitest';

/** Renders into a fresh element attached to the document, effects flushed. */
export function mount(vnode: ComponentChild): HTMLElement {
  const container = document.createElement('div');
  document.body.appendChild(container);
  act(() => render(vnode, container));
  return container;
}

export function unmount(container: HTMLElement | undefined): void {
  if (!container) return;
  act(() => render(null, container));
  container.remove();
}

/** The fill an SVG element is painted with: its own, or the nearest inherited one. */
export function paintedFill(el: Element | null): string | null {
  for (let e = el; e; e = e.parentElement) {
    const fill = e.getAttribute('fill');
    if (fill && fill !== 'inherit') return fill;
  }
  return null;
}

/** Lets pending fetches, promises and the renders they cause finish. */
export async function flush(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export interface FakeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Replaces fetch with `answer`, which sees each request (method, URL, headers,
 * parsed JSON body) and says what the server answers. Returns the requests seen.
 */
export function fakeFetch(answer: (request: FakeRequest) => FakeResponse): FakeRequest[] {
  const seen: FakeRequest[] = [];
  const fake = async (input: string | URL | Request, init: RequestInit = {}) => {
    const request: FakeRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      url: new URL(String(input), 'http://localhost'),
      headers: { ...((init.headers as Record<string, string> | undefined) ?? {}) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    seen.push(request);
    const response = answer(request);
    return new Response(JSON.stringify(response.body), {
      status: response.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...(response.headers ?? {}) },
    });
  };
  globalThis.fetch = fake as typeof fetch;
  return seen;
}

/** Types into a field the way a person does: the value, then an input (and change) event. */
export function typeInto(field: Element | null, value: string): void {
  const el = field as HTMLInputElement | HTMLSelectElement;
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export function click(el: Element | null): void {
  act(() => void (el as HTMLElement).click());
}

export function submit(form: Element | null): void {
  act(() => void (form as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
}

/** What pageUnderTest gives each test: the page it mounts and the requests fetch has seen. */
export interface PageUnderTest {
  container: HTMLElement | undefined;
  seen: FakeRequest[];
  mount(vnode: ComponentChild): HTMLElement;
}

/**
 * The set-up a page's tests share: before each test the address is `address`
 * and fetch answers with `answer`; after each, the page mounted with
 * `page.mount` is removed, the real fetch is back and the address is "/".
 */
export function pageUnderTest(address: string, answer: (request: FakeRequest) => FakeResponse): PageUnderTest {
  const realFetch = globalThis.fetch;
  const page: PageUnderTest = {
    container: undefined,
    seen: [],
    mount(vnode) {
      page.container = mount(vnode);
      return page.container;
    },
  };
  beforeEach(() => {
    window.history.replaceState(null, '', address);
    page.seen = fakeFetch(answer);
  });
  afterEach(() => {
    unmount(page.container);
    page.container = undefined;
    globalThis.fetch = realFetch;
    window.history.replaceState(null, '', '/');
  });
  return page;
}
