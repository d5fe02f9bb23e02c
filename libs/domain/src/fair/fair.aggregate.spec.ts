import { deciderSpecification } from '../testing/decider-specification';
import { fairDecider } from './fair.aggregate';
import { FairRegistered, FairRegisteredData } from './fair-registered.event';

const spec = deciderSpecification(fairDecider);
const transRussia: FairRegistered = {
  type: 'FairRegistered',
  data: { fairId: 'transrussia', name: 'TransRussia', regionId: 'moscow', recurrence: 'annual' },
};

describe('RegisterFair', () => {
  it('registers a recurring fair at its place', () => {
    spec.given([]).when({ type: 'RegisterFair', data: transRussia.data }).then([transRussia]);
  });

  it('refuses to register the same fair twice', () => {
    spec.given([transRussia]).when({ type: 'RegisterFair', data: transRussia.data }).thenThrows('FAIR_ALREADY_EXISTS', 'fairId');
  });

  it.each([
    ['a blank name', { name: '' }, 'name'],
    ['a missing region', { regionId: undefined }, 'regionId'],
    ['an unknown recurrence', { recurrence: 'monthly' }, 'recurrence'],
  ])('rejects %s', (_case, change, field) => {
    const data = { ...transRussia.data, ...change } as FairRegisteredData;
    spec.given([]).when({ type: 'RegisterFair', data }).thenThrows('INVALID_FIELD', field);
  });
});
