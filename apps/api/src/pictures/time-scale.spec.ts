import { dayNumber, dayText, daySpanOf, TimeScale } from './time-scale';

describe('daySpanOf', () => {
  it('spans a whole year for a date known to the year, a month for one known to the month, one day for a day', () => {
    expect(daySpanOf('2010')).toEqual({ first: dayNumber(2010, 1, 1), end: dayNumber(2011, 1, 1) });
    expect(daySpanOf('2017-03')).toEqual({ first: dayNumber(2017, 3, 1), end: dayNumber(2017, 4, 1) });
    expect(daySpanOf('2017-10-12')).toEqual({ first: dayNumber(2017, 10, 12), end: dayNumber(2017, 10, 13) });
  });

  it('knows the lengths of months and years: December ends with the year, February with the leap day', () => {
    const december = daySpanOf('2017-12');
    expect(dayText(december.end)).toBe('2018-01-01');
    expect(daySpanOf('2016-02').end - daySpanOf('2016-02').first).toBe(29);
    expect(daySpanOf('2017-02').end - daySpanOf('2017-02').first).toBe(28);
    expect(daySpanOf('2016').end - daySpanOf('2016').first).toBe(366);
  });
});

describe('TimeScale', () => {
  it('covers whole years, from 1 January of the first to 1 January after the last', () => {
    const scale = TimeScale.covering([daySpanOf('2010-03'), daySpanOf('2017-10-12')], 100, 900);
    expect([scale.firstYear, scale.endYear]).toEqual([2010, 2018]);
    expect(scale.x(dayNumber(2010, 1, 1))).toBe(100);
    expect(scale.x(dayNumber(2018, 1, 1))).toBe(900);
  });

  it('ends a span at the last day it covers: a fact of December 2017 does not open 2018', () => {
    expect(TimeScale.covering([daySpanOf('2017-12')], 0, 100).endYear).toBe(2018);
    expect(TimeScale.covering([daySpanOf('2017')], 0, 100).endYear).toBe(2018);
  });

  it('labels every year when there is room, and every fifth or tenth when a long history is squeezed', () => {
    expect(TimeScale.covering([daySpanOf('2010'), daySpanOf('2017')], 0, 800).yearTicks(48).map((tick) => tick.year)).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018]);
    const century = TimeScale.covering([daySpanOf('1901'), daySpanOf('2020')], 0, 750).yearTicks(48).map((tick) => tick.year);
    expect(century[0]).toBe(1910);
    expect(century.every((year, index) => index === 0 || year - century[index - 1] === 10)).toBe(true);
  });

  it('draws month ticks only where months are wide enough to tell apart', () => {
    expect(TimeScale.covering([daySpanOf('2017')], 0, 600).monthTicks(12)).toHaveLength(11);
    expect(TimeScale.covering([daySpanOf('1990'), daySpanOf('2020')], 0, 600).monthTicks(12)).toEqual([]);
  });
});
