import { parseImportRows, rowsOfJsonArray, type CellKindOf, type ImportFormat, type ParsedRows } from '@app/import';
import { Problem } from '../problems/problem';

/** An import file as its body parser read it (see ImportBodyParsers): UTF-8 text in one of the formats. */
export class ImportFile {
  constructor(
    readonly format: ImportFormat,
    readonly text: string,
  ) {}
}

/** The media types an import is sent as, and the format each stands for. */
export const IMPORT_MEDIA_TYPES: ReadonlyMap<string, ImportFormat> = new Map([
  ['text/csv', 'csv'],
  ['application/x-ndjson', 'ndjson'],
  ['application/ndjson', 'ndjson'],
]);

const SENT_AS = 'text/csv, application/x-ndjson, or a JSON array of rows as application/json';

/** The rows of a request body: a CSV or NDJSON file, or a JSON array (parsed by Fastify's own JSON parser). */
export function rowsOfBody(body: unknown, cellKind: CellKindOf): ParsedRows {
  if (body instanceof ImportFile) return parseImportRows(body.text, body.format, { cellKind });
  if (Array.isArray(body)) return rowsOfJsonArray(body);
  if (body === undefined) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', `an import is a file in the request body: send it as ${SENT_AS}`);
  throw Problem.badRequest(`a JSON import is an array of rows, one object per fact; or send a file as ${SENT_AS}`, '(body)');
}
