import type { ImportRow, ParsedRows, RowProblem } from './import-row';
import { describeJsonValue, isPlainObject } from './plain-object';

/** The items of a JSON array as rows, each numbered by its position from 1 (a file has lines; an array has items). */
export function rowsOfJsonArray(items: readonly unknown[]): ParsedRows {
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  items.forEach((item, index) => {
    const line = index + 1;
    if (isPlainObject(item)) rows.push({ line, fields: item });
    else problems.push({ line, code: 'MALFORMED_ROW', message: `item ${line} must be a JSON object, not ${describeJsonValue(item)}` });
  });
  return { rows, problems, rowCount: items.length };
}
