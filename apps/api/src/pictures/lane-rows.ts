/** A horizontal stretch of pixels something takes up, its start and end. */
export type Extent = readonly [number, number];

/** Where a mark went: its row, and whether it keeps its label (the room for it was found). */
export interface RowPlacement {
  row: number;
  labelled: boolean;
}

/**
 * Stacks marks into rows so that none overlaps another in its row: each goes into the first row with room for the
 * mark and its label; failing that, the first with room for the mark alone (its label dropped, the tooltip keeps it);
 * failing that, the last row, overlapping. At most `maxRows` rows, so a crowded lane stays a sensible height.
 */
export class LaneRows {
  private readonly rows: Extent[][] = [];

  constructor(
    private readonly maxRows: number,
    /** Pixels kept free between neighbours in a row. */
    private readonly gap: number,
  ) {}

  get count(): number {
    return Math.max(1, this.rows.length);
  }

  place(withLabel: Extent | undefined, markOnly: Extent): RowPlacement {
    if (withLabel !== undefined) {
      const row = this.freeRow(withLabel);
      if (row !== undefined) return this.take(row, withLabel, true);
    }
    const row = this.freeRow(markOnly) ?? this.maxRows - 1;
    return this.take(row, markOnly, false);
  }

  private freeRow(extent: Extent): number | undefined {
    for (let row = 0; row < this.maxRows; row += 1) {
      const taken = this.rows[row] ?? [];
      if (taken.every(([start, end]) => extent[1] + this.gap <= start || end + this.gap <= extent[0])) return row;
    }
    return undefined;
  }

  private take(row: number, extent: Extent, labelled: boolean): RowPlacement {
    while (this.rows.length <= row) this.rows.push([]);
    this.rows[row].push(extent);
    return { row, labelled };
  }
}
