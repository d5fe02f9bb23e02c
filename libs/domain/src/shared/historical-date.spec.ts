import fc from 'fast-check';
import { DomainError } from './domain-error';
import {
  HistoricalDate,
  MAX_YEAR,
  MIN_YEAR,
  compareHistoricalDates,
  formatHistoricalDate,
  isDefinitelyAfter,
  isDefinitelyBefore,
  overlaps,
  parseHistoricalDate,
  precisionOf,
} from './historical-date';

const parse = (text: string): HistoricalDate => parseHistoricalDate(text);

describe('parseHistoricalDate', () => {
  it.each([
    ['2010', { year: 2010 }, 'year'],
    ['2017-03', { year: 2017, month: 3 }, 'month'],
    ['2017-10-05', { year: 2017, month: 10, day: 5 }, 'day'],
    ['2016-02-29', { year: 2016, month: 2, day: 29 }, 'day'],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }, 'day'],
    ['1800', { year: 1800 }, 'year'],
    ['2200-12-31', { year: 2200, month: 12, day: 31 }, 'day'],
  ])('reads %s with its precision', (text, date, precision) => {
    expect(parse(text)).toEqual(date);
    expect(precisionOf(parse(text))).toBe(precision);
    expect(formatHistoricalDate(parse(text))).toBe(text);
  });

  it.each([
    ['2017-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2017-04-31', 'April has 30 days'],
    ['2017-13', 'no month 13'],
    ['2017-00', 'no month 0'],
    ['2017-01-00', 'no day 0'],
    ['1799', 'before 1800'],
    ['2201', 'after 2200'],
    ['17', 'two-digit year'],
    ['2017-3', 'unpadded month'],
    ['2017-03-14T10:00', 'a time'],
    ['March 2017', 'prose'],
    ['', 'empty'],
  ])('rejects %s (%s) as INVALID_DATE naming the field', (text) => {
    expect(() => parseHistoricalDate(text, 'occurredOn')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', field: 'occurredOn' }) as DomainError,
    );
  });

  it('rejects what is not text', () => {
    expect(() => parseHistoricalDate(2017, 'since')).toThrow(DomainError);
  });
});

describe('compareHistoricalDates', () => {
  it.each([
    ['2016', '2017', -1],
    ['2017', '2017-01', -1],
    ['2017', '2017-03-14', -1],
    ['2017-03', '2017-03-01', -1],
    ['2017-03-31', '2017-04', -1],
    ['2017-12-31', '2018', -1],
    ['2017-03', '2017-03', 0],
  ])('orders %s against %s as %d', (a, b, sign) => {
    expect(Math.sign(compareHistoricalDates(parse(a), parse(b)))).toBe(sign);
    expect(Math.sign(compareHistoricalDates(parse(b), parse(a)))).toBe(-sign || 0);
  });

  it('sorts a story honestly: the year first, then the month, then its days', () => {
    const story = ['2017-10-05', '2017', '2016', '2017-03-14', '2017-03', '2010'];
    expect(story.map(parse).sort(compareHistoricalDates).map(formatHistoricalDate)).toEqual([
      '2010',
      '2016',
      '2017',
      '2017-03',
      '2017-03-14',
      '2017-10-05',
    ]);
  });
});

describe('isDefinitelyBefore / isDefinitelyAfter / overlaps', () => {
  it.each([
    ['2016', '2017', true, false],
    ['2016-12-31', '2017', true, false],
    ['2017-02', '2017-03-14', true, false],
    ['2017-03-13', '2017-03-14', true, false],
    ['2017', '2017-03-14', false, false],
    ['2017-03-14', '2017', false, false],
    ['2017-03', '2017', false, false],
    ['2017-03', '2017-03-31', false, false],
    ['2017-03-14', '2017-03-14', false, false],
    ['2018', '2017-12-31', false, true],
  ])('%s against %s: before %s, after %s', (a, b, before, after) => {
    expect(isDefinitelyBefore(parse(a), parse(b))).toBe(before);
    expect(isDefinitelyAfter(parse(a), parse(b))).toBe(after);
    expect(overlaps(parse(a), parse(b))).toBe(!before && !after);
  });
});

describe('HistoricalDate properties', () => {
  const historicalDate: fc.Arbitrary<HistoricalDate> = fc
    .record({
      year: fc.integer({ min: MIN_YEAR, max: MAX_YEAR }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      precision: fc.constantFrom('year', 'month', 'day'),
    })
    .map(({ year, month, day, precision }) =>
      precision === 'year' ? { year } : precision === 'month' ? { year, month } : { year, month, day },
    );

  it('formats and parses back to the same date', () => {
    fc.assert(fc.property(historicalDate, (date) => expect(parse(formatHistoricalDate(date))).toEqual(date)));
  });

  it('parses every real calendar day and formats it back to the same text', () => {
    const day = fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(day, (instant) => {
        const text = instant.toISOString().slice(0, 10);
        expect(formatHistoricalDate(parse(text))).toBe(text);
      }),
    );
  });

  it('compares as a total order: reflexive, antisymmetric, transitive, and equal only for equal dates', () => {
    fc.assert(
      fc.property(historicalDate, historicalDate, historicalDate, (a, b, c) => {
        expect(compareHistoricalDates(a, a)).toBe(0);
        expect(Math.sign(compareHistoricalDates(a, b))).toBe(-Math.sign(compareHistoricalDates(b, a)) || 0);
        expect(compareHistoricalDates(a, b) === 0).toBe(formatHistoricalDate(a) === formatHistoricalDate(b));
        if (compareHistoricalDates(a, b) <= 0 && compareHistoricalDates(b, c) <= 0) {
          expect(compareHistoricalDates(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('agrees with the order: what is definitely before sorts before, and exactly one of before/after/overlaps holds', () => {
    fc.assert(
      fc.property(historicalDate, historicalDate, (a, b) => {
        if (isDefinitelyBefore(a, b)) expect(compareHistoricalDates(a, b)).toBeLessThan(0);
        expect(isDefinitelyBefore(a, b)).toBe(isDefinitelyAfter(b, a));
        expect([isDefinitelyBefore(a, b), isDefinitelyAfter(a, b), overlaps(a, b)].filter(Boolean)).toHaveLength(1);
      }),
    );
  });
});
