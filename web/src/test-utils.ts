import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

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
