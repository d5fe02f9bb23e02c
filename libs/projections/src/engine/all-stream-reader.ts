import { BACKWARDS, END, START, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventSchemas } from '@app/event-store';
import { comparePositions, toProjectedEvent, type LogPosition, type ProjectedEvent } from '../events/projected-event';

export interface AllChunk {
  events: ProjectedEvent[];
  /** Position of the last record read (projected or not): where the next chunk starts. */
  last?: LogPosition;
  /** Records read, system events included; fewer than asked for means the end of `$all` was reached. */
  records: number;
}

/**
 * Reads up to `maxCount` records of `$all` after `after`, to the end of the call. A read is always drained: leaving a
 * read of @eventstore/db-client 6 early leaves its call open, and `client.dispose()` then never finishes.
 */
export async function readAllChunk(client: EventStoreDBClient, schemas: EventSchemas, from: LogPosition | undefined, maxCount: number): Promise<AllChunk> {
  // A negative position is a checkpoint from before the first record.
  const after = from === undefined || from.commit < 0n ? undefined : from;
  const events: ProjectedEvent[] = [];
  let last: LogPosition | undefined;
  let records = 0;
  // Start points of reads are inclusive: the record at `after` comes back first and is skipped.
  for await (const resolved of client.readAll({ fromPosition: after ?? START, maxCount: maxCount + (after ? 1 : 0) })) {
    const position = resolved.event?.position ?? resolved.link?.position;
    if (position === undefined || (after && comparePositions(position, after) <= 0)) continue;
    records += 1;
    last = { commit: position.commit, prepare: position.prepare };
    const projected = toProjectedEvent(resolved, schemas);
    if (projected) events.push(projected);
  }
  return { events, last, records };
}

/** The position of the last record in `$all`, or undefined when it is empty. */
export async function headPosition(client: EventStoreDBClient): Promise<LogPosition | undefined> {
  let head: LogPosition | undefined;
  for await (const resolved of client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
    const position = resolved.event?.position ?? resolved.link?.position;
    if (position) head = { commit: position.commit, prepare: position.prepare };
  }
  return head;
}

/**
 * How far behind `position` is: events after it (counted up to `cap`, system events not counted) and the age of the
 * first of them.
 */
export async function lagBehind(client: EventStoreDBClient, schemas: EventSchemas, position: LogPosition | undefined, cap: number, now: number): Promise<{ events: number; capped: boolean; seconds: number }> {
  const chunk = await readAllChunk(client, schemas, position, cap);
  const first = chunk.events[0];
  return {
    events: chunk.events.length,
    capped: chunk.records >= cap,
    seconds: first === undefined ? 0 : Math.max(0, (now - first.createdMs) / 1000),
  };
}
