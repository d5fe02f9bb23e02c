import { BACKWARDS, START, type EventStoreDBClient } from '@eventstore/db-client';
import { auditedEventOf, comparePositions, type AuditedEvent, type AuditPosition } from './audited-event';

/** Up to `count` records of `$all` strictly before `before`, newest first; `atStart` when no older ones remain. */
export type EarlierEvents = (before: AuditPosition, count: number) => Promise<{ events: AuditedEvent[]; atStart: boolean }>;

/** The reads a verification makes of the log: the verifier's view of an event store. */
export interface AuditLog {
  /** Every record of `$all` from `from` (inclusive) or the start, in log order. */
  forward(from: AuditPosition | null): AsyncIterable<AuditedEvent>;
  /** One stream's event at `revision`; undefined when it cannot be read (none, or the stream deleted or truncated). */
  eventAt(streamId: string, revision: bigint): Promise<AuditedEvent | undefined>;
  earlier: EarlierEvents;
}

/** The AuditLog of an EventStoreDB (or the embedded node) through its client. */
export function eventStoreAuditLog(client: EventStoreDBClient): AuditLog {
  return {
    async *forward(from) {
      const fromPosition = from ? { commit: BigInt(from.commit), prepare: BigInt(from.prepare) } : START;
      for await (const resolved of client.readAll({ fromPosition })) {
        const event = auditedEventOf(resolved);
        if (event !== undefined) yield event;
      }
    },
    async eventAt(streamId, revision) {
      let found: AuditedEvent | undefined;
      try {
        for await (const resolved of client.readStream(streamId, { fromRevision: revision, maxCount: 1 })) {
          const event = auditedEventOf(resolved);
          if (event?.revision === revision) found = event;
        }
      } catch {
        // Not there (stream deleted or truncated): the event after it is checked against none.
        return undefined;
      }
      return found;
    },
    async earlier(before, count) {
      const events: AuditedEvent[] = [];
      let records = 0;
      // One more than asked, since the record at `before` may come back too. Read every page to its end: leaving the
      // loop early would abandon the call (client.dispose() then hangs).
      const fromPosition = { commit: BigInt(before.commit), prepare: BigInt(before.prepare) };
      for await (const resolved of client.readAll({ fromPosition, direction: BACKWARDS, maxCount: count + 1 })) {
        records += 1;
        const event = auditedEventOf(resolved);
        if (event !== undefined && comparePositions(event.position, before) < 0 && events.length < count) events.push(event);
      }
      return { events, atStart: records < count + 1 };
    },
  };
}
