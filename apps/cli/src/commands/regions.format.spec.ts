import { formatRegionTable, regionTree, type RegionListItem } from './regions.format';

const region = (id: string, parentRegionId: string | null, kind = 'city'): RegionListItem => ({ id, name: id.toUpperCase(), kind, parentRegionId });

describe('regions', () => {
  it('lists each region under its parent, siblings by id', () => {
    const regions = [region('kazan', 'tatarstan'), region('russia', null, 'country'), region('moscow', 'russia'), region('tatarstan', 'russia', 'federal-subject'), region('germany', null, 'country')];
    expect(formatRegionTable(regions)).toBe(
      ['REGION       KIND             NAME', 'germany      country          GERMANY', 'russia       country          RUSSIA', '  moscow     city             MOSCOW', '  tatarstan  federal-subject  TATARSTAN', '    kazan    city             KAZAN', ''].join(
        '\n',
      ),
    );
  });

  it('keeps regions whose parent is unknown or caught in a cycle', () => {
    const tree = regionTree([region('a', 'b'), region('b', 'a'), region('orphan', 'nowhere')]);
    expect(tree.map(({ region: { id }, depth }) => `${depth}:${id}`).sort()).toEqual(['0:a', '0:b', '0:orphan']);
  });
});
