import { ReferenceData } from '../history/reference-data';
import { assembleGraph } from './relationship-graph';

function pressStoryReferences(): ReferenceData {
  const refs = new ReferenceData();
  refs.set('region', 'russia', { name: 'Russian Federation', kind: 'country' });
  refs.set('region', 'tatarstan', { name: 'Republic of Tatarstan', kind: 'federal-subject', parentRegionId: 'russia' });
  refs.set('region', 'germany', { name: 'Germany', kind: 'country' });
  refs.set('region', 'leipzig-halle', { name: 'Leipzig-Halle', kind: 'metropolitan-region', parentRegionId: 'germany' });
  refs.set('region', 'moscow', { name: 'Moscow', kind: 'city', parentRegionId: 'russia' });
  refs.set('organisation', 'logistics-network', { name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', regionId: 'leipzig-halle' });
  refs.set('organisation', 'tatarstan-transport-ministry', { name: 'Ministry of Transport and Roads of Tatarstan', kind: 'ministry', regionId: 'tatarstan' });
  refs.set('organisation', 'unrelated', { name: 'Registered, never met', kind: 'company', regionId: 'moscow' });
  return refs;
}

describe('assembleGraph', () => {
  const graph = assembleGraph(
    [
      { key: 'met|organisation:logistics-network|organisation:tatarstan-transport-ministry', weight: 2, firstDateKey: 20171012, lastDateKey: 20180000 },
      { key: 'cooperation|organisation:logistics-network|region:tatarstan', weight: 5, firstDateKey: 20170300, lastDateKey: 20171012 },
      { key: 'met|organisation:logistics-network|person:someone-unregistered', weight: 1, firstDateKey: 20170300, lastDateKey: 20170300 },
    ],
    pressStoryReferences(),
  );

  it('formats first and last dates with their own precision', () => {
    expect(graph.edges).toContainEqual({ kind: 'met', source: 'organisation:logistics-network', target: 'organisation:tatarstan-transport-ministry', weight: 2, firstDate: '2017-10-12', lastDate: '2018' });
    expect(graph.edges).toContainEqual({ kind: 'cooperation', source: 'organisation:logistics-network', target: 'region:tatarstan', weight: 5, firstDate: '2017-03', lastDate: '2017-10-12' });
  });

  it('adds where the nodes lie: organisations in their regions, regions in theirs up to the top', () => {
    const structural = graph.edges.filter((edge) => edge.firstDate === null).map((edge) => `${edge.kind} ${edge.source} ${edge.target}`);
    expect(structural.sort()).toEqual([
      'located-in organisation:logistics-network region:leipzig-halle',
      'located-in organisation:tatarstan-transport-ministry region:tatarstan',
      'part-of region:leipzig-halle region:germany',
      'part-of region:tatarstan region:russia',
    ]);
  });

  it('holds the nodes that take part, with names and kinds, and no others', () => {
    expect(graph.nodes).toEqual([
      { id: 'organisation:logistics-network', kind: 'organisation', label: 'Netzwerk Logistik Leipzig-Halle', organisationKind: 'network' },
      { id: 'organisation:tatarstan-transport-ministry', kind: 'organisation', label: 'Ministry of Transport and Roads of Tatarstan', organisationKind: 'ministry' },
      { id: 'person:someone-unregistered', kind: 'person', label: 'someone-unregistered' },
      { id: 'region:germany', kind: 'region', label: 'Germany', regionKind: 'country' },
      { id: 'region:leipzig-halle', kind: 'region', label: 'Leipzig-Halle', regionKind: 'metropolitan-region' },
      { id: 'region:russia', kind: 'region', label: 'Russian Federation', regionKind: 'country' },
      { id: 'region:tatarstan', kind: 'region', label: 'Republic of Tatarstan', regionKind: 'federal-subject' },
    ]);
  });

  it('lists edges by kind, source and target, whatever order they came in', () => {
    expect(graph.edges.map((edge) => edge.kind)).toEqual(['cooperation', 'located-in', 'located-in', 'met', 'met', 'part-of', 'part-of']);
  });
});
