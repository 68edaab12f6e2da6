// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { subsetTopology } from './topology-subset';

const require = createRequire(import.meta.url);
const us = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
const california = subsetTopology(us, 'counties', (g) => String(g.id).startsWith('06'));

type Collection = { features: { id?: string | number; properties: { name: string }; geometry: unknown }[] };
const features = (t: Topology) => (feature(t, t.objects.counties as never) as unknown as Collection).features;

describe('subsetTopology on us-atlas', () => {
  it("keeps California's 58 counties and nothing else", () => {
    const ids = features(california).map((f) => String(f.id));
    expect(ids).toHaveLength(58);
    expect(ids.every((id) => /^06\d{3}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(58);
    expect(Object.keys(california.objects)).toEqual(['counties']);
  });

  it('gives every county the same shape as in the full topology', () => {
    const full = new Map(features(us).map((f) => [String(f.id), f]));
    for (const f of features(california)) {
      const original = full.get(String(f.id));
      expect(f.properties.name).toBe(original?.properties.name);
      expect(f.geometry).toEqual(original?.geometry);
    }
  });

  it('keeps only the arcs the counties use, a small part of the whole', () => {
    const used = new Set<number>();
    const walk = (a: unknown): void => {
      if (typeof a === 'number') used.add(a < 0 ? ~a : a);
      else if (Array.isArray(a)) a.forEach(walk);
    };
    for (const g of (california.objects.counties as { geometries: { arcs?: unknown }[] }).geometries) walk(g.arcs);
    expect(used.size).toBe(california.arcs.length);
    expect(california.arcs.length).toBeLessThan(us.arcs.length / 10);
  });

  it('refuses an object the topology does not have', () => {
    expect(() => subsetTopology(us, 'provinces', () => true)).toThrow(/provinces/);
  });
});
