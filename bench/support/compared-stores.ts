import { ANY, FORWARDS, START, EventStoreDBClient, type EventData } from '@eventstore/db-client';
import type { PostgresEventStore } from './postgres-event-store';

/** What the side-by-side benchmark asks of each event store: durable appends to a stream, and reading the whole log. */
export interface ComparedStore {
  label: string;
  append(streamId: string, events: EventData[]): Promise<void>;
  /** Reads every event from the start, forwards; returns how many. */
  readAll(): Promise<number>;
}

/** The embedded node, through the official client: exactly the path the product uses. */
export function embeddedNodeStore(client: EventStoreDBClient): ComparedStore {
  return {
    label: 'embedded node',
    append: async (streamId, events) => {
      await client.appendToStream(streamId, events, { expectedRevision: ANY });
    },
    readAll: async () => {
      let events = 0;
      for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS })) if (resolved.event) events++;
      return events;
    },
  };
}

/** Rows per page when reading PostgreSQL's table: the embedded node's read pages are of the same order. */
const POSTGRES_READ_PAGE = 1_000;

export function postgresStore(store: PostgresEventStore): ComparedStore {
  return {
    label: 'PostgreSQL',
    append: (streamId, events) => store.append(streamId, events),
    readAll: () => store.readAll(POSTGRES_READ_PAGE),
  };
}
