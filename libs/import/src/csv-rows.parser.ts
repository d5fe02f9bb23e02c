import { parse } from 'csv-parse/sync';
import { withoutByteOrderMark } from './byte-order-mark';
import { columnPath, setAtPath } from './column-path';
import { cellValue } from './csv-cell-value';
import { FACT_FIELD, type CellKindOf, type ImportRow, type ParsedRows, type RowProblem } from './import-row';
import { LineIndex } from './line-index';

export interface CsvRowsOptions {
  /** How to read each cell (see CellKind); without it every cell is text. */
  cellKind?: CellKindOf;
}

interface CsvRecord {
  cells: string[];
  line: number;
}

interface Column {
  name: string;
  path: readonly string[];
}

/**
 * CSV (RFC 4180: comma-separated, `"` quotes, `""` inside quotes, cells may span lines) with a header row naming the
 * columns. A column named with dots fills a nested object (`place.name`, `source.title`), with a list index
 * (`participants.0.name`) a list; an empty cell gives nothing, so one header can serve rows of different facts.
 * Each row's line is the physical line it starts on. A row with more cells than the header has columns is refused;
 * one with fewer has the rest empty. Broken quoting makes the rest of the file unreadable: it is reported at the
 * row where it starts, and what came before is still read.
 */
export function parseCsvRows(text: string, options: CsvRowsOptions = {}): ParsedRows {
  const bytes = Buffer.from(withoutByteOrderMark(text), 'utf8');
  const lines = new LineIndex(bytes);
  const records: CsvRecord[] = [];
  let end = 0;
  let unreadable: RowProblem | undefined;
  try {
    parse(bytes, {
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], info) => {
        records.push({ cells, line: lines.firstLineFrom(end) });
        end = info.bytes;
        return null;
      },
    });
  } catch (error) {
    const line = lines.firstLineFrom(end);
    unreadable = { line, code: 'MALFORMED_FILE', message: `line ${line} is not valid CSV: ${csvErrorText(error)}; nothing from there on was read` };
  }
  const [header, ...data] = records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  if (header === undefined) return { rows: [], problems: unreadable ? [unreadable] : [], rowCount: 0 };
  const columns = columnsOf(header);
  if (!Array.isArray(columns)) return { rows: [], problems: [columns], rowCount: data.length };

  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of data) {
    const read = rowOf(record, columns, options.cellKind);
    if (Array.isArray(read)) problems.push(...read);
    else rows.push(read);
  }
  if (unreadable) problems.push(unreadable);
  return { rows, problems, rowCount: data.length };
}

function columnsOf(header: CsvRecord): Column[] | RowProblem {
  const problem = (message: string): RowProblem => ({ line: header.line, code: 'MALFORMED_FILE', message: `the header row (line ${header.line}) ${message}` });
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const cell of header.cells) {
    const name = cell.trim();
    const path = columnPath(name);
    if (!Array.isArray(path)) return problem(`is not usable: ${path.problem}`);
    if (seen.has(name)) return problem(`names column '${name}' twice`);
    seen.add(name);
    columns.push({ name, path });
  }
  if (!seen.has(FACT_FIELD)) return problem(`names no '${FACT_FIELD}' column; every row must say which fact it records`);
  return columns;
}

function rowOf(record: CsvRecord, columns: readonly Column[], cellKind: CellKindOf | undefined): ImportRow | RowProblem[] {
  const { line, cells } = record;
  if (cells.length > columns.length) {
    return [{ line, code: 'MALFORMED_ROW', message: `line ${line} has ${cells.length} cells, but the header names ${columns.length} columns` }];
  }
  const factCell = cells[columns.findIndex((column) => column.name === FACT_FIELD)]?.trim();
  const fact = factCell === undefined || factCell === '' ? undefined : factCell;
  const fields: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  cells.forEach((cell, index) => {
    if (cell.trim() === '') return;
    const { name, path } = columns[index];
    const read = cellValue(name === FACT_FIELD ? 'text' : (cellKind?.(fact, path) ?? 'text'), cell);
    const conflict = 'problem' in read ? undefined : setAtPath(fields, path, read.value);
    const named = fact === undefined ? {} : { fact };
    if ('problem' in read) problems.push({ line, ...named, code: 'MALFORMED_CELL', field: name, message: `line ${line}, column ${name} ${read.problem}` });
    else if (conflict !== undefined) problems.push({ line, ...named, code: 'MALFORMED_CELL', field: name, message: `line ${line}: ${conflict}` });
  });
  return problems.length > 0 ? problems : { line, fields };
}

// csv-parse names the line too, but miscounts it in CRLF files: leave its line out, ours is in the message.
function csvErrorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted cell is never closed';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'a quote closes a cell but is followed by more text (write "" for a quote inside a quoted cell)';
  return (error instanceof Error ? error.message : String(error)).replace(/\s*at line \d+/g, '');
}
