import { UsageError } from '../cli-errors';
import { parseScope, scopeOfOptions, timelinePath, timelineQuery } from './timeline-request';

describe('timeline requests', () => {
  it('reads the API’s names for timelines', () => {
    expect(parseScope('all')).toEqual({ kind: 'all' });
    expect(parseScope('region:tatarstan')).toEqual({ kind: 'region', id: 'tatarstan' });
    expect(parseScope('cooperation:logistics-network--tatarstan')).toEqual({ kind: 'cooperation', id: 'logistics-network--tatarstan' });
  });

  it('refuses other scopes, naming the argument and the forms it takes', () => {
    expect(() => parseScope('tatarstan')).toThrow(new UsageError('scope: "tatarstan" is not a timeline; give all, or region:<id>, organisation:<id>, person:<id>, cooperation:<id>'));
    expect(() => parseScope('fair:intec-z')).toThrow(UsageError);
    expect(() => parseScope('region:')).toThrow(UsageError);
  });

  it('takes the scope from the one owner option given', () => {
    expect(scopeOfOptions({})).toEqual({ kind: 'all' });
    expect(scopeOfOptions({ person: 'president-tatarstan' })).toEqual({ kind: 'person', id: 'president-tatarstan' });
  });

  it('addresses each timeline by its route, ids encoded', () => {
    expect(timelinePath({ kind: 'all' })).toBe('/timeline');
    expect(timelinePath({ kind: 'region', id: 'tatarstan' })).toBe('/regions/tatarstan/timeline');
    expect(timelinePath({ kind: 'person', id: 'a/b' })).toBe('/people/a%2Fb/timeline');
  });

  it('passes filters and cuts as the API names them, and includeRetracted=false only for --no-retracted', () => {
    expect(timelineQuery({ types: 'MeetingHeld', from: '2017', to: '2017-10', level: 'minister', order: 'desc', asOf: '2017-06-30', knownAt: '2017-11-01T00:00:00Z', minPosition: '42', retracted: false })).toEqual({
      types: 'MeetingHeld',
      from: '2017',
      to: '2017-10',
      level: 'minister',
      order: 'desc',
      includeRetracted: 'false',
      asOf: '2017-06-30',
      knownAt: '2017-11-01T00:00:00Z',
      minPosition: '42',
    });
    expect(timelineQuery({ retracted: true }).includeRetracted).toBeUndefined();
  });
});
