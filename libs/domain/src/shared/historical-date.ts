import { DomainError } from './domain-error';

export type DatePrecision = 'year' | 'month' | 'day';

/** A date as history knows it: "2010", "March 2017" or "14 March 2017". Months and days count from 1. */
export interface HistoricalDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

/** The wire form of a HistoricalDate in commands and events: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
export type HistoricalDateText = string;

export const MIN_YEAR = 1800;
export const MAX_YEAR = 2200;

const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function parseHistoricalDate(text: unknown, field = 'date'): HistoricalDate {
  const match = typeof text === 'string' ? DATE_PATTERN.exec(text) : null;
  if (!match) {
    throw new DomainError('INVALID_DATE', `${field} must be a date written YYYY, YYYY-MM or YYYY-MM-DD`, field);
  }
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new DomainError('INVALID_DATE', `${field} must lie between the years ${MIN_YEAR} and ${MAX_YEAR}`, field);
  }
  if (match[2] === undefined) return { year };
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new DomainError('INVALID_DATE', `${field} has no month ${match[2]}`, field);
  if (match[3] === undefined) return { year, month };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new DomainError('INVALID_DATE', `${field} is not a calendar date: ${String(text)}`, field);
  }
  return { year, month, day };
}

export function formatHistoricalDate(date: HistoricalDate): HistoricalDateText {
  const parts = [String(date.year).padStart(4, '0')];
  if (date.month !== undefined) parts.push(String(date.month).padStart(2, '0'));
  if (date.month !== undefined && date.day !== undefined) parts.push(String(date.day).padStart(2, '0'));
  return parts.join('-');
}

export function precisionOf(date: HistoricalDate): DatePrecision {
  if (date.month === undefined) return 'year';
  return date.day === undefined ? 'month' : 'day';
}

/**
 * Orders dates for display: by year, then month, then day, where a missing month or day sorts first. So "2017" comes
 * before everything dated within 2017, and "2017-03" before the days of March 2017. A total order on dates.
 */
export function compareHistoricalDates(a: HistoricalDate, b: HistoricalDate): number {
  return a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0);
}

/**
 * True only when all of `a` lies before all of `b`. Dates that overlap at the coarser precision of the two ("2017"
 * and "2017-03-14", "2017-03" and "2017-03-01") are neither before nor after each other: invariants must not reject
 * a fact for an order that history does not tell us.
 */
export function isDefinitelyBefore(a: HistoricalDate, b: HistoricalDate): boolean {
  return compareAtCommonPrecision(a, b) < 0;
}

export function isDefinitelyAfter(a: HistoricalDate, b: HistoricalDate): boolean {
  return compareAtCommonPrecision(a, b) > 0;
}

export function overlaps(a: HistoricalDate, b: HistoricalDate): boolean {
  return compareAtCommonPrecision(a, b) === 0;
}

function compareAtCommonPrecision(a: HistoricalDate, b: HistoricalDate): number {
  if (a.year !== b.year) return a.year - b.year;
  if (a.month === undefined || b.month === undefined) return 0;
  if (a.month !== b.month) return a.month - b.month;
  if (a.day === undefined || b.day === undefined) return 0;
  return a.day - b.day;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
