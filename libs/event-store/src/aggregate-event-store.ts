import { EventStoreDBClient, jsonEvent, NO_STREAM, StreamNotFoundError, type ResolvedEvent } from '@eventstore/db-client';
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
  /** Each event's metadata as stored (the command's, with the event type's schema version). */
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
 * Reads and writes aggregate streams through `@eventstore/db-client`: JSON payloads, metadata beside them, schema
 * versions with upcasting on read, optimistic concurrency, idempotent retries, client errors mapped to ours.
 */
export class AggregateEventStore {
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
    if (events.length > 0) return { events, revision: events[events.length - 1].revision };
    return { events, revision: fromRevision > 0n ? fromRevision - 1n : 'no_stream' };
  }

  async append<E extends DomainEventShape>(request: AppendRequest<E>): Promise<AppendResult> {
    const { streamName, expectedRevision, events, metadata, idempotencyKey } = request;
    const stored = events.map((event): EventMetadata => ({ ...metadata, schemaVersion: this.schemas.currentVersion(event.type) }));
    const eventData = events.map((event, index) =>
      jsonEvent({
        id: idempotencyKey ? deterministicEventId(idempotencyKey, streamName, index) : undefined,
        type: event.type,
        data: event.data as Record<string, never>,
        metadata: stored[index],
      }),
    );
    try {
      const result = await this.client.appendToStream(streamName, eventData, {
        expectedRevision: expectedRevision === 'no_stream' ? NO_STREAM : expectedRevision,
      });
      return { nextRevision: result.nextExpectedRevision, position: result.position, eventIds: eventData.map((event) => event.id), metadata: stored };
    } catch (error) {
      throw mapClientError(error, streamName);
    }
  }
}
