import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  EventStoreDBClient,
  InvalidArgumentError,
  InvalidTransactionError,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { chainHash, CHAIN_VERSION, linkDigestOf } from './chain/event-chain';
import { readGlobalHead, type GlobalHead } from './chain/global-chain-head';
import { SerialQueue } from './chain/serial-queue';
import { StreamChainHeads } from './chain/stream-chain-heads';
import { deterministicEventId } from './deterministic-event-id';
import { mapClientError } from './event-store-errors';
import { CommandMetadata, EventMetadata, isEventMetadata } from './event-metadata';
import { DomainEventShape, EventSchemas } from './event-schemas';

/** One event of a stream as read back: the (upcast) domain event, its metadata and where it sits. */
export interface RecordedEvent<E extends DomainEventShape> {
  event: E;
  metadata: EventMetadata;
  eventId: string;
  revision: bigint;
  position: { commit: bigint; prepare: bigint } | undefined;
}

export interface LoadedStream<E extends DomainEventShape> {
  events: RecordedEvent<E>[];
  /** What the next append must expect: the last revision, or `no_stream`. */
  revision: bigint | 'no_stream';
}

export interface AppendResult {
  nextRevision: bigint;
  /** Where the last event sits in `$all`: what read models must reach for read-your-writes. */
  position: { commit: bigint; prepare: bigint } | undefined;
  eventIds: string[];
  /**
   * Each event's metadata as stored (the command's, with the event type's schema version and chain link). For a
   * retry the server recognised (same event ids), what the retry would have written: read the stream for what is.
   */
  metadata: EventMetadata[];
}

export interface AppendRequest<E extends DomainEventShape> {
  streamName: string;
  expectedRevision: bigint | 'no_stream';
  events: E[];
  metadata: CommandMetadata;
  /** With a key, event ids derive from it: a retried command appends nothing new and gets the first answer. */
  idempotencyKey?: string;
}

/**
 * Answers after which the server has certainly written nothing: the chain heads stay as they were. Any other failure
 * (a timeout, a dropped connection) may or may not have written the events.
 */
const DEFINITE_REFUSALS = [WrongExpectedVersionError, StreamDeletedError, MaxAppendSizeExceededError, AccessDeniedError, NotLeaderError, InvalidArgumentError, InvalidTransactionError];

/**
 * Reads and writes aggregate streams through `@eventstore/db-client`: JSON payloads, metadata beside them, schema
 * versions with upcasting on read, optimistic concurrency, idempotent retries, client errors mapped to ours.
 *
 * Every append is the single write path, so it also chains each event (`metadata.chain`, see event-chain.ts) to the
 * previous event of its stream and to the previous event appended by this writer. The global chain has one head,
 * so appends are serialised in this process: hash, append, learn the outcome, then the next. That assumes one
 * writer per event store; a second writer's events break the global chain (the audit verifier reports it).
 */
export class AggregateEventStore {
  private readonly serial = new SerialQueue();
  private readonly streamHeads = new StreamChainHeads();
  /** Undefined until the first append, and again after an append of unknown outcome: then read from `$all`. */
  private globalHead: GlobalHead | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly schemas: EventSchemas = new EventSchemas(),
  ) {}

  /** The stream's events from `fromRevision` on (all by default); a stream that does not exist loads as empty. */
  async load<E extends DomainEventShape>(streamName: string, fromRevision = 0n): Promise<LoadedStream<E>> {
    const read: ResolvedEvent[] = [];
    try {
      // Read to the end before looking at anything: leaving the loop early (a throw) would abandon the call, and
      // @eventstore/db-client 6 then never finishes client.dispose().
      for await (const resolved of this.client.readStream(streamName, { fromRevision })) read.push(resolved);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { events: [], revision: 'no_stream' };
      throw mapClientError(error, streamName);
    }
    const events: RecordedEvent<E>[] = [];
    for (const { event: recorded } of read) {
      if (!recorded || recorded.isJson !== true) continue;
      const metadata = recorded.metadata;
      if (!isEventMetadata(metadata)) throw new Error(`Event ${recorded.id} in ${streamName} has no valid metadata`);
      const data = this.schemas.upcast(recorded.type, metadata.schemaVersion, recorded.data as Record<string, unknown>);
      events.push({ event: { type: recorded.type, data } as E, metadata, eventId: recorded.id, revision: recorded.revision, position: recorded.position });
    }
    const last = read[read.length - 1]?.event;
    if (last) this.streamHeads.remember(streamName, last.revision, digestOfRecorded(last));
    if (events.length > 0) return { events, revision: events[events.length - 1].revision };
    return { events, revision: fromRevision > 0n ? fromRevision - 1n : 'no_stream' };
  }

  async append<E extends DomainEventShape>(request: AppendRequest<E>): Promise<AppendResult> {
    return this.serial.run(() => this.appendChained(request));
  }

  private async appendChained<E extends DomainEventShape>(request: AppendRequest<E>): Promise<AppendResult> {
    const { streamName, expectedRevision, events, metadata, idempotencyKey } = request;
    const head = (this.globalHead ??= await readGlobalHead(this.client));
    const firstRevision = expectedRevision === 'no_stream' ? 0n : expectedRevision + 1n;
    let streamPrev = expectedRevision === 'no_stream' ? null : await this.digestOfEventAt(streamName, expectedRevision);
    let globalPrev = head.digest;
    const stored: EventMetadata[] = [];
    const eventData = events.map((event, index) => {
      const id = idempotencyKey ? deterministicEventId(idempotencyKey, streamName, index) : randomUUID();
      const unchained = { ...metadata, schemaVersion: this.schemas.currentVersion(event.type) };
      const subject = { streamId: streamName, revision: Number(firstRevision) + index, eventId: id, type: event.type, data: event.data, metadata: unchained };
      const hash = chainHash(subject, streamPrev, globalPrev);
      const withChain: EventMetadata = { ...unchained, chain: { v: CHAIN_VERSION, hash, streamPrev, globalPrev } };
      stored.push(withChain);
      streamPrev = globalPrev = hash;
      return jsonEvent({ id, type: event.type, data: event.data as Record<string, never>, metadata: withChain });
    });
    const lastRevision = firstRevision + BigInt(events.length) - 1n;
    let result;
    try {
      result = await this.client.appendToStream(streamName, eventData, {
        expectedRevision: expectedRevision === 'no_stream' ? NO_STREAM : expectedRevision,
      });
    } catch (error) {
      if (!DEFINITE_REFUSALS.some((refusal) => error instanceof refusal)) this.forgetHeads(streamName);
      throw mapClientError(error, streamName);
    }
    const written = events.length > 0 && result.position !== undefined && isAfter(result.position, head.position) && result.nextExpectedRevision === lastRevision;
    if (written) {
      this.globalHead = { digest: globalPrev, position: result.position };
      this.streamHeads.remember(streamName, lastRevision, globalPrev!);
    } else if (events.length > 0 && (result.position === undefined || isAfter(result.position, head.position))) {
      // Neither clearly written nor clearly a re-sent append the server recognised: learn the heads from the store.
      this.forgetHeads(streamName);
    }
    // Otherwise the server recognised the event ids of an earlier append (an idempotent retry) and wrote nothing:
    // the heads must not move to hashes that were never stored.
    return { nextRevision: result.nextExpectedRevision, position: result.position, eventIds: eventData.map((event) => event.id), metadata: stored };
  }

  /** The link digest of the stream's event at `revision`: remembered, or read (one event). */
  private async digestOfEventAt(streamName: string, revision: bigint): Promise<string | null> {
    const known = this.streamHeads.digestAt(streamName, revision);
    if (known !== undefined) return known;
    let digest: string | null = null;
    try {
      for await (const { event } of this.client.readStream(streamName, { fromRevision: revision, maxCount: 1 })) {
        if (event && event.revision === revision) digest = digestOfRecorded(event);
      }
    } catch (error) {
      // A stream that is not there: the append will be refused with the stream's real state.
      if (!(error instanceof StreamNotFoundError)) throw mapClientError(error, streamName);
    }
    return digest;
  }

  private forgetHeads(streamName: string): void {
    this.globalHead = undefined;
    this.streamHeads.forget(streamName);
  }
}

function digestOfRecorded(event: NonNullable<ResolvedEvent['event']>): string {
  return linkDigestOf({ streamId: event.streamId, revision: Number(event.revision), eventId: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

function isAfter(position: { commit: bigint; prepare: bigint }, head: { commit: bigint; prepare: bigint } | undefined): boolean {
  if (head === undefined) return true;
  return position.commit > head.commit || (position.commit === head.commit && position.prepare > head.prepare);
}
