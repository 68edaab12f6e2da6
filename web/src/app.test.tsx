import { afterEach, describe, expect, it } from 'vitest';
import { CurrentPage } from './app';
import { Pager } from './components/Pager';
import { en } from './i18n/en';
import { areas } from './routes';
import { mount, unmount } from './test-utils';

let container: HTMLElement | undefined;
afterEach(() => unmount(container));

describe('pages of areas not built yet', () => {
  for (const area of areas.filter((a) => !a.built)) {
    it(`${area.path} names the area, says what it will hold and that it is not built yet`, () => {
      container = mount(<CurrentPage pathname={area.path + '/'} />);
      expect(container.querySelector('h1')?.textContent).toBe(en.areas[area.key]);
      expect(container.textContent).toContain(en.areaPurpose[area.key as keyof typeof en.areaPurpose]);
      expect(container.textContent).toContain(en.notBuiltTitle);
      expect(document.title).toBe(en.pageTitle(en.areas[area.key]));
    });
  }

  it('an unknown path gets the not-found page with a way home', () => {
    container = mount(<CurrentPage pathname="/libary" />);
    expect(container.querySelector('h1')?.textContent).toBe(en.notFoundTitle);
    expect(container.textContent).toContain('/libary');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('/');
  });
});

describe('Pager', () => {
  const href = (p: number) => `/directory?page=${p}`;

  it('links to the previous and next pages and says where you are', () => {
    container = mount(<Pager page={2} perPage={25} total={60} hrefFor={href} />);
    const links = [...container.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      [en.previousPage, '/directory?page=1'],
      [en.nextPage, '/directory?page=3'],
    ]);
    expect(container.textContent).toContain(en.pageOf('2', '3'));
  });

  it('has no next link on the last page and nothing at all for one page', () => {
    container = mount(<Pager page={3} perPage={25} total={60} hrefFor={href} />);
    expect([...container.querySelectorAll('a')].map((a) => a.textContent)).toEqual([en.previousPage]);
    unmount(container);
    container = mount(<Pager page={1} perPage={25} total={10} hrefFor={href} />);
    expect(container.innerHTML).toBe('');
  });
});
