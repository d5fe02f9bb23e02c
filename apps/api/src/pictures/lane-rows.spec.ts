import { LaneRows } from './lane-rows';

describe('LaneRows', () => {
  it('keeps neighbours that do not overlap in one row, and stacks overlapping ones', () => {
    const rows = new LaneRows(4, 6);
    expect(rows.place([0, 50], [0, 10])).toEqual({ row: 0, labelled: true });
    expect(rows.place([60, 90], [60, 70])).toEqual({ row: 0, labelled: true });
    expect(rows.place([20, 80], [20, 30])).toEqual({ row: 1, labelled: true });
    expect(rows.count).toBe(2);
  });

  it('drops a label that finds no room rather than add a row past the limit', () => {
    const rows = new LaneRows(1, 6);
    rows.place([0, 100], [0, 10]);
    expect(rows.place([50, 200], [120, 130])).toEqual({ row: 0, labelled: false });
  });

  it('overlaps in the last row when even the mark finds no room, so a crowded lane keeps its height', () => {
    const rows = new LaneRows(2, 6);
    rows.place([0, 100], [0, 10]);
    rows.place([0, 40], [0, 10]);
    expect(rows.place([30, 150], [30, 40])).toEqual({ row: 1, labelled: false });
    expect(rows.place(undefined, [0, 10])).toEqual({ row: 1, labelled: false });
    expect(rows.count).toBe(2);
  });
});
