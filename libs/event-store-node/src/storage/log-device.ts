/**
 * The byte store under the event log: a file on disk, or memory for tests. Writes are positional and only ever at the
 * end; reads are synchronous because the node runs on its own thread and the bytes are almost always in the page cache.
 */
export interface LogDevice {
  /** Bytes currently stored. */
  readonly size: number;
  /** Writes `buffer` at `position` (which is always the current end). */
  write(buffer: Buffer, position: number): Promise<void>;
  /** Returns once every byte written so far is on stable storage. */
  sync(): Promise<void>;
  /** Copies bytes [position, position + length) into `target` at `targetOffset`; returns how many were read. */
  readInto(target: Buffer, targetOffset: number, length: number, position: number): number;
  /** Cuts the log at `size` (used by recovery to drop a torn tail). */
  truncate(size: number): void;
  close(): Promise<void>;
}
