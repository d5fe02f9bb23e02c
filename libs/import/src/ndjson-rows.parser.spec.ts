import { parseNdjsonRows } from './ndjson-rows.parser';

describe('parseNdjsonRows', () => {
  it('reads one object per line, numbered by its physical line, blank lines skipped', () => {
    const parsed = parseNdjsonRows('{"fact":"RegionRegistered","id":"russia"}\n\n  \n{"fact":"RegionRegistered","id":"tatarstan","parentRegionId":"russia"}\n');
    expect(parsed).toEqual({
      rows: [
        { line: 1, fields: { fact: 'RegionRegistered', id: 'russia' } },
        { line: 4, fields: { fact: 'RegionRegistered', id: 'tatarstan', parentRegionId: 'russia' } },
      ],
      problems: [],
      rowCount: 2,
    });
  });

  it('takes CRLF line ends and a byte order mark', () => {
    const parsed = parseNdjsonRows('\uFEFF{"fact":"A"}\r\n\r\n{"fact":"B"}\r\n');
    expect(parsed.rows).toEqual([
      { line: 1, fields: { fact: 'A' } },
      { line: 3, fields: { fact: 'B' } },
    ]);
  });

  it('reports every line that is not a JSON object with its line number, and reads the others', () => {
    const parsed = parseNdjsonRows('{"fact":"A"}\n{"fact":\n[1,2]\n"text"\nnull\n{"fact":"B"}');
    expect(parsed.problems).toEqual([
      { line: 2, code: 'MALFORMED_ROW', message: expect.stringMatching(/^line 2 is not valid JSON: /) },
      { line: 3, code: 'MALFORMED_ROW', message: 'line 3 must hold one JSON object, not an array' },
      { line: 4, code: 'MALFORMED_ROW', message: 'line 4 must hold one JSON object, not a string' },
      { line: 5, code: 'MALFORMED_ROW', message: 'line 5 must hold one JSON object, not null' },
    ]);
    expect(parsed.rows.map((row) => row.line)).toEqual([1, 6]);
    expect(parsed.rowCount).toBe(6);
  });
});
