import { randomUUID as randomUuid } from 'node:crypto';
import { NodeLogger } from '../node-options';
import { EventLog, RecordVisitor } from '../storage/event-log';
import { LogDevice } from '../storage/log-device';
import { NewRecord, RecordFlags } from '../storage/log-record';
import { ExpectedRevision, satisfiesExpectation } from './expected-revision';
import { RecentEventIds } from './recent-event-ids';
import { StreamIndex } from './stream-index';
import { ProposedEvent, proposedSize } from './proposed-event';
import { StreamEntry } from './stream-entry';
import {
  isSoftDeleted,
  parseStreamMetadata,
  SOFT_DELETED_TRUNCATE_BEFORE,
  StreamMetadata,
  withTruncateBefore,
} from './stream-metadata';
import { WriteResult } from './write-results';

export const METADATA_EVENT_TYPE = '$metadata';
export const TOMBSTONE_EVENT_TYPE = '$streamDeleted';
const TICKS_PER_MILLISECOND = 10_000n;
/** How many recent event ids are remembered for idempotent `any` appends (EventStoreDB also uses a bounded cache). */
const RECENT_EVENT_IDS = 100_000;

export interface EngineOptions {
  device: LogDevice;
  logger: NodeLogger;
  maxAppendSize: number;
  /** Milliseconds since the Unix epoch; injectable for tests of `$maxAge`. */
  now?: () => number;
}

/** The readable part of a stream for a reader right now. */
export type StreamView =
  | { kind: 'not_found' }
  | { kind: 'deleted' }
  | { kind: 'ok'; entry: StreamEntry; firstRevision: number; lastRevision: number; minCreatedTicks: bigint };

interface CachedMetadata {
  position: number;
  metadata: StreamMetadata;
  raw: Record<string, unknown>;
}

/**
 * The node's state machine: decides appends and deletes against the in-memory stream index (EventStoreDB's rules for
 * expected revisions, idempotency, soft deletes, tombstones and stream metadata) and hands the records to the log.
 * It knows nothing of gRPC.
 */
export class EventStoreEngine {
  private readonly recentEvents = new RecentEventIds(RECENT_EVENT_IDS);
  private readonly metadataCache = new Map<string, CachedMetadata>();
  private readonly now: () => number;

  private constructor(
    private readonly log: EventLog,
    private readonly index: StreamIndex,
    readonly maxAppendSize: number,
    now: (() => number) | undefined,
  ) {
    this.now = now ?? Date.now;
  }

  static async open(options: EngineOptions): Promise<EventStoreEngine> {
    const index = new StreamIndex();
    const log = await EventLog.open(options.device, options.logger, (header, position) => {
      index.add(header.streamId, header.flags, position);
    });
    return new EventStoreEngine(log, index, options.maxAppendSize, options.now);
  }

  get durablePosition(): number {
    return this.log.durablePosition;
  }

  get recordCount(): number {
    return this.index.all.count;
  }

  get streamCount(): number {
    return this.index.streams.size;
  }

  onDurable(listener: () => void): () => void {
    return this.log.onDurable(listener);
  }

  append(streamId: string, expected: ExpectedRevision, events: ProposedEvent[]): WriteResult {
    const size = proposedSize(events);
    if (size > this.maxAppendSize) return { kind: 'too_large', maxAppendSize: this.maxAppendSize, size };
    const entry = this.index.get(streamId);
    if (entry && entry.tombstonePosition >= 0) return { kind: 'stream_deleted', streamId };
    const state = this.writeState(entry);
    if (events.length > 0 && entry) {
      const replay = this.idempotentReplay(entry, expected, events);
      if (replay) return replay;
    }
    if (!satisfiesExpectation(expected, state)) {
      return { kind: 'wrong_expected_version', streamId, expected, currentRevision: state.currentRevision };
    }
    if (events.length === 0) {
      // EventStoreDB acknowledges an empty append with the stream's current state and writes nothing.
      return { kind: 'success', currentRevision: state.currentRevision, position: -1, durable: Promise.resolve() };
    }
    const createdTicks = BigInt(this.now()) * TICKS_PER_MILLISECOND;
    const firstRevision = state.currentRevision + 1;
    const records: NewRecord[] = events.map((event, index) => ({
      streamId,
      revision: firstRevision + index,
      eventId: event.eventId,
      eventType: event.eventType,
      isJson: event.isJson,
      isTombstone: false,
      createdTicks,
      customMetadata: event.customMetadata,
      data: event.data,
    }));
    const metadata = entry ? this.cachedMetadata(streamId, Infinity) : undefined;
    if (metadata && isSoftDeleted(metadata.metadata)) {
      // Writing to a soft-deleted stream recreates it: like EventStoreDB, move `$tb` to the first new revision so the
      // old events stay hidden, in the same all-or-nothing append.
      records.push(this.metadataRecord(streamId, withTruncateBefore(metadata.raw, String(firstRevision)), createdTicks));
    }
    const { positions, durable } = this.log.append(records);
    records.forEach((record, index) => this.indexNew(record, positions[index]));
    return { kind: 'success', currentRevision: firstRevision + events.length - 1, position: positions[events.length - 1], durable };
  }

  /** Soft delete: the stream reads as not found until written again; its revisions then continue. */
  softDelete(streamId: string, expected: ExpectedRevision): WriteResult {
    const entry = this.index.get(streamId);
    if (entry && entry.tombstonePosition >= 0) return { kind: 'stream_deleted', streamId };
    const state = this.writeState(entry);
    // Since EventStoreDB PR #3154 a soft delete of a stream that was never written (neither events nor metadata)
    // fails with a wrong expected version, whatever was expected: there is nothing to delete.
    const neverWritten = !entry?.positions.length && !this.index.get(`$$${streamId}`)?.positions.length;
    if (neverWritten || !satisfiesExpectation(expected, state)) {
      return { kind: 'wrong_expected_version', streamId, expected, currentRevision: state.currentRevision };
    }
    const raw = this.cachedMetadata(streamId, Infinity)?.raw ?? {};
    const record = this.metadataRecord(streamId, withTruncateBefore(raw, SOFT_DELETED_TRUNCATE_BEFORE), this.ticksNow());
    const { positions, durable } = this.log.append([record]);
    this.indexNew(record, positions[0]);
    return { kind: 'success', currentRevision: state.currentRevision, position: positions[0], durable };
  }

  /** Hard delete: a `$streamDeleted` record; every later read or append of the stream fails with StreamDeleted. */
  tombstone(streamId: string, expected: ExpectedRevision): WriteResult {
    const entry = this.index.get(streamId);
    if (entry && entry.tombstonePosition >= 0) return { kind: 'stream_deleted', streamId };
    const state = this.writeState(entry);
    if (!satisfiesExpectation(expected, state)) {
      return { kind: 'wrong_expected_version', streamId, expected, currentRevision: state.currentRevision };
    }
    const record: NewRecord = {
      streamId,
      revision: 0,
      eventId: randomUuid(),
      eventType: TOMBSTONE_EVENT_TYPE,
      isJson: false,
      isTombstone: true,
      createdTicks: this.ticksNow(),
      customMetadata: new Uint8Array(0),
      data: new Uint8Array(0),
    };
    const { positions, durable } = this.log.append([record]);
    this.index.add(streamId, RecordFlags.Tombstone, positions[0]);
    return { kind: 'success', currentRevision: state.currentRevision, position: positions[0], durable };
  }

  /** The revisions of `streamId` a reader may see now: durable, not deleted, within `$tb`, `$maxCount`, `$maxAge`. */
  viewStream(streamId: string): StreamView {
    const entry = this.index.get(streamId);
    if (!entry) return { kind: 'not_found' };
    const durable = this.log.durablePosition;
    if (entry.tombstonePosition >= 0 && entry.tombstonePosition < durable) return { kind: 'deleted' };
    const count = entry.countBelow(durable);
    if (count === 0) return { kind: 'not_found' };
    const metadata = this.cachedMetadata(streamId, durable)?.metadata;
    if (isSoftDeleted(metadata)) return { kind: 'not_found' };
    const lastRevision = count - 1;
    let firstRevision = Math.min(metadata?.truncateBefore ?? 0, count);
    if (metadata?.maxCount !== undefined) firstRevision = Math.max(firstRevision, count - metadata.maxCount);
    const minCreatedTicks =
      metadata?.maxAgeSeconds !== undefined ? BigInt(this.now() - metadata.maxAgeSeconds * 1000) * TICKS_PER_MILLISECOND : 0n;
    return { kind: 'ok', entry, firstRevision, lastRevision, minCreatedTicks };
  }

  /** Whether a stream is tombstoned (durably), for subscriptions that must refuse it. */
  isTombstoned(streamId: string): boolean {
    const entry = this.index.get(streamId);
    return !!entry && entry.tombstonePosition >= 0 && entry.tombstonePosition < this.log.durablePosition;
  }

  readRawRecord(position: number): Buffer {
    return this.log.readRawRecord(position);
  }

  /** A stream's entry whatever its state (for subscriptions, which wait for streams that do not exist yet). */
  streamEntry(streamId: string): StreamEntry | undefined {
    return this.index.get(streamId);
  }

  /** `$tb` currently in force for readers of `streamId` (0 when none). */
  truncateBefore(streamId: string): number {
    return this.cachedMetadata(streamId, this.log.durablePosition)?.metadata.truncateBefore ?? 0;
  }

  /** Index in `$all` order of the first record at or after `position`. */
  allIndexAtOrAfter(position: number): number {
    return this.index.all.firstAtOrAfter(position);
  }

  /** Position of the record with `$all` index `index`, or the durable end when past the last record. */
  allPositionAt(index: number): number {
    return index < this.index.all.count ? Math.min(this.index.all.at(index), this.log.durablePosition) : this.log.durablePosition;
  }

  scanAllForward(from: number, visit: RecordVisitor): void {
    this.log.scanForward(from, Infinity, visit);
  }

  scanAllBackward(before: number, visit: RecordVisitor): void {
    this.log.scanBackward(before, visit);
  }

  async close(): Promise<void> {
    await this.log.close();
  }

  private writeState(entry: StreamEntry | undefined): { currentRevision: number; exists: boolean } {
    if (!entry) return { currentRevision: -1, exists: false };
    const softDeleted = isSoftDeleted(this.cachedMetadata(entry.id, Infinity)?.metadata);
    return { currentRevision: entry.currentRevision, exists: entry.positions.length > 0 && !softDeleted };
  }

  /**
   * EventStoreDB's idempotency: re-sending events already written at the expected place succeeds without writing
   * again. For `any`/`stream_exists` the first event id is looked up among recently written events; for an exact or
   * `no_stream` expectation behind the stream's head, the events after the expected revision are compared.
   * A retry that only partly matches is a conflict, reported as a wrong expected version.
   */
  private idempotentReplay(entry: StreamEntry, expected: ExpectedRevision, events: ProposedEvent[]): WriteResult | undefined {
    let start: number;
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      const first = this.recentEvents.get(events[0].eventId);
      if (!first || first.entry !== entry) return undefined;
      start = first.revision;
    } else {
      const expectedRevision = expected.kind === 'no_stream' ? -1 : expected.revision;
      if (expectedRevision >= entry.currentRevision) return undefined;
      start = expectedRevision + 1;
    }
    const last = start + events.length - 1;
    if (last > entry.currentRevision) return undefined;
    for (let index = 0; index < events.length; index++) {
      if (!this.hasEventAt(entry, start + index, events[index].eventId)) return undefined;
    }
    const position = entry.positions[last];
    return { kind: 'success', currentRevision: last, position, durable: this.log.durableAt(position) };
  }

  private hasEventAt(entry: StreamEntry, revision: number, eventId: string): boolean {
    const recent = this.recentEvents.get(eventId);
    if (recent) return recent.entry === entry && recent.revision === revision;
    const position = entry.positions[revision];
    return position < this.log.durablePosition && this.log.readRecord(position).eventId === eventId;
  }

  private metadataRecord(streamId: string, json: Buffer, createdTicks: bigint): NewRecord {
    const metadataStream = `$$${streamId}`;
    return {
      streamId: metadataStream,
      revision: (this.index.get(metadataStream)?.currentRevision ?? -1) + 1,
      eventId: randomUuid(),
      eventType: METADATA_EVENT_TYPE,
      isJson: true,
      isTombstone: false,
      createdTicks,
      customMetadata: new Uint8Array(0),
      data: json,
    };
  }

  private indexNew(record: NewRecord, position: number): void {
    const entry = this.index.add(record.streamId, 0, position);
    this.recentEvents.remember(record.eventId, { entry, revision: entry.currentRevision });
    if (record.eventType === METADATA_EVENT_TYPE && record.streamId.startsWith('$$')) {
      this.metadataCache.set(record.streamId.slice(2), { position, ...parseStreamMetadata(record.data) });
    }
  }

  /** The newest metadata of `streamId` written below `limit`, parsed once and cached. */
  private cachedMetadata(streamId: string, limit: number): CachedMetadata | undefined {
    const metadataEntry = this.index.get(`$$${streamId}`);
    if (!metadataEntry) return undefined;
    const count = metadataEntry.countBelow(limit);
    if (count === 0) return undefined;
    const position = metadataEntry.positions[count - 1];
    const cached = this.metadataCache.get(streamId);
    if (cached?.position === position) return cached;
    const parsed = { position, ...parseStreamMetadata(this.log.readRecord(position).data) };
    if (!cached || cached.position < position) this.metadataCache.set(streamId, parsed);
    return parsed;
  }

  private ticksNow(): bigint {
    return BigInt(this.now()) * TICKS_PER_MILLISECOND;
  }
}

