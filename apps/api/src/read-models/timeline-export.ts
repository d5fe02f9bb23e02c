import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { TimelineItem } from '@app/projections';
import type { ExportFormat } from '../shared-dto/page-query';

const CSV_COLUMNS = [
  'entryKey',
  'entryId',
  'cooperationId',
  'type',
  'occurredOn',
  'precision',
  'state',
  'version',
  'recordedAt',
  'recordedBy',
  'source',
  'corrections',
  'retractionReason',
  'data',
] as const;

/** RFC 4180: quote every field that holds a quote, a comma or a line break; double the quotes inside. */
export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(item: TimelineItem): string {
  const source = (item.data.source ?? item.recorded.source) as { title?: string } | undefined;
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    entryKey: item.entryKey,
    entryId: item.entryId,
    cooperationId: item.cooperationId,
    type: item.type,
    occurredOn: item.occurredOn,
    precision: item.precision,
    state: item.state,
    version: item.version,
    recordedAt: item.recorded.recordedAt,
    recordedBy: item.recorded.actor?.id,
    source: source?.title,
    corrections: item.corrections.length,
    retractionReason: item.retraction?.reason,
    data: item.data,
  };
  return `${CSV_COLUMNS.map((column) => csvField(values[column])).join(',')}\r\n`;
}

/** Streams a whole timeline as CSV or NDJSON, page by page from the store as the client reads: never buffered whole. */
export function sendTimelineExport(reply: FastifyReply, format: Exclude<ExportFormat, 'json'>, items: AsyncIterable<TimelineItem>, fileName: string): void {
  sendExport(reply, format, items, fileName, { columns: CSV_COLUMNS, row: csvRow });
}

/** How one kind of item becomes a CSV line (RFC 4180, CRLF-terminated) under a header of `columns`. */
export interface CsvLayout<T> {
  columns: readonly string[];
  row(item: T): string;
}

/** Streams items as CSV or NDJSON as the client reads them: the source is pulled page by page, never buffered whole. */
export function sendExport<T>(reply: FastifyReply, format: Exclude<ExportFormat, 'json'>, items: AsyncIterable<T>, fileName: string, csv: CsvLayout<T>): void {
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield `${csv.columns.join(',')}\r\n`;
    for await (const item of items) yield format === 'csv' ? csv.row(item) : `${JSON.stringify(item)}\n`;
  }
  void reply
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}.${format}"`)
    .send(Readable.from(lines(), { objectMode: false }));
}
