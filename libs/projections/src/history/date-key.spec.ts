import fc from 'fast-check';
import { compareHistoricalDates, formatHistoricalDate, parseHistoricalDate } from '@app/domain';
import { dateKeyOfSortKey, dateKeyOfText, dateKeyText, parseAsOf, sortKeyOf, trailingYearStart } from './date-key';

const historicalDate = fc
  .record({ year: fc.integer({ min: 1800, max: 2200 }), month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined }) })
  .map(({ year, month, day }) => formatHistoricalDate(month === undefined ? { year } : { year, month, ...(day === undefined ? {} : { day }) }));

describe('date keys', () => {
  it('order dates as the domain displays them: a year-only fact before the dated facts of that year', () => {
    expect(dateKeyOfText('2017')).toBeLessThan(dateKeyOfText('2017-01'));
    expect(dateKeyOfText('2017-03')).toBeLessThan(dateKeyOfText('2017-03-01'));
    expect(dateKeyOfText('2016-12-31')).toBeLessThan(dateKeyOfText('2017'));
    fc.assert(
      fc.property(historicalDate, historicalDate, (a, b) => {
        expect(Math.sign(dateKeyOfText(a) - dateKeyOfText(b))).toBe(Math.sign(compareHistoricalDates(parseHistoricalDate(a), parseHistoricalDate(b))));
      }),
    );
  });

  it('print back with the precision they were recorded with', () => {
    fc.assert(fc.property(historicalDate, (text) => expect(dateKeyText(dateKeyOfText(text))).toBe(text)));
  });

  it('keep recording order below the date in a sort key that is exact as a number', () => {
    const key = sortKeyOf(dateKeyOfText('2200-12-31'), 2 ** 28 - 1);
    expect(Number.isSafeInteger(key)).toBe(true);
    expect(dateKeyOfSortKey(key)).toBe(22001231);
    expect(sortKeyOf(20170300, 5)).toBeLessThan(sortKeyOf(20170300, 6));
    expect(sortKeyOf(20170300, 999)).toBeLessThan(sortKeyOf(20170301, 0));
    expect(() => sortKeyOf(20170300, 2 ** 28)).toThrow(/out of range/);
  });

  it('take asOf as a calendar day only', () => {
    expect(parseAsOf('2017-06-30')).toBe(20170630);
    expect(parseAsOf('2017-02-30')).toBeUndefined();
    expect(parseAsOf('2017-06')).toBeUndefined();
  });

  it('start the momentum window 11 months before the reference month', () => {
    expect(trailingYearStart(20171015)).toBe(20161100);
    expect(trailingYearStart(20171201)).toBe(20170100);
    expect(trailingYearStart(20170115)).toBe(20160200);
  });
});
