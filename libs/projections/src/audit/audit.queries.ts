import type { ProjectionDb } from '../engine/projection';
import { AUDIT_EVENTS, type AuditEventRow } from './audit.tables';

export interface AuditFilter {
  actor?: string;
  /** The entity's stream, e.g. `cooperation-logistics-network--tatarstan`. */
  stream?: string;
  types?: readonly string[];
  correlationId?: string;
  /** Recorded at or after this moment (ms since the epoch). */
  fromMs?: number;
  /** Recorded at or before this moment (ms since the epoch). */
  toMs?: number;
}

export type AuditOrder = 'asc' | 'desc';

export interface AuditQuery extends AuditFilter {
  order?: AuditOrder;
  cursor?: string;
  limit: number;
}

/** One event of the audit trail, as API consumers see it. */
export interface AuditEntry {
  position: { commit: string; prepare: string };
  eventId: string;
  stream: string;
  revision: string;
  type: string;
  actor: { id: string | null; role: string | null };
  recordedAt: string | null;
  occurredOn: string | null;
  correlationId: string | null;
  causationId: string | null;
  requestId: string | null;
  command: string | null;
  reason: string | null;
  source: Record<string, unknown> | null;
  data: Record<string, unknown>;
  chain: { hash: string; streamPrev: string | null; lane: string | null; lanePrev: string | null; globalPrev: string | null } | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

/** A cursor that was not issued by this API, or for the other order. */
export class InvalidAuditCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
}

type Keyset = { commit: number; prepare: number };

function encodeCursor(order: AuditOrder, row: AuditEventRow): string {
  return Buffer.from(`audit:${order}:${row.commit_position}:${row.prepare_position}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, order: AuditOrder): Keyset {
  const match = /^audit:(asc|desc):(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidAuditCursorError('cursor is not one this API issued');
  if (match[1] !== order) throw new InvalidAuditCursorError(`cursor belongs to a page in ${match[1]} order, not ${order}`);
  return { commit: Number(match[2]), prepare: Number(match[3]) };
}

/** One page of the audit trail in `$all` order (keyset on the position: deep pages cost what the first does). */
export async function readAuditTrail(db: ProjectionDb, query: AuditQuery): Promise<AuditPage> {
  const order = query.order ?? 'asc';
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, order);
  const rows = await auditRows(db, query, order, after, query.limit + 1);
  const last = rows[query.limit - 1];
  return { items: rows.slice(0, query.limit).map(toEntry), nextCursor: rows.length > query.limit && last ? encodeCursor(order, last) : null };
}

/** The whole (filtered) audit trail, fetched page by page as the consumer reads. */
export async function* streamAuditTrail(db: ProjectionDb, filter: AuditFilter & { order?: AuditOrder }, pageSize = 500): AsyncGenerator<AuditEntry> {
  const order = filter.order ?? 'asc';
  let after: Keyset | undefined;
  for (;;) {
    const rows = await auditRows(db, filter, order, after, pageSize);
    for (const row of rows) yield toEntry(row);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { commit: Number(last.commit_position), prepare: Number(last.prepare_position) };
  }
}

async function auditRows(db: ProjectionDb, filter: AuditFilter, order: AuditOrder, after: Keyset | undefined, limit: number): Promise<AuditEventRow[]> {
  let select = db.selectFrom(AUDIT_EVENTS).selectAll();
  if (filter.actor !== undefined) select = select.where('actor_id', '=', filter.actor);
  if (filter.stream !== undefined) select = select.where('stream_id', '=', filter.stream);
  if (filter.correlationId !== undefined) select = select.where('correlation_id', '=', filter.correlationId);
  if (filter.types !== undefined && filter.types.length > 0) select = select.where('type', 'in', [...filter.types]);
  if (filter.fromMs !== undefined) select = select.where('recorded_ms', '>=', filter.fromMs);
  if (filter.toMs !== undefined) select = select.where('recorded_ms', '<=', filter.toMs);
  if (after !== undefined) {
    const op = order === 'asc' ? '>' : '<';
    select = select.where((eb) => eb.or([eb('commit_position', op, after.commit), eb.and([eb('commit_position', '=', after.commit), eb('prepare_position', op, after.prepare)])]));
  }
  return (await select.orderBy('commit_position', order).orderBy('prepare_position', order).limit(limit).execute()) as AuditEventRow[];
}

function toEntry(row: AuditEventRow): AuditEntry {
  return {
    position: { commit: String(row.commit_position), prepare: String(row.prepare_position) },
    eventId: row.event_id,
    stream: row.stream_id,
    revision: String(row.revision),
    type: row.type,
    actor: { id: row.actor_id, role: row.role },
    recordedAt: row.recorded_at,
    occurredOn: row.occurred_on,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    requestId: row.request_id,
    command: row.command,
    reason: row.reason,
    source: row.source === null ? null : (JSON.parse(row.source) as Record<string, unknown>),
    data: JSON.parse(row.data) as Record<string, unknown>,
    chain: row.chain_hash === null ? null : { hash: row.chain_hash, streamPrev: row.stream_prev, lane: row.lane, lanePrev: row.lane_prev, globalPrev: row.global_prev },
  };
}
