import { rowsOfJsonArray } from './json-array-rows';

describe('rowsOfJsonArray', () => {
  it('numbers items from 1 and reports those that are not objects', () => {
    expect(rowsOfJsonArray([{ fact: 'A' }, 'B', { fact: 'C' }])).toEqual({
      rows: [
        { line: 1, fields: { fact: 'A' } },
        { line: 3, fields: { fact: 'C' } },
      ],
      problems: [{ line: 2, code: 'MALFORMED_ROW', message: 'item 2 must be a JSON object, not a string' }],
      rowCount: 3,
    });
  });
});
