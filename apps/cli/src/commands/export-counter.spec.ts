import { ExportCounter } from './export-counter';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('ExportCounter', () => {
  it('counts CSV rows after the header, across chunks, with line breaks inside quoted fields', () => {
    const counter = new ExportCounter('csv');
    for (const chunk of ['entryKey,type,data\r\n', 'a,MeetingHeld,"{""summary"":""two\r\nlines""}"\r', '\nb,Fair', 'Attended,x\r\n']) counter.add(bytes(chunk));
    expect(counter.rows).toBe(2);
    expect(counter.describe()).toBe('2 rows, 84 B');
  });

  it('counts NDJSON rows by line, whatever the quotes', () => {
    const counter = new ExportCounter('ndjson');
    counter.add(bytes('{"summary":"Straße \\"A\\""}\n{"a":1}\n'));
    expect(counter.rows).toBe(2);
    expect(counter.bytes).toBe(bytes('{"summary":"Straße \\"A\\""}\n{"a":1}\n').length);
  });

  it('has no rows for a header alone', () => {
    const counter = new ExportCounter('csv');
    counter.add(bytes('entryKey,type\r\n'));
    expect(counter.describe()).toBe('0 rows, 15 B');
  });
});
