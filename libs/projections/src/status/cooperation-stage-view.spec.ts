import { stageOf } from './cooperation-stage-view';
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
