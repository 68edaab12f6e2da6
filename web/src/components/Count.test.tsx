import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { mount, unmount } from '../test-utils';
import { Count } from './Count';

let container: HTMLElement;
afterEach(() => unmount(container));

describe('Count', () => {
  it('shows a published count with thousands separators', () => {
    container = mount(<Count count={{ value: 1234567, suppressed: false }} minN={11} />);
    expect(container.textContent).toBe('1,234,567');
    expect(container.querySelector('button')).toBeNull();
  });

  it('shows a withheld count as a focusable dash described by the reason', () => {
    container = mount(<Count count={{ value: null, suppressed: true, reason: 'below_min_n' }} minN={11} />);
    const button = container.querySelector('button') as HTMLButtonElement;
    expect(button.querySelector('[aria-hidden="true"]')?.textContent).toBe('—');
    const tooltip = document.getElementById(button.getAttribute('aria-describedby') as string);
    expect(tooltip?.getAttribute('role')).toBe('tooltip');
    expect(tooltip?.textContent).toBe('Withheld to protect privacy: fewer than 11 students.');
    // The button's name says what the dash means.
    expect(button.textContent).toContain('Suppressed');
  });

  it('hides the reason on Escape and shows it again on the next focus', () => {
    container = mount(<Count count={{ value: null, suppressed: true, reason: 'below_min_n' }} minN={5} />);
    const button = container.querySelector('button') as HTMLButtonElement;
    act(() => void button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(container.querySelector('.suppressed')?.classList.contains('tip-hidden')).toBe(true);
    act(() => void button.dispatchEvent(new FocusEvent('blur')));
    expect(container.querySelector('.suppressed')?.classList.contains('tip-hidden')).toBe(false);
  });
});
