import { LogDevice } from './log-device';

/** Keeps the log in a growable buffer: same format and code path as on disk, nothing survives a stop. */
export class MemoryLogDevice implements LogDevice {
  private bytes = Buffer.alloc(1024 * 1024);
  private length = 0;

  get size(): number {
    return this.length;
  }

  async write(buffer: Buffer, position: number): Promise<void> {
    this.ensureCapacity(position + buffer.length);
    buffer.copy(this.bytes, position);
    this.length = Math.max(this.length, position + buffer.length);
  }

  async sync(): Promise<void> {}

  readInto(target: Buffer, targetOffset: number, length: number, position: number): number {
    const end = Math.min(this.length, position + length);
    if (end <= position) return 0;
    return this.bytes.copy(target, targetOffset, position, end);
  }

  truncate(size: number): void {
    this.length = Math.min(this.length, size);
  }

  async close(): Promise<void> {}

  private ensureCapacity(needed: number): void {
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length;
    while (capacity < needed) capacity *= 2;
    const grown = Buffer.alloc(capacity);
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}
