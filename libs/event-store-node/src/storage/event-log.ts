import { NodeLogger } from '../node-options';
import { LogDevice } from './log-device';
import {
  checkRecord,
  decodeHeader,
  decodeRecord,
  encodeRecord,
  encodedRecordSize,
  isEndOfTransaction,
  NewRecord,
  RecordHeader,
  recordSizeAt,
  StoredRecord,
} from './log-record';

/** Identifies the file format; the first record starts right after it, so no event has position 0. */
const FILE_MAGIC = Buffer.from('KTESLOG\x01', 'latin1');
export const FILE_HEADER_SIZE = 16;
const SCAN_CHUNK = 4 * 1024 * 1024;
const READ_CHUNK = 256 * 1024;
const SINGLE_READ = 4096;

/** Called for each recovered record of a complete transaction, in log order. */
export type RecoveryVisitor = (header: RecordHeader, position: number) => void;

/** Visits records during a scan; returning false stops the scan. */
export type RecordVisitor = (buffer: Buffer, offset: number, position: number) => boolean;

interface PendingWrite {
  buffer: Buffer;
  position: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The append-only event log. A record's byte offset is its position in `$all` (commit and prepare position alike),
 * so positions strictly increase in log order by construction.
 *
 * Writes use group commit: `append` reserves positions synchronously (so the caller's concurrency decision and the
 * log order agree) and queues the bytes; one flusher writes everything queued since the last fsync in a single
 * write and a single fdatasync, then acknowledges all of it. Readers only ever see bytes below `durablePosition`.
 */
export class EventLog {
  private endPosition: number;
  private durable: number;
  private readonly queue: PendingWrite[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly durableListeners = new Set<() => void>();

  private constructor(
    private readonly device: LogDevice,
    end: number,
  ) {
    this.endPosition = end;
    this.durable = end;
  }

  /**
   * Opens the log, checking every record. A torn or corrupt tail (a crash mid-write, or bit rot at the end) is
   * reported and cut off; so is the unfinished part of an append whose last record never reached the disk, since an
   * append is all-or-nothing. Everything acknowledged was fsynced as a whole transaction and therefore survives.
   */
  static async open(device: LogDevice, logger: NodeLogger, visit: RecoveryVisitor): Promise<EventLog> {
    if (device.size === 0) {
      const header = Buffer.alloc(FILE_HEADER_SIZE);
      FILE_MAGIC.copy(header);
      await device.write(header, 0);
      await device.sync();
      return new EventLog(device, FILE_HEADER_SIZE);
    }
    const header = Buffer.alloc(FILE_HEADER_SIZE);
    if (device.readInto(header, 0, FILE_HEADER_SIZE, 0) < FILE_HEADER_SIZE || !header.subarray(0, 8).equals(FILE_MAGIC)) {
      throw new Error('The event log does not start with the expected file header: not an event log, or an unknown version');
    }
    const { validEnd, problem, records, zeroTail } = scan(device, visit);
    // Zeros after the last complete append are space the file device allocated ahead (see FileLogDevice), or a
    // write whose bytes never reached the disk: nothing was lost there and nothing needs reporting.
    if (validEnd < device.size && !zeroTail) {
      logger.warn('Torn or corrupt tail detected in the event log; cutting it off', {
        position: validEnd,
        bytesRemoved: device.size - validEnd,
        reason: problem ?? 'unfinished append',
      });
      device.truncate(validEnd);
    }
    logger.info('Event log opened', { records, endPosition: validEnd });
    return new EventLog(device, validEnd);
  }

  /** Position just past the last durable record: the log as readers see it. */
  get durablePosition(): number {
    return this.durable;
  }

  /** Position the next appended record will get. */
  get nextPosition(): number {
    return this.endPosition;
  }

  static sizeOf(record: NewRecord): number {
    return encodedRecordSize(
      Buffer.byteLength(record.streamId),
      Buffer.byteLength(record.eventType),
      record.customMetadata.length,
      record.data.length,
    );
  }

  /**
   * Reserves positions for `records` as one all-or-nothing transaction and queues them for the next group commit.
   * Returns the positions at once and a promise that settles when the records are on stable storage.
   */
  append(records: NewRecord[]): { positions: number[]; durable: Promise<void> } {
    if (this.failure) throw this.failure;
    const sizes = records.map((record) => EventLog.sizeOf(record));
    const buffer = Buffer.allocUnsafe(sizes.reduce((sum, size) => sum + size, 0));
    const positions: number[] = [];
    let offset = 0;
    records.forEach((record, index) => {
      positions.push(this.endPosition + offset);
      offset += encodeRecord(record, index === records.length - 1, buffer, offset);
    });
    const position = this.endPosition;
    this.endPosition += buffer.length;
    const durable = new Promise<void>((resolve, reject) => this.queue.push({ buffer, position, resolve, reject }));
    this.flushing ??= this.flush();
    return { positions, durable };
  }

  /** Settles once the record at `position` is durable (at once if it already is). */
  durableAt(position: number): Promise<void> {
    if (position < this.durable) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.onDurable(() => {
        if (position < this.durable) {
          stop();
          resolve();
        }
      });
    });
  }

  onDurable(listener: () => void): () => void {
    this.durableListeners.add(listener);
    return () => {
      this.durableListeners.delete(listener);
    };
  }

  /** Reads one durable record. The returned payload views stay valid: each read gets its own buffer. */
  readRecord(position: number): StoredRecord {
    return decodeRecord(this.readRawRecord(position), 0, position);
  }

  /** The bytes of the durable record at `position`, starting at offset 0 of the returned buffer. */
  readRawRecord(position: number): Buffer {
    let buffer = Buffer.allocUnsafe(SINGLE_READ);
    const read = this.device.readInto(buffer, 0, SINGLE_READ, position);
    const size = recordSizeAt(buffer, 0);
    if (size > read) {
      buffer = Buffer.allocUnsafe(size);
      this.device.readInto(buffer, 0, size, position);
    }
    return buffer;
  }

  /** Visits durable records from `from` (a record boundary) forwards until `until` or the visitor stops. */
  scanForward(from: number, until: number, visit: RecordVisitor): void {
    let position = from;
    const end = Math.min(until, this.durable);
    while (position < end) {
      const length = Math.min(READ_CHUNK, end - position);
      let buffer = Buffer.allocUnsafe(length);
      let available = this.device.readInto(buffer, 0, length, position);
      if (recordSizeAt(buffer, 0) > available) {
        const size = recordSizeAt(buffer, 0);
        buffer = Buffer.allocUnsafe(size);
        available = this.device.readInto(buffer, 0, size, position);
      }
      let offset = 0;
      while (offset + 4 <= available) {
        const size = recordSizeAt(buffer, offset);
        if (offset + size > available) break;
        if (!visit(buffer, offset, position + offset)) return;
        offset += size;
      }
      position += offset;
    }
  }

  /** Visits durable records strictly before `before` (a record boundary) backwards, newest first. */
  scanBackward(before: number, visit: RecordVisitor): void {
    let end = Math.min(before, this.durable);
    while (end > FILE_HEADER_SIZE) {
      const start = Math.max(FILE_HEADER_SIZE, end - READ_CHUNK);
      let buffer = Buffer.allocUnsafe(end - start);
      this.device.readInto(buffer, 0, end - start, start);
      let offset = end - start;
      if (recordSizeAt(buffer, offset - 4) > offset) {
        const size = recordSizeAt(buffer, offset - 4);
        buffer = Buffer.allocUnsafe(size);
        this.device.readInto(buffer, 0, size, end - size);
        offset = size;
      }
      const base = end - offset;
      while (offset >= 4) {
        const size = recordSizeAt(buffer, offset - 4);
        if (size > offset) break;
        offset -= size;
        if (!visit(buffer, offset, base + offset)) return;
      }
      end = base + offset;
    }
  }

  /** Waits for every queued append to be durable, gives back space allocated ahead, then closes the device. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.failure && this.device.size > this.endPosition) this.device.truncate(this.endPosition);
    await this.device.close();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.queue.length);
        const buffer = batch.length === 1 ? batch[0].buffer : Buffer.concat(batch.map((write) => write.buffer));
        try {
          await this.device.write(buffer, batch[0].position);
          await this.device.sync();
        } catch (error) {
          // After a failed write or fsync the state of the file is unknown (PostgreSQL's "fsyncgate" lesson):
          // refuse everything from now on rather than acknowledge on top of it.
          this.failure = new Error(`The event log could not be written: ${(error as Error).message}`);
          for (const write of [...batch, ...this.queue.splice(0)]) write.reject(this.failure);
          return;
        }
        this.durable = batch[0].position + buffer.length;
        for (const write of batch) write.resolve();
        for (const listener of this.durableListeners) listener();
      }
    } finally {
      this.flushing = undefined;
    }
  }
}

interface ScanResult {
  validEnd: number;
  records: number;
  problem?: string;
  /** Only zero bytes follow the last complete append. */
  zeroTail?: boolean;
}

function scan(device: LogDevice, visit: RecoveryVisitor): ScanResult {
  let position = FILE_HEADER_SIZE;
  let validEnd = FILE_HEADER_SIZE;
  let records = 0;
  let transaction: Array<{ header: RecordHeader; position: number }> = [];
  const size = device.size;
  let buffer = Buffer.allocUnsafe(SCAN_CHUNK);
  while (position < size) {
    const length = Math.min(buffer.length, size - position);
    const available = device.readInto(buffer, 0, length, position);
    let offset = 0;
    while (offset < available) {
      if (available - offset >= 4 && recordSizeAt(buffer, offset) === 0 && isZeroFrom(device, position + offset)) {
        return transaction.length === 0 ? { validEnd, records, zeroTail: true } : { validEnd, records, problem: `unfinished append at position ${transaction[0].position}` };
      }
      const check = checkRecord(buffer, offset, available - offset);
      if (!check.ok) {
        const atChunkEnd = position + available < size && (available - offset < 4 || recordSizeAt(buffer, offset) > available - offset);
        if (atChunkEnd) break;
        return { validEnd, problem: `${check.reason} at position ${position + offset}`, records };
      }
      transaction.push({ header: decodeHeader(buffer, offset), position: position + offset });
      if (isEndOfTransaction(buffer, offset)) {
        for (const record of transaction) visit(record.header, record.position);
        records += transaction.length;
        transaction = [];
        validEnd = position + offset + check.size;
      }
      offset += check.size;
    }
    if (offset === 0) {
      // A single record larger than the scan buffer: grow the buffer and read again.
      const needed = recordSizeAt(buffer, 0);
      if (needed <= buffer.length || position + needed > size) {
        return { validEnd, problem: `record of ${needed} bytes cut off at position ${position}`, records };
      }
      buffer = Buffer.allocUnsafe(needed);
      continue;
    }
    position += offset;
  }
  return { validEnd, records };
}

function isZeroFrom(device: LogDevice, position: number): boolean {
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  for (let at = position; at < device.size; at += chunk.length) {
    const read = device.readInto(chunk, 0, chunk.length, at);
    for (let index = 0; index < read; index++) if (chunk[index] !== 0) return false;
  }
  return true;
}
