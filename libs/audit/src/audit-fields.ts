import { chainLinkOf, isEventMetadata } from '@app/event-store';

/** What an auditor asks of every event, drawn from its payload and metadata. */
export interface AuditFields {
  actorId: string | null;
  role: string | null;
  recordedAt: string | null;
  /** When the fact happened, as the source dates it (`"2017-10"`), for events that carry a date. */
  occurredOn: string | null;
  correlationId: string | null;
  causationId: string | null;
  requestId: string | null;
  /** The command that appended it (`RecordMeeting`), when the writer recorded it. */
  command: string | null;
  reason: string | null;
  source: Record<string, unknown> | null;
  chainHash: string | null;
  streamPrev: string | null;
  /** Single-writer (v1) links only: the event appended before it. */
  globalPrev: string | null;
  /** Lane (v2) links only: the lane that wrote it, and the lane's previous event (or, for its first, its anchor). */
  lane: string | null;
  lanePrev: string | null;
}

// The date field each kind of fact is dated by; the first present wins.
const DATE_FIELDS = ['occurredOn', 'since', 'openedOn', 'from', 'until'] as const;

export function auditFieldsOf(data: unknown, metadata: unknown): AuditFields {
  const known = isEventMetadata(metadata) ? metadata : undefined;
  const payload = data !== null && typeof data === 'object' && !(data instanceof Uint8Array) ? (data as Record<string, unknown>) : {};
  const date = DATE_FIELDS.map((field) => payload[field]).find((value) => typeof value === 'string');
  const source = known?.source ?? (isRecord(payload.source) ? payload.source : undefined);
  const link = chainLinkOf(metadata);
  return {
    actorId: known?.actor.id ?? null,
    role: known?.actor.role ?? null,
    recordedAt: known?.recordedAt ?? null,
    occurredOn: (date as string | undefined) ?? null,
    correlationId: known?.correlationId ?? null,
    causationId: known?.causationId ?? null,
    requestId: known?.requestId ?? null,
    command: typeof known?.command === 'string' ? known.command : null,
    reason: known?.reason ?? null,
    source: source ? { ...source } : null,
    chainHash: link?.hash ?? null,
    streamPrev: link?.streamPrev ?? null,
    globalPrev: link?.v === 1 ? link.globalPrev : null,
    lane: link?.v === 2 ? link.lane : null,
    lanePrev: link?.v === 2 ? link.lanePrev : null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
