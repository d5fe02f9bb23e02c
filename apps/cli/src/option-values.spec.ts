import { InvalidArgumentError } from 'commander';
import { collect, commitPosition, day, entityTag, historicalDate, pageSize } from './option-values';

describe('option values', () => {
  it('takes page sizes from 1 to 500', () => {
    expect(pageSize('1')).toBe(1);
    expect(pageSize('500')).toBe(500);
    for (const text of ['0', '501', '2.5', 'ten', '']) expect(() => pageSize(text)).toThrow(InvalidArgumentError);
  });

  it('takes calendar days only for --as-of', () => {
    expect(day('2017-06-30')).toBe('2017-06-30');
    for (const text of ['2017-06', '2017-02-30', '30.06.2017', '2017-6-30']) expect(() => day(text)).toThrow('give a calendar day written YYYY-MM-DD');
  });

  it('takes dates with the precision of year, month or day for --from and --to', () => {
    for (const text of ['2017', '2017-03', '2017-10-12']) expect(historicalDate(text)).toBe(text);
    expect(() => historicalDate('March 2017')).toThrow(InvalidArgumentError);
  });

  it('sends a version as an entity tag, quoted or not', () => {
    expect(entityTag('5')).toBe('"5"');
    expect(entityTag('"12"')).toBe('"12"');
    expect(() => entityTag('W/"5"')).toThrow(InvalidArgumentError);
  });

  it('takes decimal commit positions', () => {
    expect(commitPosition('19523')).toBe('19523');
    expect(() => commitPosition('-1')).toThrow(InvalidArgumentError);
  });

  it('collects repeated options in order', () => {
    expect(collect('b', collect('a', undefined))).toEqual(['a', 'b']);
  });
});
