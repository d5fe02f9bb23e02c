import { parseCsvRows, type CsvRowsOptions } from './csv-rows.parser';
import type { ParsedRows } from './import-row';
import { parseNdjsonRows } from './ndjson-rows.parser';

export const IMPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The rows of an import file in either format. */
export function parseImportRows(text: string, format: ImportFormat, options: CsvRowsOptions = {}): ParsedRows {
  return format === 'csv' ? parseCsvRows(text, options) : parseNdjsonRows(text);
}
