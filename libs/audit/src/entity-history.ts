import type { AuditPosition } from './audited-event';
import { auditFieldsOf, type AuditFields } from './audit-fields';

/** One stored event of an entity's stream, as read from the event store. */
export interface EntityEvent {
  position: AuditPosition | null;
  revision: bigint;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** An event of the history, with what auditors ask of it and, for a correction or retraction, what it changed. */
export interface EntityHistoryEvent extends AuditFields {
  position: AuditPosition | null;
  revision: string;
  eventId: string;
  type: string;
  data: unknown;
  /** A correction: the entry it corrects, the event that first recorded it, and each field's value before and after. */
  corrects?: { entryId: string; recordedBy: string | null; changes: Record<string, FieldChange> };
  /** A retraction: the entry withdrawn and the event that first recorded it. */
  retracts?: { entryId: string; recordedBy: string | null };
}

/** A recorded fact as first written and as it stands now, with every correction and the retraction if any. */
export interface EntityHistoryEntry {
  entryId: string;
  type: string;
  state: 'recorded' | 'corrected' | 'retracted';
  recordedBy: string;
  original: Record<string, unknown>;
  current: Record<string, unknown>;
  corrections: { eventId: string; recordedAt: string | null; actorId: string | null; reason: string | null; changes: Record<string, FieldChange> }[];
  retraction: { eventId: string; recordedAt: string | null; actorId: string | null; reason: string | null } | null;
}

export interface EntityHistory {
  events: EntityHistoryEvent[];
  entries: EntityHistoryEntry[];
}

const CORRECTION = 'FactCorrected';
const RETRACTION = 'EntryRetracted';

/**
 * An entity's full history from its stream, oldest first. History is never edited, so a correction is a later
 * event naming the entry; here each one is set beside the value it replaced, and each entry shows its original and
 * its current value. Pure: the caller reads the stream.
 */
export function entityHistory(stream: readonly EntityEvent[]): EntityHistory {
  const entries = new Map<string, EntityHistoryEntry>();
  const events: EntityHistoryEvent[] = [];
  for (const stored of stream) {
    const data = asRecord(stored.data);
    const fields = auditFieldsOf(stored.data, stored.metadata);
    const event: EntityHistoryEvent = { position: stored.position, revision: stored.revision.toString(), eventId: stored.eventId, type: stored.type, data: stored.data, ...fields };
    const entryId = typeof data.entryId === 'string' ? data.entryId : undefined;
    const entry = entryId === undefined ? undefined : entries.get(entryId);
    const reason = typeof data.reason === 'string' ? data.reason : fields.reason;
    if (stored.type === CORRECTION && entryId !== undefined) {
      const corrections = asRecord(data.corrections);
      const changes: Record<string, FieldChange> = {};
      for (const [field, to] of Object.entries(corrections)) changes[field] = { from: entry?.current[field] ?? null, to };
      event.corrects = { entryId, recordedBy: entry?.recordedBy ?? null, changes };
      if (entry && entry.state !== 'retracted') {
        entry.current = { ...entry.current, ...corrections };
        entry.state = 'corrected';
        entry.corrections.push({ eventId: stored.eventId, recordedAt: fields.recordedAt, actorId: fields.actorId, reason, changes });
      }
    } else if (stored.type === RETRACTION && entryId !== undefined) {
      event.retracts = { entryId, recordedBy: entry?.recordedBy ?? null };
      if (entry && entry.state !== 'retracted') {
        entry.state = 'retracted';
        entry.retraction = { eventId: stored.eventId, recordedAt: fields.recordedAt, actorId: fields.actorId, reason };
      }
    } else if (entryId !== undefined && entry === undefined) {
      entries.set(entryId, { entryId, type: stored.type, state: 'recorded', recordedBy: stored.eventId, original: data, current: data, corrections: [], retraction: null });
    }
    events.push(event);
  }
  return { events, entries: [...entries.values()] };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) ? (value as Record<string, unknown>) : {};
}
