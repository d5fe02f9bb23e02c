import type { ShownCounts } from './region-status';
import { recordedMonthOf } from './status-tally';

/**
 * How a tally's versions spread over time, kept small beside it (status_tallies.spread) so that a cut can choose its
 * shorter way without reading the tally: a large region's shown counts name thousands of days.
 */
export interface TallySpread {
  /** Interactions per year of their date (the tally's `day:` counts), in year order. */
  interactions: [year: number, count: number][];
  /** Current versions per month they were recorded in (the tally's `recorded:` counts), in month order. */
  recorded: [month: number, count: number][];
}

export function spreadOf(shown: ShownCounts): TallySpread {
  const years = new Map<number, number>();
  for (const [day, count] of shown.days) {
    const year = Math.floor(day / 10_000);
    years.set(year, (years.get(year) ?? 0) + count);
  }
  return { interactions: [...years].sort((a, b) => a[0] - b[0]), recorded: shown.recorded ?? [] };
}

/**
 * Interactions dated by `asOf` (a date key) and after it, about: the cut's own year is split by the share of it gone
 * by. Only tells which way a cut is shorter, so an estimate serves.
 */
export function interactionsAround(spread: TallySpread, asOf: number): { before: number; after: number } {
  const year = Math.floor(asOf / 10_000);
  const shareOfYear = Math.min(1, ((Math.floor(asOf / 100) % 100) * 31 + (asOf % 100)) / 403);
  let before = 0;
  let after = 0;
  for (const [at, count] of spread.interactions) {
    if (at < year) before += count;
    else if (at > year) after += count;
    else {
      before += count * shareOfYear;
      after += count * (1 - shareOfYear);
    }
  }
  return { before, after };
}

/** Current versions recorded by the month of `knownAtMs` and after it (that month counts as before). */
export function recordedAround(spread: TallySpread, knownAtMs: number): { before: number; after: number } {
  const month = recordedMonthOf(knownAtMs);
  let before = 0;
  let after = 0;
  for (const [at, count] of spread.recorded) {
    if (at <= month) before += count;
    else after += count;
  }
  return { before, after };
}
