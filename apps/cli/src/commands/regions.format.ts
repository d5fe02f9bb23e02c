import { formatTable } from '@app/terminal';

/** A region as GET /regions lists it. */
export interface RegionListItem {
  id: string;
  name: string;
  kind: string;
  parentRegionId: string | null;
}

/**
 * Regions in tree order, each after its parent with its depth (Russia, Tatarstan, Kazan); siblings by id. A region
 * whose parent is not listed is a root, so nothing is left out.
 */
export function regionTree(regions: readonly RegionListItem[]): { region: RegionListItem; depth: number }[] {
  const ids = new Set(regions.map((region) => region.id));
  const children = new Map<string | null, RegionListItem[]>();
  for (const region of regions) {
    const parent = region.parentRegionId !== null && ids.has(region.parentRegionId) && region.parentRegionId !== region.id ? region.parentRegionId : null;
    children.set(parent, [...(children.get(parent) ?? []), region]);
  }
  const ordered: { region: RegionListItem; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const region of [...(children.get(parent) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (seen.has(region.id)) continue;
      seen.add(region.id);
      ordered.push({ region, depth });
      visit(region.id, depth + 1);
    }
  };
  visit(null, 0);
  // Regions caught in a parent cycle are reachable from no root: list them at the top level rather than lose them.
  for (const region of regions) if (!seen.has(region.id)) ordered.push({ region, depth: 0 });
  return ordered;
}

/** The region tree as a table: ids indented under their parents, names and kinds. */
export function formatRegionTable(regions: readonly RegionListItem[]): string {
  return formatTable(
    ['REGION', 'KIND', 'NAME'],
    regionTree(regions).map(({ region, depth }) => [`${'  '.repeat(depth)}${region.id}`, region.kind, region.name]),
  );
}
