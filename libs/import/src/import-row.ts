/** One row of an import file: the fields it gives, nested as a JSON body would be, and where it sits in the file. */
export interface ImportRow {
  /**
   * The physical line the row starts on, counted from 1 (a CSV row whose quoted cell spans lines starts on its first
   * line; the header is line 1). For a JSON array, the item's position in the array, also from 1.
   */
  readonly line: number;
  readonly fields: Record<string, unknown>;
}

/** Why a row (or the file from a row on) could not be read. */
export interface RowProblem {
  readonly line: number;
  /** `MALFORMED_ROW` (not an object, too many cells), `MALFORMED_CELL` (a cell that does not hold its kind of value), `MALFORMED_FILE` (unreadable from this line on). */
  readonly code: RowProblemCode;
  readonly message: string;
  /** The column or field at fault, where there is one. */
  readonly field?: string;
  /** The fact the row names, where it could be read. */
  readonly fact?: string;
}

export type RowProblemCode = 'MALFORMED_ROW' | 'MALFORMED_CELL' | 'MALFORMED_FILE';

/** A file read into rows. Rows with a problem are left out of `rows`; `rowCount` counts them too. */
export interface ParsedRows {
  readonly rows: readonly ImportRow[];
  readonly problems: readonly RowProblem[];
  /** Data rows read (blank lines and the CSV header not counted), good or not. */
  readonly rowCount: number;
}

/**
 * How to read a CSV cell, which is always text in the file: `text` as written; `number` and `boolean` when it is
 * written as one (else kept as text, for the validation to name the field); `list` a JSON array, or else items
 * separated by `;`; `json` a JSON value (an object, a list of objects).
 */
export type CellKind = 'text' | 'number' | 'boolean' | 'list' | 'json';

/** The kind of the cell at `path` (the column's name split at dots) of a row naming `fact` (undefined if it names none). */
export type CellKindOf = (fact: string | undefined, path: readonly string[]) => CellKind;

/** The column (or field) every row names its fact in. */
export const FACT_FIELD = 'fact';
