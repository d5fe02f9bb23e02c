import { RecentEventIds } from './recent-event-ids';
import { StreamEntry } from './stream-entry';

describe('RecentEventIds', () => {
  const entry = new StreamEntry('s');

  it('forgets the oldest ids once full', () => {
    const ids = new RecentEventIds(3);
    for (const id of ['a', 'b', 'c', 'd']) ids.remember(id, { entry, revision: 0 });
    expect(ids.get('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((id) => ids.get(id) !== undefined)).toEqual([true, true, true]);
    expect(ids.size).toBe(3);
  });

  it('keeps the newest write of an id remembered twice', () => {
    const ids = new RecentEventIds(2);
    ids.remember('a', { entry, revision: 0 });
    ids.remember('a', { entry, revision: 5 });
    ids.remember('b', { entry, revision: 1 });
    expect(ids.get('a')?.revision).toBe(5);
  });
});
