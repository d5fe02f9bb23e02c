import type { ResolvedEvent } from '@eventstore/db-client';
import { isEventMetadata, type EventMetadata, type EventSchemas } from '@app/event-store';

/** A position in `$all`. Compared as a pair, commit first, as EventStoreDB orders the log. */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

/** One event of `$all` as projections see it: upcast payload, our metadata when it has it, its place in the log. */
export interface ProjectedEvent {
  eventId: string;
  streamId: string;
  revision: bigint;
  position: LogPosition;
  type: string;
  data: Record<string, unknown>;
  /** Absent for events that Kontakt did not write (another application's streams in the same database). */
  metadata?: EventMetadata;
  /** When the event store stored it, in ms since the epoch. */
  createdMs: number;
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/**
 * The event a subscription delivered, or undefined for what projections never look at: system events, links whose
 * target is gone, and payloads that are not JSON.
 */
export function toProjectedEvent(resolved: ResolvedEvent, schemas: EventSchemas): ProjectedEvent | undefined {
  const event = resolved.event;
  if (!event || event.streamId.startsWith('$') || event.type.startsWith('$') || event.isJson !== true) return undefined;
  const position = event.position;
  if (position === undefined) return undefined;
  const metadata = isEventMetadata(event.metadata) ? event.metadata : undefined;
  const raw = (event.data ?? {}) as Record<string, unknown>;
  const data = metadata ? schemas.upcast(event.type, metadata.schemaVersion, raw) : raw;
  return {
    eventId: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: { commit: position.commit, prepare: position.prepare },
    type: event.type,
    data,
    metadata,
    createdMs: event.created instanceof Date ? event.created.getTime() : Number(event.created),
  };
}

/** When we wrote the event down: our metadata's `recordedAt`, else the store's own timestamp. */
export function recordedAtMs(event: ProjectedEvent): number {
  const recorded = event.metadata ? Date.parse(event.metadata.recordedAt) : NaN;
  return Number.isFinite(recorded) ? recorded : event.createdMs;
}
