import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { mount, paintedFill, unmount } from '../test-utils';
import { CaliforniaMap, californiaCounties, type MapCounty } from './CaliforniaMap';

// Values for every county: Alpine (06003) withheld, the others 100 × their index.
const counties: MapCounty[] = californiaCounties.features.map((f, i) => {
  const fips = String(f.id);
  const value = fips === '06003' ? null : 100 * (i + 1);
  return {
    fips,
    name: f.properties.name,
    value,
    region: fips === '06003' ? null : i % 2 ? 'North' : 'South',
    label: `${f.properties.name}: ${value ?? 'withheld'}`,
  };
});
const href = (fips: string) => `/directory?county=${fips}`;

let container: HTMLElement;
afterEach(() => unmount(container));

describe('californiaCounties', () => {
  it("holds California's 58 counties, by FIPS code and name", () => {
    expect(californiaCounties.features).toHaveLength(58);
    const byId = new Map(californiaCounties.features.map((f) => [f.id, f.properties.name]));
    expect(byId.get('06001')).toBe('Alameda');
    expect(byId.get('06037')).toBe('Los Angeles');
    expect(byId.get('06115')).toBe('Yuba');
  });
});

describe('CaliforniaMap', () => {
  it('draws every county as a link named by its label', () => {
    container = mount(
      <CaliforniaMap counties={counties} colourBy="value" valueLabel="Participants" title="Map" href={href} />,
    );
    const links = [...container.querySelectorAll('svg a[data-fips]')];
    expect(links).toHaveLength(58);
    const alameda = container.querySelector('a[data-fips="06001"]') as Element;
    expect(alameda.getAttribute('aria-label')).toBe(counties.find((c) => c.fips === '06001')?.label);
    expect(alameda.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? alameda.getAttribute('href')).toBe(
      '/directory?county=06001',
    );
    // The name sits on the link only, not again on the path inside.
    expect(alameda.querySelector('path')?.hasAttribute('aria-label')).toBe(false);
  });

  it('colours counties by value, a withheld one grey, and says what grey means', () => {
    container = mount(
      <CaliforniaMap counties={counties} colourBy="value" valueLabel="Participants" title="Map" href={href} />,
    );
    const fill = (fips: string) => paintedFill(container.querySelector(`a[data-fips="${fips}"] path`));
    expect(fill('06003')).toBe('#e0e0e0');
    const small = counties[0]?.fips as string;
    const large = counties[57]?.fips as string;
    expect(fill(small)).not.toBe(fill(large));
    expect(container.querySelector('.map-legend')?.textContent).toContain('Withheld');
    expect(container.querySelector('.map-legend')?.textContent).toContain('Participants');
  });

  it('colours counties by region, with the regions in the legend', () => {
    container = mount(
      <CaliforniaMap counties={counties} colourBy="region" valueLabel="Participants" title="Map" href={href} />,
    );
    const fill = (fips: string) => paintedFill(container.querySelector(`a[data-fips="${fips}"] path`));
    const north = counties.filter((c) => c.region === 'North').map((c) => fill(c.fips));
    const south = counties.filter((c) => c.region === 'South').map((c) => fill(c.fips));
    expect(new Set(north).size).toBe(1);
    expect(new Set(south).size).toBe(1);
    expect(north[0]).not.toBe(south[0]);
    const legend = container.querySelector('.map-legend')?.textContent ?? '';
    expect(legend).toContain('North');
    expect(legend).toContain('South');
    expect(legend).toContain('No region');
  });

  it('shows the tooltip of the county that has the keyboard focus', () => {
    container = mount(
      <CaliforniaMap counties={counties} colourBy="value" valueLabel="Participants" title="Map" href={href} />,
    );
    const fresno = container.querySelector('a[data-fips="06019"]') as SVGAElement;
    act(() => void fresno.dispatchEvent(new FocusEvent('focusin', { bubbles: true })));
    expect(container.querySelector('.map-tooltip')?.textContent).toBe(
      counties.find((c) => c.fips === '06019')?.label,
    );
    act(() => void fresno.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(container.querySelector('.map-tooltip')).toBeNull();
  });

  it('without links it is one image, with the highlighted county outlined and the place dotted', () => {
    container = mount(
      <CaliforniaMap
        counties={counties}
        colourBy="region"
        valueLabel=""
        title="Alameda county is highlighted."
        highlight="06001"
        point={{ latitude: 37.8, longitude: -122.27 }}
        legend={false}
      />,
    );
    const svg = container.querySelector('svg') as SVGSVGElement;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Alameda county is highlighted.');
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(container.querySelectorAll('path[stroke="#111"]').length + container.querySelectorAll('[stroke="#111"] path').length).toBe(1);
    expect(container.querySelectorAll('circle')).toHaveLength(1);
    expect(container.querySelector('.map-legend')?.textContent).toBe('');
  });
});
