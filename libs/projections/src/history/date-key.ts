import { parseHistoricalDate, type HistoricalDate } from '@app/domain';

/**
 * A historical date as one integer, yyyymmdd, with 00 for an unknown month or day: "2010" → 20100000, "2017-03" →
 * 20170300, "2017-03-14" → 20170314. Integer order is the display order of the domain (`compareHistoricalDates`): a
 * year-only fact sorts before that year's dated facts. It is also the date's earliest possible day, which is what an
 * `asOf` cut compares: a fact dated "2017" counts as having happened by 2017-01-01.
 */
export function dateKeyOf(date: HistoricalDate): number {
  return date.year * 10_000 + (date.month ?? 0) * 100 + (date.day ?? 0);
}

export function dateKeyOfText(text: string): number {
  return dateKeyOf(parseHistoricalDate(text));
}

/** The text of a date key with its own precision: 20100000 → "2010", 20171000 → "2017-10". */
export function dateKeyText(key: number): string {
  const year = Math.floor(key / 10_000);
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;
  const parts = [String(year).padStart(4, '0')];
  if (month > 0) parts.push(String(month).padStart(2, '0'));
  if (month > 0 && day > 0) parts.push(String(day).padStart(2, '0'));
  return parts.join('-');
}

/**
 * Bits kept for the recording order below the date in a sort key: 2^28 entries (268 million). dateKey < 2^25 for
 * years up to 3355, so a sort key stays below 2^53 and is exact as a JavaScript number and in both databases.
 */
const SEQUENCE_SPACE = 2 ** 28;

/** Timeline order: by date (as above), then by the order in which entries were first recorded. Unique per entry. */
export function sortKeyOf(dateKey: number, sequence: number): number {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence >= SEQUENCE_SPACE) throw new Error(`entry sequence out of range: ${sequence}`);
  return dateKey * SEQUENCE_SPACE + sequence;
}

/** The smallest sort key of any entry dated on or after `dateKey`. */
export function firstSortKeyOn(dateKey: number): number {
  return dateKey * SEQUENCE_SPACE;
}

export function dateKeyOfSortKey(sortKey: number): number {
  return Math.floor(sortKey / SEQUENCE_SPACE);
}

/** `asOf` as analysts write it: a calendar day, YYYY-MM-DD. Anything dated on or before its day is in the cut. */
export function parseAsOf(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  try {
    return dateKeyOf(parseHistoricalDate(text));
  } catch {
    return undefined;
  }
}

/** The first day of the 12-month window that ends with `dateKey`'s month: momentum counts from there. */
export function trailingYearStart(dateKey: number): number {
  const year = Math.floor(dateKey / 10_000);
  const month = Math.max(1, Math.floor(dateKey / 100) % 100);
  // The window holds the month of dateKey and the 11 before it.
  const startMonthIndex = year * 12 + (month - 1) - 11;
  return Math.floor(startMonthIndex / 12) * 10_000 + ((startMonthIndex % 12) + 1) * 100;
}

/** Today (UTC) as a date key. */
export function todayDateKey(now: Date): number {
  return now.getUTCFullYear() * 10_000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
}
