import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { mount, unmount } from '../test-utils';
import { Count, suppressionReason } from './Count';
import { en } from '../i18n/en';

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

describe('suppressionReason', () => {
  it('explains each reason code in the catalog\'s words', () => {
    const reason = (r?: 'below_min_n' | 'complementary' | 'table_withheld') =>
      suppressionReason({ value: null, suppressed: true, ...(r ? { reason: r } : {}) }, 11);
    expect(reason('below_min_n')).toBe('Withheld to protect privacy: fewer than 11 students.');
    expect(reason('complementary')).toBe(en.suppressedReason.complementary);
    expect(reason('complementary')).toMatch(/cannot be worked out from the totals/);
    expect(reason('table_withheld')).toBe(en.suppressedReason.table_withheld);
    expect(reason()).toBe(en.suppressedReason.unknown);
  });

  it('a complementary suppression still shows "—" with its reason', () => {
    container = mount(<Count count={{ value: null, suppressed: true, reason: 'complementary' }} minN={11} />);
    const button = container.querySelector('button') as HTMLButtonElement;
    expect(button.querySelector('[aria-hidden="true"]')?.textContent).toBe('—');
    expect(document.getElementById(button.getAttribute('aria-describedby') as string)?.textContent).toBe(
      en.suppressedReason.complementary,
    );
  });

  it('an exact value for a signed-in analyst is shown as a number', () => {
    container = mount(<Count count={{ value: 7, suppressed: false }} minN={11} />);
    expect(container.textContent).toBe('7');
  });
});
