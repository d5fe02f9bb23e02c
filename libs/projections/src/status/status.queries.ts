import type { ProjectionDb } from '../engine/projection';
import { TIMELINE_PROJECTION } from '../timeline/timeline.projection';
import type { HistoryCut } from '../timeline/visible-entries';
import { currentCooperationStatus, currentRegionStatus } from './current-status';
import type { CooperationStatus, RegionStatus } from './region-status';
import { cooperationStatusAsOf, regionStatusAsOf } from './status-as-of';
import { cooperationStatusAtCut, regionStatusAtCut } from './status-at-cut';
import { cooperationStatusKnownAt, regionStatusKnownAt } from './status-known-at';
import { STATUS_PROJECTION } from './status.projection';

export interface StatusQuery {
  /**
   * A cut through history. `asOf` alone is summed from the status projection's rows of the entries dated by then,
   * `knownAt` alone from those of the versions known by then; a cut with both is replayed from the timeline's rows.
   * Absent: the current status.
   */
  cut?: HistoryCut;
  /** The reference day (a date key) of the momentum window and of "last interaction": today. A cut's `asOf` takes over. */
  dayKey: number;
}

/**
 * Where we stand with a region: its cooperations are those whose partner (the partner region, or the partner
 * organisation's region) is the region or lies within it. Undefined for an unknown region. The current status is
 * read from the status projection's rows (a handful of reads, however long the history), and so are one `asOf` a day
 * (the rows of the entries dated by then, an index range per cooperation) and one `knownAt` a moment (those of the
 * versions known by then); a cut with both is replayed from the timeline's rows, at the cost of reading the histories
 * of the region's cooperations.
 */
export function readRegionStatus(db: ProjectionDb, regionId: string, query: StatusQuery): Promise<RegionStatus | undefined> {
  const dayKey = query.cut?.asOf ?? query.dayKey;
  switch (statusSource(query.cut)) {
    case 'current':
      return currentRegionStatus(db, regionId, dayKey);
    case 'entries':
      return regionStatusAsOf(db, regionId, dayKey);
    case 'known':
      return regionStatusKnownAt(db, regionId, query.cut!.knownAtMs!, dayKey);
    case 'replay':
      return regionStatusAtCut(db, regionId, query.cut!, dayKey);
  }
}

/**
 * The same summary for one cooperation: the current one from its own tally in the status projection (a few key reads),
 * one `asOf` a day from the rows of its entries dated by then, one `knownAt` a moment from those of the versions known
 * by then, one with both summed up from its entries visible there, read from the timeline. Undefined when it is
 * unknown (at a cut: not opened within it).
 */
export function readCooperationStatus(db: ProjectionDb, cooperationId: string, query: StatusQuery): Promise<CooperationStatus | undefined> {
  const dayKey = query.cut?.asOf ?? query.dayKey;
  switch (statusSource(query.cut)) {
    case 'current':
      return currentCooperationStatus(db, cooperationId, dayKey);
    case 'entries':
      return cooperationStatusAsOf(db, cooperationId, dayKey);
    case 'known':
      return cooperationStatusKnownAt(db, cooperationId, query.cut!.knownAtMs!, dayKey);
    case 'replay':
      return cooperationStatusAtCut(db, cooperationId, query.cut!, dayKey);
  }
}

/**
 * The projection a status at `cut` is read from, which a reader must wait for: the status projection's rows answer
 * now, `asOf` alone and `knownAt` alone; a cut with both is replayed from the timeline's.
 */
export function projectionAnswering(cut: HistoryCut | undefined): typeof STATUS_PROJECTION | typeof TIMELINE_PROJECTION {
  return statusSource(cut) === 'replay' ? TIMELINE_PROJECTION : STATUS_PROJECTION;
}

/**
 * Where a status at `cut` is read from: the current tallies, the status's entries dated by the cut (`asOf` alone) or
 * known by it (`knownAt` alone), or the timeline's versions (both).
 */
function statusSource(cut: HistoryCut | undefined): 'current' | 'entries' | 'known' | 'replay' {
  if (cut?.knownAtMs !== undefined) return cut.asOf !== undefined ? 'replay' : 'known';
  return cut?.asOf !== undefined ? 'entries' : 'current';
}
