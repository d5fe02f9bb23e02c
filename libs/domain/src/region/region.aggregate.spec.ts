import { deciderSpecification } from '../testing/decider-specification';
import { regionDecider } from './region.aggregate';
import { RegionRegistered } from './region-registered.event';

const spec = deciderSpecification(regionDecider);
const tatarstan: RegionRegistered = {
  type: 'RegionRegistered',
  data: { regionId: 'tatarstan', name: 'Republic of Tatarstan', kind: 'federal-subject', parentRegionId: 'russia' },
};

describe('RegisterRegion', () => {
  it('registers a region within its parent', () => {
    spec.given([]).when({ type: 'RegisterRegion', data: tatarstan.data }).then([tatarstan]);
  });

  it('refuses to register the same region twice', () => {
    spec.given([tatarstan]).when({ type: 'RegisterRegion', data: tatarstan.data }).thenThrows('REGION_ALREADY_EXISTS', 'regionId');
  });

  it.each([
    ['a blank name', { name: ' ' }, 'name'],
    ['an unknown kind', { kind: 'province' }, 'kind'],
    ['itself as parent', { parentRegionId: 'tatarstan' }, 'parentRegionId'],
    ['a blank id', { regionId: '' }, 'regionId'],
  ])('rejects %s', (_case, change, field) => {
    const data = { ...tatarstan.data, ...change } as RegionRegistered['data'];
    spec.given([]).when({ type: 'RegisterRegion', data }).thenThrows('INVALID_FIELD', field);
  });
});
