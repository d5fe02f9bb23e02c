import type { AuditEntry } from '@app/projections';
import { csvField, type CsvLayout } from '../read-models/timeline-export';

const COLUMNS = [
  'commitPosition',
  'preparePosition',
  'eventId',
  'stream',
  'revision',
  'type',
  'actor',
  'role',
  'recordedAt',
  'occurredOn',
  'command',
  'requestId',
  'correlationId',
  'causationId',
  'reason',
  'source',
  'chainHash',
  'data',
] as const;

/** The audit trail as CSV: one line per event, the source and payload as JSON in their cells. */
export const AUDIT_CSV: CsvLayout<AuditEntry> = {
  columns: COLUMNS,
  row(entry) {
    const values: Record<(typeof COLUMNS)[number], unknown> = {
      commitPosition: entry.position.commit,
      preparePosition: entry.position.prepare,
      eventId: entry.eventId,
      stream: entry.stream,
      revision: entry.revision,
      type: entry.type,
      actor: entry.actor.id,
      role: entry.actor.role,
      recordedAt: entry.recordedAt,
      occurredOn: entry.occurredOn,
      command: entry.command,
      requestId: entry.requestId,
      correlationId: entry.correlationId,
      causationId: entry.causationId,
      reason: entry.reason,
      source: entry.source,
      chainHash: entry.chain?.hash,
      data: entry.data,
    };
    return `${COLUMNS.map((column) => csvField(values[column])).join(',')}\r\n`;
  },
};
