import { auditFieldsOf } from '@app/audit';
import { eraseFromJsonRows } from '../engine/erased-person-rows';
import type { Projection, ProjectionDb, ProjectionDefinition, ReadModelKind } from '../engine/projection';
import { HistoryReducer } from '../history/history-reducer';
import { insertInChunks } from '../engine/reference-rows';
import { recordedAtMs, type ProjectedEvent } from '../events/projected-event';
import { AUDIT_EVENTS, AUDIT_TABLES, type AuditEventRow } from './audit.tables';

export const AUDIT_PROJECTION = 'audit';

/**
 * The audit trail: one row per event with who did it in which role, when it was recorded and when it happened, the
 * request, correlation and command behind it, the reason and source given, and its chain link. Rows are only ever
 * added; the authoritative record stays the event store (see `GET /audit/entities/:stream` and `GET /audit/verify`).
 */
export class AuditProjection implements Projection {
  readonly name = AUDIT_PROJECTION;
  // 2: lane links (lane, lane_prev).
  readonly schemaVersion = 2;
  readonly tables = AUDIT_TABLES;

  async createTables(db: ProjectionDb, indexSuffix: string, kind: ReadModelKind): Promise<void> {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable(AUDIT_EVENTS)
      .addColumn('commit_position', bigint, (column) => column.notNull())
      .addColumn('prepare_position', bigint, (column) => column.notNull())
      .addColumn('event_id', 'text', (column) => column.notNull())
      .addColumn('stream_id', 'text', (column) => column.notNull())
      .addColumn('revision', bigint, (column) => column.notNull())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('role', 'text')
      .addColumn('recorded_at', 'text')
      .addColumn('recorded_ms', bigint, (column) => column.notNull())
      .addColumn('occurred_on', 'text')
      .addColumn('correlation_id', 'text')
      .addColumn('causation_id', 'text')
      .addColumn('request_id', 'text')
      .addColumn('command', 'text')
      .addColumn('reason', 'text')
      .addColumn('source', 'text')
      .addColumn('data', 'text', (column) => column.notNull())
      .addColumn('chain_hash', 'text')
      .addColumn('stream_prev', 'text')
      .addColumn('global_prev', 'text')
      .addColumn('lane', 'text')
      .addColumn('lane_prev', 'text')
      .addPrimaryKeyConstraint(`${AUDIT_EVENTS}_pk_${indexSuffix}`, ['commit_position', 'prepare_position'])
      .execute();
  }

  async createQueryIndexes(db: ProjectionDb, indexSuffix: string): Promise<void> {
    // Each filter with the keyset order after it: a page filtered on one of them reads its rows in order from one
    // index, however deep the cursor.
    for (const [name, column] of [
      ['actor', 'actor_id'],
      ['stream', 'stream_id'],
      ['type', 'type'],
      ['correlation', 'correlation_id'],
      ['recorded', 'recorded_ms'],
    ] as const) {
      await db.schema.createIndex(`audit_events_by_${name}_${indexSuffix}`).on(AUDIT_EVENTS).columns([column, 'commit_position', 'prepare_position']).execute();
    }
  }

  async load(): Promise<void> {
    // Nothing kept in memory between batches.
  }

  reset(): void {
    // Nothing kept in memory between batches.
  }

  async apply(events: readonly ProjectedEvent[], trx: ProjectionDb): Promise<void> {
    await insertInChunks(trx, AUDIT_EVENTS, events.map(auditRow) as unknown as Record<string, unknown>[]);
    // The trail keeps each event's payload as revealed: an erased person's name must go from it too (the events
    // themselves, and so the chain, stay as they are).
    for (const event of events) {
      const personId = HistoryReducer.personErasedBy(event);
      if (personId !== undefined) await eraseFromJsonRows(trx, AUDIT_EVENTS, 'data', ['commit_position', 'prepare_position'], personId);
    }
  }
}

export function auditRow(event: ProjectedEvent): AuditEventRow {
  const fields = auditFieldsOf(event.data, event.metadata);
  return {
    commit_position: Number(event.position.commit),
    prepare_position: Number(event.position.prepare),
    event_id: event.eventId,
    stream_id: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    actor_id: fields.actorId,
    role: fields.role,
    recorded_at: fields.recordedAt,
    recorded_ms: recordedAtMs(event),
    occurred_on: fields.occurredOn,
    correlation_id: fields.correlationId,
    causation_id: fields.causationId,
    request_id: fields.requestId,
    command: fields.command,
    reason: fields.reason,
    source: fields.source === null ? null : JSON.stringify(fields.source),
    data: JSON.stringify(event.data),
    chain_hash: fields.chainHash,
    stream_prev: fields.streamPrev,
    global_prev: fields.globalPrev,
    lane: fields.lane,
    lane_prev: fields.lanePrev,
  };
}

export const auditProjection: ProjectionDefinition = {
  name: AUDIT_PROJECTION,
  schemaVersion: 2,
  create: () => new AuditProjection(),
};
