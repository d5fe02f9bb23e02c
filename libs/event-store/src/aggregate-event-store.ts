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
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ChainLanes, type ChainLane, type LaneHead } from './chain/chain-lanes';
import { chainHash, chainLinkOf, CHAIN_VERSION, linkDigestOf } from './chain/event-chain';
import { readGlobalHead } from './chain/global-chain-head';
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

export interface AggregateEventStoreOptions {
  /** How many appends may be in flight at once, each through a chain lane of its own (default 8; 1: one strict chain). */
  chainLanes?: number;
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
 * previous event of its stream and to the previous event of its lane (chain-lanes.ts). Each append holds a lane from
 * hashing to learning its outcome, so a lane's order is its append order, while appends through different lanes (and
 * other processes' lanes) run concurrently and share the node's fsync. The stream chain stays strict whatever lane
 * writes: events of one stream are appended with the expected revision, so a stream never forks.
 */
export class AggregateEventStore {
  private readonly lanes: ChainLanes;
  private readonly streamHeads = new StreamChainHeads();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly schemas: EventSchemas = new EventSchemas(),
    options: AggregateEventStoreOptions = {},
  ) {
    this.lanes = new ChainLanes(options.chainLanes);
  }

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
    return this.lanes.run((lane) => this.appendThrough(lane, request));
  }

  private async appendThrough<E extends DomainEventShape>(lane: ChainLane, request: AppendRequest<E>): Promise<AppendResult> {
    const { streamName, expectedRevision, events, metadata, idempotencyKey } = request;
    const head = (lane.head ??= await readGlobalHead(this.client));
    const firstRevision = expectedRevision === 'no_stream' ? 0n : expectedRevision + 1n;
    let streamPrev = expectedRevision === 'no_stream' ? null : await this.digestOfEventAt(streamName, expectedRevision);
    let lanePrev = head.digest;
    const stored: EventMetadata[] = [];
    const eventData = events.map((event, index) => {
      const id = idempotencyKey ? deterministicEventId(idempotencyKey, streamName, index) : randomUUID();
      const unchained = { ...metadata, schemaVersion: this.schemas.currentVersion(event.type) };
      const subject = { streamId: streamName, revision: Number(firstRevision) + index, eventId: id, type: event.type, data: event.data, metadata: unchained };
      const predecessors = { v: CHAIN_VERSION, streamPrev, lane: lane.id, lanePrev } as const;
      const hash = chainHash(subject, predecessors);
      const withChain: EventMetadata = { ...unchained, chain: { ...predecessors, hash } };
      stored.push(withChain);
      streamPrev = lanePrev = hash;
      return jsonEvent({ id, type: event.type, data: event.data as Record<string, never>, metadata: withChain });
    });
    const lastRevision = firstRevision + BigInt(events.length) - 1n;
    let result;
    try {
      result = await this.client.appendToStream(streamName, eventData, {
        expectedRevision: expectedRevision === 'no_stream' ? NO_STREAM : expectedRevision,
      });
    } catch (error) {
      if (!DEFINITE_REFUSALS.some((refusal) => error instanceof refusal)) this.headsUnknown(lane, streamName);
      throw mapClientError(error, streamName);
    }
    if (events.length > 0) {
      const outcome = await this.outcomeOf(request, head, lastRevision, lanePrev!, result);
      if (outcome === 'written') {
        lane.head = { digest: lanePrev, position: result.position };
        this.streamHeads.remember(streamName, lastRevision, lanePrev!);
      } else if (outcome === 'unknown') {
        this.headsUnknown(lane, streamName);
      }
      // 'recognised': the server matched the event ids of an earlier append (an idempotent retry, maybe first sent
      // through another lane or replica) and wrote nothing: the heads must not move to hashes that were never stored.
    }
    return { nextRevision: result.nextExpectedRevision, position: result.position, eventIds: eventData.map((event) => event.id), metadata: stored };
  }

  /**
   * Whether a successful append stored the events just hashed. Random event ids cannot match anything earlier, so
   * they were written. Ids derived from an idempotency key may have been written before, by this lane (then at or
   * before its head) or by any other lane or replica (anywhere): only the stored hash tells, so it is read back.
   */
  private async outcomeOf(request: AppendRequest<DomainEventShape>, head: LaneHead, lastRevision: bigint, lastHash: string, result: { nextExpectedRevision: bigint; position?: Position }): Promise<'written' | 'recognised' | 'unknown'> {
    if (result.nextExpectedRevision !== lastRevision) return 'unknown';
    if (request.idempotencyKey === undefined) return 'written';
    if (result.position !== undefined && head.position !== undefined && !isAfter(result.position, head.position)) return 'recognised';
    let storedHash: string | undefined;
    try {
      storedHash = await this.storedHashAt(request.streamName, lastRevision);
    } catch {
      return 'unknown';
    }
    if (storedHash === undefined) return 'unknown';
    return storedHash === lastHash ? 'written' : 'recognised';
  }

  /** The chain hash of the stream's event at `revision` as stored (undefined: no such event, or no link). */
  private async storedHashAt(streamName: string, revision: bigint): Promise<string | undefined> {
    let hash: string | undefined;
    for await (const { event } of this.client.readStream(streamName, { fromRevision: revision, maxCount: 1 })) {
      if (event && event.revision === revision) hash = chainLinkOf(event.metadata)?.hash;
    }
    return hash;
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

  /** After an append of unknown outcome: the lane ends (a fresh one, anchored anew, replaces it); the stream is read again. */
  private headsUnknown(lane: ChainLane, streamName: string): void {
    lane.retire();
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
