import { interactionsAround, recordedAround, spreadOf } from './tally-spread';

describe('TallySpread', () => {
  const spread = spreadOf({
    counts: {},
    // Year-only dates (20170000) count in their year like dated ones.
    days: [
      [20160301, 4],
      [20170000, 2],
      [20171012, 6],
      [20190500, 8],
    ],
    recorded: [
      [201801, 5],
      [201806, 10],
      [202001, 5],
    ],
  });

  it('sums interactions per year and keeps the recorded months', () => {
    expect(spread).toEqual({
      interactions: [
        [2016, 4],
        [2017, 8],
        [2019, 8],
      ],
      recorded: [
        [201801, 5],
        [201806, 10],
        [202001, 5],
      ],
    });
  });

  it('splits the interactions around an asOf day, the cut year by the share of it gone by', () => {
    expect(interactionsAround(spread, 20151231)).toEqual({ before: 0, after: 20 });
    expect(interactionsAround(spread, 20181231)).toEqual({ before: 12, after: 8 });
    const midYear = interactionsAround(spread, 20170701);
    expect(midYear.before + midYear.after).toBe(20);
    expect(midYear.before).toBeGreaterThan(4 + 3);
    expect(midYear.before).toBeLessThan(4 + 5);
  });

  it('splits the recorded versions around a knownAt moment, its month counted before', () => {
    expect(recordedAround(spread, Date.UTC(2017, 11, 31))).toEqual({ before: 0, after: 20 });
    expect(recordedAround(spread, Date.UTC(2018, 5, 1))).toEqual({ before: 15, after: 5 });
    expect(recordedAround(spread, Date.UTC(2030, 0, 1))).toEqual({ before: 20, after: 0 });
  });
});
