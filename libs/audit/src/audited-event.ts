import type { ResolvedEvent } from '@eventstore/db-client';

/** A position in `$all`, as decimal strings so reports and tokens survive JSON. */
export interface AuditPosition {
  commit: string;
  prepare: string;
}

/** One record of `$all` as the verifier sees it: exactly what is stored, nothing upcast or interpreted. */
export interface AuditedEvent {
  position: AuditPosition;
  streamId: string;
  revision: bigint;
  eventId: string;
  type: string;
  /** Parsed JSON, or the bytes of a binary payload. */
  data: unknown;
  metadata: unknown;
}

/** A record of `$all` as the client resolved it, as the verifier sees it (undefined: no event, or no position). */
export function auditedEventOf(resolved: ResolvedEvent): AuditedEvent | undefined {
  const event = resolved.event;
  if (!event?.position) return undefined;
  return {
    position: { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() },
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/** System records (`$metadata`, tombstones, anything in a `$` stream) are the store's own and are not chained. */
export function isSystemRecord(event: Pick<AuditedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function comparePositions(a: AuditPosition, b: AuditPosition): number {
  const [ac, bc, ap, bp] = [BigInt(a.commit), BigInt(b.commit), BigInt(a.prepare), BigInt(b.prepare)];
  if (ac !== bc) return ac < bc ? -1 : 1;
  if (ap !== bp) return ap < bp ? -1 : 1;
  return 0;
}
