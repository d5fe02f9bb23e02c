import type { ImportRow, ParsedRows, RowProblem } from './import-row';
import { withoutByteOrderMark } from './byte-order-mark';
import { describeJsonValue, isPlainObject } from './plain-object';

/**
 * NDJSON (one JSON object per line, https://github.com/ndjson/ndjson-spec): each non-blank line is one row. Lines may
 * end in LF or CRLF; blank lines are skipped but still counted, so a row's line is its physical line in the file.
 */
export function parseNdjsonRows(text: string): ParsedRows {
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  let rowCount = 0;
  withoutByteOrderMark(text)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (content.trim() === '') return;
      rowCount += 1;
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (error) {
        problems.push({ line, code: 'MALFORMED_ROW', message: `line ${line} is not valid JSON: ${(error as Error).message}` });
        return;
      }
      if (isPlainObject(value)) rows.push({ line, fields: value });
      else problems.push({ line, code: 'MALFORMED_ROW', message: `line ${line} must hold one JSON object, not ${describeJsonValue(value)}` });
    });
  return { rows, problems, rowCount };
}
