import { CodeSums, StatusKeyCodes } from './status-key-codes';

describe('StatusKeyCodes', () => {
  it('gives each key one code, in the order keys are first met, and hands each new code over once', () => {
    const codes = new StatusKeyCodes();
    expect(['day:20171012', 'person:minister', 'day:20171012', 'organisation:network'].map((key) => codes.codeOf(key))).toEqual([0, 1, 0, 2]);
    const first = codes.takeUnsaved();
    expect(first.map((row) => [row.code, row.key])).toEqual([
      [0, 'day:20171012'],
      [1, 'person:minister'],
      [2, 'organisation:network'],
    ]);
    expect(codes.codeOf('person:minister')).toBe(1);
    expect(codes.takeUnsaved()).toEqual([]);
    // Each row's chain hashes the dictionary up to it: the same keys in the same order give the same chains.
    const again = new StatusKeyCodes();
    for (const key of ['day:20171012', 'person:minister', 'organisation:network']) again.codeOf(key);
    expect(again.takeUnsaved()).toEqual(first);
    const other = new StatusKeyCodes();
    for (const key of ['person:minister', 'day:20171012', 'organisation:network']) other.codeOf(key);
    expect(other.takeUnsaved().at(-1)!.chain).not.toBe(first.at(-1)!.chain);
  });
});

describe('CodeSums', () => {
  it('adds up the codes of many lists, growing past its first size', () => {
    const sums = new CodeSums();
    sums.addList('[0,5,5000]');
    sums.addList('[5,100000]');
    sums.addList('[]');
    const seen: [number, number][] = [];
    sums.forEach((code, count) => seen.push([code, count]));
    expect(seen).toEqual([
      [0, 1],
      [5, 2],
      [5000, 1],
      [100000, 1],
    ]);
  });
});
