import { Problem } from '../problems/problem';

/** One thing wrong with one row: where it is, which fact it meant to record, the field at fault and why. */
export interface ImportRowError {
  line: number;
  fact?: string;
  field?: string;
  code: string;
  message: string;
}

/** Some rows are bad: every one of them is listed, and nothing was appended. */
export function importRejected(errors: readonly ImportRowError[], rows: number): Problem {
  const badRows = new Set(errors.map((error) => error.line)).size;
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new Problem(
    422,
    'IMPORT_REJECTED',
    `${badRows} of ${rows} rows cannot be imported, so nothing was: line ${first.line}: ${first.message}${more}`,
    undefined,
    undefined,
    { errors, rows, rejectedRows: badRows },
  );
}

/** More rows than one import takes. */
export function importTooLarge(detail: string): Problem {
  return new Problem(413, 'IMPORT_TOO_LARGE', detail);
}
