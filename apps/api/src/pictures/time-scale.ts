import { parseHistoricalDate } from '@app/domain';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of a calendar day; months past 12 roll into the next year, as Date.UTC does. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The calendar day (YYYY-MM-DD) of a day number. */
export function dayText(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The days a historical date stands for: its first day and the day after its last (a year, a month or one day). */
export interface DaySpan {
  first: number;
  end: number;
}

/** "2010" → all of 2010, "2017-03" → March 2017, "2017-10-12" → that day: a fact is drawn over what its date allows. */
export function daySpanOf(text: string): DaySpan {
  const { year, month, day } = parseHistoricalDate(text);
  if (month === undefined) return { first: dayNumber(year, 1, 1), end: dayNumber(year + 1, 1, 1) };
  if (day === undefined) return { first: dayNumber(year, month, 1), end: dayNumber(year, month + 1, 1) };
  const first = dayNumber(year, month, day);
  return { first, end: first + 1 };
}

/** Tick steps in years, smallest first: one is chosen so that labels keep their distance. */
const YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/**
 * Whole years mapped onto a horizontal pixel range: from 1 January of the first year to 1 January after the last, so
 * the axis starts and ends on a year tick.
 */
export class TimeScale {
  private constructor(
    readonly firstYear: number,
    /** The year after the last one shown. */
    readonly endYear: number,
    readonly left: number,
    readonly right: number,
  ) {}

  /** The smallest whole-year scale covering every span (at least one year). */
  static covering(spans: readonly DaySpan[], left: number, right: number): TimeScale {
    const yearOf = (day: number) => new Date(day * MS_PER_DAY).getUTCFullYear();
    const firstYear = Math.min(...spans.map((span) => yearOf(span.first)));
    const lastYear = Math.max(...spans.map((span) => yearOf(span.end - 1)));
    return new TimeScale(firstYear, lastYear + 1, left, right);
  }

  get firstDay(): number {
    return dayNumber(this.firstYear, 1, 1);
  }

  get endDay(): number {
    return dayNumber(this.endYear, 1, 1);
  }

  x(day: number): number {
    return this.left + ((day - this.firstDay) / (this.endDay - this.firstDay)) * (this.right - this.left);
  }

  /** Labelled year ticks, at least `minSpacing` pixels apart, on multiples of the step. */
  yearTicks(minSpacing: number): { year: number; x: number }[] {
    const years = this.endYear - this.firstYear;
    const perYear = (this.right - this.left) / years;
    const step = YEAR_STEPS.find((candidate) => candidate * perYear >= minSpacing) ?? Math.ceil(years / 2);
    const ticks: { year: number; x: number }[] = [];
    for (let year = Math.ceil(this.firstYear / step) * step; year <= this.endYear; year += step) ticks.push({ year, x: this.x(dayNumber(year, 1, 1)) });
    return ticks;
  }

  /** Unlabelled month ticks, only where a month is wide enough to tell apart. */
  monthTicks(minSpacing: number): number[] {
    const perMonth = (this.right - this.left) / ((this.endYear - this.firstYear) * 12);
    if (perMonth < minSpacing) return [];
    const ticks: number[] = [];
    for (let year = this.firstYear; year < this.endYear; year += 1) for (let month = 2; month <= 12; month += 1) ticks.push(this.x(dayNumber(year, month, 1)));
    return ticks;
  }
}
