/** What the node keeps in memory per stream: where each revision lives in the log, and whether it was tombstoned. */
export class StreamEntry {
  /** positions[r] is the log position of revision r; revisions are contiguous from 0 (soft deletes keep counting). */
  readonly positions: number[] = [];
  /** Log position of the `$streamDeleted` tombstone, or -1. */
  tombstonePosition = -1;

  constructor(readonly id: string) {}

  get currentRevision(): number {
    return this.positions.length - 1;
  }

  /** Number of revisions whose records lie below `limit` (the durable end, for readers). */
  countBelow(limit: number): number {
    let count = this.positions.length;
    while (count > 0 && this.positions[count - 1] >= limit) count--;
    return count;
  }
}
