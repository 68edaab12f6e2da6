// Cuts a TopoJSON topology down to some geometries of one object, keeping only
// the arcs they use. Used at build time to ship California's 58 counties
// instead of all 3,231 counties of us-atlas (about 840 KB).
import type { GeometryObject, Topology } from 'topojson-specification';

type ArcIndexes = number | ArcIndexes[];

function collectArcs(arcs: ArcIndexes, used: Set<number>): void {
  if (typeof arcs === 'number') used.add(arcs < 0 ? ~arcs : arcs);
  else for (const a of arcs) collectArcs(a, used);
}

function remapArcs(arcs: ArcIndexes, index: Map<number, number>): ArcIndexes {
  if (typeof arcs === 'number') {
    // A negative index ~i means arc i reversed.
    return arcs < 0 ? ~(index.get(~arcs) as number) : (index.get(arcs) as number);
  }
  return arcs.map((a) => remapArcs(a, index));
}

export function subsetTopology(
  topology: Topology,
  objectName: string,
  keep: (geometry: { id?: string | number }) => boolean,
): Topology {
  const object = topology.objects[objectName];
  if (!object || object.type !== 'GeometryCollection') {
    throw new Error(`topology has no geometry collection named ${objectName}`);
  }
  const geometries = object.geometries.filter(keep);
  const used = new Set<number>();
  for (const g of geometries) if ('arcs' in g) collectArcs(g.arcs as ArcIndexes, used);
  const order = [...used].sort((a, b) => a - b);
  const index = new Map(order.map((old, i) => [old, i]));
  return {
    type: 'Topology',
    ...(topology.transform ? { transform: topology.transform } : {}),
    objects: {
      [objectName]: {
        type: 'GeometryCollection',
        geometries: geometries.map((g) =>
          'arcs' in g ? ({ ...g, arcs: remapArcs(g.arcs as ArcIndexes, index) } as GeometryObject) : g,
        ),
      },
    },
    arcs: order.map((i) => topology.arcs[i] as Topology['arcs'][number]),
  };
}
