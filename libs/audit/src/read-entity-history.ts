import { StreamNotFoundError, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { entityHistory, type EntityEvent, type EntityHistory } from './entity-history';

/** The stream does not exist (never written, or deleted). */
export class EntityStreamNotFoundError extends Error {
  readonly code = 'STREAM_NOT_FOUND';
  override readonly name = 'EntityStreamNotFoundError';

  constructor(readonly streamName: string) {
    super(`no stream ${streamName} in the event store`);
  }
}

export interface ReadEntityHistoryOptions {
  /** Opens sealed personal fields (or shows them erased) before the history is made: the API's PersonalDataVault. */
  reveal?: (events: EntityEvent[]) => Promise<EntityEvent[]>;
}

/** An entity's full history, read from the event store itself (authoritative, not from a projection). */
export async function readEntityHistory(client: EventStoreDBClient, streamName: string, options: ReadEntityHistoryOptions = {}): Promise<EntityHistory> {
  const read: ResolvedEvent[] = [];
  try {
    // Read to the end before looking: an abandoned read keeps client.dispose() from finishing.
    for await (const resolved of client.readStream(streamName)) read.push(resolved);
  } catch (error) {
    if (error instanceof StreamNotFoundError) throw new EntityStreamNotFoundError(streamName);
    throw error;
  }
  const events: EntityEvent[] = [];
  for (const { event } of read) {
    if (!event) continue;
    events.push({
      position: event.position ? { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() } : null,
      revision: event.revision,
      eventId: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
  }
  return entityHistory(options.reveal ? await options.reveal(events) : events);
}
