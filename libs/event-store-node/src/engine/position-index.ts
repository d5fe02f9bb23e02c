/** Every record's log position in `$all` order, in a growable typed array (8 bytes a record). */
export class PositionIndex {
  private positions = new Float64Array(1024);
  private length = 0;

  get count(): number {
    return this.length;
  }

  push(position: number): void {
    if (this.length === this.positions.length) {
      const grown = new Float64Array(this.positions.length * 2);
      grown.set(this.positions);
      this.positions = grown;
    }
    this.positions[this.length++] = position;
  }

  at(index: number): number {
    return this.positions[index];
  }

  /** Index of the first record at or after `position` (count if none). */
  firstAtOrAfter(position: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.positions[middle] < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
