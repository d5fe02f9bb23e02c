import { formatBar, formatBytes, formatCount, formatDuration } from './progress-text';

describe('formatBar', () => {
  it.each([
    [0, '[----------] 0%'],
    [0.52, '[#####-----] 52%'],
    [0.999, '[##########] 99%'],
    [1, '[##########] 100%'],
    [1.7, '[##########] 100%'],
    [Number.NaN, '[----------] 0%'],
  ])('draws %p as %s', (fraction, text) => {
    expect(formatBar(fraction)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0.4, '0s'],
    [59, '59s'],
    [61, '1m 01s'],
    [3_725, '1h 02m'],
    [null, '?'],
  ])('writes %p seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatCount and formatBytes', () => {
  it('groups thousands', () => {
    expect(formatCount(1_234_567.4)).toBe('1,234,567');
  });

  it.each([
    [999, '999 B'],
    [3_400, '3.4 kB'],
    [12_000_000, '12.0 MB'],
    [5e12, '5.0 TB'],
  ])('writes %p bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
