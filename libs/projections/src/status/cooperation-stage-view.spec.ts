import { sortKeyLimitOf } from '../timeline/visible-entries';
import { stageAtCut, stageOf } from './cooperation-stage-view';
import { historyEntry } from './history-entry.fixture';

const change = (to: string, occurredOn: string, sequence: number) => historyEntry({ type: 'CooperationStageChanged', occurredOn, sequence, data: { to, occurredOn } });

describe('stageOf', () => {
  it("is 'contact' since the opening while no stage change is known", () => {
    expect(stageOf('2017-03', [])).toEqual({ stage: 'contact', since: '2017-03' });
  });

  it('takes the stage change that comes last in timeline order', () => {
    expect(stageOf('2017-03', [change('exploring', '2017-10', 1), change('active', '2018-05', 2)])).toMatchObject({ stage: 'active', since: '2018-05' });
  });

  it('does not move back for a change recorded later but dated earlier', () => {
    const backfilled = [change('active', '2018-05', 1), change('exploring', '2017-10', 2)];
    expect(stageOf('2017-03', backfilled)).toMatchObject({ stage: 'active', since: '2018-05' });
    expect(stageOf('2017-03', [...backfilled].reverse())).toMatchObject({ stage: 'active', since: '2018-05' });
  });

  it('orders changes on the same date by the order they were recorded in', () => {
    expect(stageOf('2017-03', [change('dormant', '2019', 8), change('exploring', '2019', 5)])).toMatchObject({ stage: 'dormant', since: '2019' });
  });

  it('ignores what is not a stage change', () => {
    expect(stageOf('2017-03', [historyEntry({ type: 'MeetingHeld', occurredOn: '2018', data: { to: 'active' } })])).toEqual({ stage: 'contact', since: '2017-03' });
  });
});

describe('stageAtCut', () => {
  // Recorded in this order: the later change first (at 1,000 ms), the earlier one backfilled (at 2,000 ms).
  const marks: [number, string, string, number][] = [
    [change('active', '2018-05-02', 2).sortKey, 'active', '2018-05-02', 1_000],
    [change('exploring', '2017-10-12', 1).sortKey, 'exploring', '2017-10-12', 2_000],
  ];

  it("is 'contact' since the opening before the first stage change", () => {
    expect(stageAtCut('2017-03-14', marks, sortKeyLimitOf(20171011))).toEqual({ stage: 'contact', since: '2017-03-14' });
  });

  it('takes the latest change in timeline order before the cut, in whatever order they were recorded', () => {
    expect(stageAtCut('2017-03-14', marks, sortKeyLimitOf(20171012))).toMatchObject({ stage: 'exploring', since: '2017-10-12' });
    expect(stageAtCut('2017-03-14', marks, sortKeyLimitOf(20180501))).toMatchObject({ stage: 'exploring', since: '2017-10-12' });
    expect(stageAtCut('2017-03-14', marks, sortKeyLimitOf(20180502))).toMatchObject({ stage: 'active', since: '2018-05-02' });
  });

  it('leaves out the changes recorded after a knownAt moment', () => {
    const always = Number.POSITIVE_INFINITY;
    expect(stageAtCut('2017-03-14', marks, always, 999)).toEqual({ stage: 'contact', since: '2017-03-14' });
    expect(stageAtCut('2017-03-14', marks, sortKeyLimitOf(20180101), 1_000)).toEqual({ stage: 'contact', since: '2017-03-14' });
    expect(stageAtCut('2017-03-14', marks, sortKeyLimitOf(20180101), 2_000)).toMatchObject({ stage: 'exploring', since: '2017-10-12' });
    expect(stageAtCut('2017-03-14', marks, always, 1_500)).toMatchObject({ stage: 'active', since: '2018-05-02' });
  });

  it('agrees with stageOf over the changes inside the cut', () => {
    const changes = [change('exploring', '2017-10', 3), change('active', '2017-10-05', 4), change('dormant', '2019', 5)];
    const kept = changes.map((entry): [number, string, string, number] => [entry.sortKey, String(entry.data.to), entry.occurredOn, entry.knownFromMs]);
    for (const asOf of [20170901, 20171001, 20171005, 20181231, 20190101]) {
      const limit = sortKeyLimitOf(asOf);
      expect(stageAtCut('2017-03', kept, limit)).toEqual(stageOf('2017-03', changes.filter((entry) => entry.sortKey < limit)));
    }
  });
});
