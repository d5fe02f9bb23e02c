import { formatTable, oneLine } from './text-table';

describe('formatTable', () => {
  it('aligns columns two spaces apart and leaves the last one unpadded', () => {
    expect(formatTable(['DATE', 'TYPE', 'SUMMARY'], [['2010', 'FairAttended', 'TransRussia 2010'], ['2017-10-12', 'MeetingHeld', '']])).toBe(
      ['DATE        TYPE          SUMMARY', '2010        FairAttended  TransRussia 2010', '2017-10-12  MeetingHeld'].join('\n') + '\n',
    );
  });

  it('prints only the header when there are no rows', () => {
    expect(formatTable(['A', 'B'], [])).toBe('A  B\n');
  });
});

describe('oneLine', () => {
  it('collapses line breaks and cuts long text with an ellipsis', () => {
    expect(oneLine('first\n  second', 100)).toBe('first second');
    expect(oneLine('abcdefghij', 5)).toBe('abcd…');
  });
});
