import type { CellKindOf } from './import-row';
import { parseCsvRows } from './csv-rows.parser';

const kinds: CellKindOf = (_fact, path) => {
  const column = path.join('.');
  if (column === 'memberCount') return 'number';
  if (column === 'topics') return 'list';
  if (column === 'participants') return 'json';
  return 'text';
};

describe('parseCsvRows', () => {
  it('reads each row under the header, dotted columns as nested objects, empty cells left out', () => {
    const parsed = parseCsvRows('fact,id,place.name,place.regionId,source.title\nMeetingHeld,m1,Kazan,kazan,Minutes\nRegionRegistered,kazan,,,\n');
    expect(parsed).toEqual({
      rows: [
        { line: 2, fields: { fact: 'MeetingHeld', id: 'm1', place: { name: 'Kazan', regionId: 'kazan' }, source: { title: 'Minutes' } } },
        { line: 3, fields: { fact: 'RegionRegistered', id: 'kazan' } },
      ],
      problems: [],
      rowCount: 2,
    });
  });

  it("numbers a row by the line it starts on, when a quoted cell spans lines and blank lines come between", () => {
    const text = 'fact,summary\nContactEstablished,"First contact,\nduring the ""visit""\n\nof the President"\n\nMeetingHeld,short\n,\nMeetingHeld,last';
    const parsed = parseCsvRows(text);
    expect(parsed.rows.map((row) => [row.line, row.fields.summary])).toEqual([
      [2, 'First contact,\nduring the "visit"\n\nof the President'],
      [7, 'short'],
      [9, 'last'],
    ]);
    expect(parsed.rowCount).toBe(3);
  });

  it('counts lines the same in a file with CRLF line ends, and keeps the CRLF inside a quoted cell', () => {
    const parsed = parseCsvRows('fact,summary\r\nA,"one\r\ntwo"\r\n\r\nB,three\r\n');
    expect(parsed.rows.map((row) => [row.line, row.fields.summary])).toEqual([
      [2, 'one\r\ntwo'],
      [5, 'three'],
    ]);
  });

  it('ignores the byte order mark a spreadsheet writes before the header', () => {
    const parsed = parseCsvRows('\uFEFFfact,name\nRegionRegistered,Kazan\n');
    expect(parsed.rows).toEqual([{ line: 2, fields: { fact: 'RegionRegistered', name: 'Kazan' } }]);
  });

  it('reads cells by their kind: numbers, lists split at ";" or written as JSON, JSON values', () => {
    const parsed = parseCsvRows(
      'fact,memberCount,topics,participants\n' +
        'A,130,logistics; rail ;,"[{""name"":""Minister"",""level"":""minister""}]"\n' +
        'B,many,"[""a;b""]",\n',
      { cellKind: kinds },
    );
    expect(parsed.rows.map((row) => row.fields)).toEqual([
      { fact: 'A', memberCount: 130, topics: ['logistics', 'rail'], participants: [{ name: 'Minister', level: 'minister' }] },
      // Not a number: kept as written, for the validation to name the field.
      { fact: 'B', memberCount: 'many', topics: ['a;b'] },
    ]);
  });

  it('asks for the kind of a cell with the fact the row names and the column path', () => {
    const asked: string[] = [];
    parseCsvRows('fact,place.name\nMeetingHeld,Kazan\n,Leipzig\n', { cellKind: (fact, path) => (asked.push(`${fact}:${path.join('.')}`), 'text') });
    expect(asked).toEqual(['MeetingHeld:place.name', 'undefined:place.name']);
  });

  it('fills lists from columns with an item index', () => {
    const parsed = parseCsvRows('fact,participants.0.name,participants.0.level,participants.1.name\nMeetingHeld,Minister,minister,Delegation\n');
    expect(parsed.rows[0].fields).toEqual({ fact: 'MeetingHeld', participants: [{ name: 'Minister', level: 'minister' }, { name: 'Delegation' }] });
  });

  it('reports a cell that should hold JSON and does not, naming the line and column, and reads the other rows', () => {
    const parsed = parseCsvRows('fact,participants\nMeetingHeld,[{name}]\nMeetingHeld,[]\n', { cellKind: kinds });
    expect(parsed.problems).toEqual([{ line: 2, fact: 'MeetingHeld', code: 'MALFORMED_CELL', field: 'participants', message: expect.stringMatching(/^line 2, column participants is not valid JSON/) }]);
    expect(parsed.rows).toEqual([{ line: 3, fields: { fact: 'MeetingHeld', participants: [] } }]);
    expect(parsed.rowCount).toBe(2);
  });

  it('refuses a row with more cells than the header has columns, and takes one with fewer', () => {
    const parsed = parseCsvRows('fact,name,kind\nRegionRegistered,Kazan,city,extra\nRegionRegistered,Kazan\n');
    expect(parsed.problems).toEqual([{ line: 2, code: 'MALFORMED_ROW', message: 'line 2 has 4 cells, but the header names 3 columns' }]);
    expect(parsed.rows).toEqual([{ line: 3, fields: { fact: 'RegionRegistered', name: 'Kazan' } }]);
  });

  it('reports two columns that set the same field', () => {
    const parsed = parseCsvRows('fact,place,place.name\nMeetingHeld,"{""name"":""Kazan""}",Kazan\n', { cellKind: (_fact, path) => (path.length === 1 && path[0] === 'place' ? 'json' : 'text') });
    expect(parsed.problems).toEqual([expect.objectContaining({ line: 2, code: 'MALFORMED_CELL', field: 'place.name' })]);
  });

  it('reports broken quoting at the line of the row where it starts, keeping the rows before it', () => {
    const parsed = parseCsvRows('fact,name\r\nA,"one\r\nline"\r\nB,two\r\nC,"bad"quote\r\nD,four\r\n');
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(parsed.problems).toEqual([{ line: 5, code: 'MALFORMED_FILE', message: expect.stringMatching(/^line 5 is not valid CSV: a quote closes a cell .*nothing from there on was read$/) }]);
  });

  it('reports a quoted cell that is never closed', () => {
    const parsed = parseCsvRows('fact,name\nA,ok\nB,"never closed\nC,more\n');
    expect(parsed.problems).toEqual([expect.objectContaining({ line: 3, code: 'MALFORMED_FILE', message: expect.stringContaining('never closed') })]);
  });

  it.each([
    ['no fact column', 'name,kind\nKazan,city\n', /names no 'fact' column/],
    ['a column named twice', 'fact,name,name\nA,b,c\n', /names column 'name' twice/],
    ['an empty column name', 'fact,,name\nA,b,c\n', /empty name/],
    ['a column reaching the prototype', 'fact,__proto__.polluted\nA,yes\n', /may not name '__proto__'/],
    ['a huge list index', 'fact,participants.5000.name\nA,b\n', /items are numbered 0 to 999/],
  ])('refuses a header with %s, at line 1', (_case, text, message) => {
    const parsed = parseCsvRows(text);
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toEqual([{ line: 1, code: 'MALFORMED_FILE', message: expect.stringMatching(message) }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads nothing from an empty file or one of blank lines', () => {
    expect(parseCsvRows('')).toEqual({ rows: [], problems: [], rowCount: 0 });
    expect(parseCsvRows('\n\r\n\n')).toEqual({ rows: [], problems: [], rowCount: 0 });
    expect(parseCsvRows('fact,name\n')).toEqual({ rows: [], problems: [], rowCount: 0 });
  });
});
