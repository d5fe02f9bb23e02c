/** The audit projection's table: one row per event of `$all` (system records aside), in log order. */
export const AUDIT_EVENTS = 'audit_events';

export const AUDIT_TABLES = [AUDIT_EVENTS] as const;

export interface AuditEventRow {
  commit_position: number | string;
  prepare_position: number | string;
  event_id: string;
  stream_id: string;
  revision: number | string;
  type: string;
  actor_id: string | null;
  role: string | null;
  recorded_at: string | null;
  /** recorded_at in ms since the epoch, for time-range filters (the store's own timestamp when the event has none). */
  recorded_ms: number | string;
  occurred_on: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  request_id: string | null;
  command: string | null;
  reason: string | null;
  /** JSON text. */
  source: string | null;
  /** JSON text: the payload (upcast to its current schema version). */
  data: string;
  chain_hash: string | null;
  stream_prev: string | null;
  global_prev: string | null;
  lane: string | null;
  lane_prev: string | null;
}
