import type { ProjectionDb } from '../engine/projection';
import type { HistoryCut } from '../timeline/visible-entries';
import { currentCooperationStatus, currentRegionStatus } from './current-status';
import type { CooperationStatus, RegionStatus } from './region-status';
import { cooperationStatusAtCut, regionStatusAtCut } from './status-at-cut';

export interface StatusQuery {
  /** A cut through history: the status is then replayed from the timeline's rows. Absent: the current status. */
  cut?: HistoryCut;
  /** The reference day (a date key) of the momentum window and of "last interaction": today. A cut's `asOf` takes over. */
  dayKey: number;
}

/**
 * Where we stand with a region: its cooperations are those whose partner (the partner region, or the partner
 * organisation's region) is the region or lies within it. Undefined for an unknown region. The current status is
 * read from the status projection's rows (a handful of reads, however long the history); a cut is replayed from the
 * timeline's rows, at the cost of reading the histories of the region's cooperations.
 */
export function readRegionStatus(db: ProjectionDb, regionId: string, query: StatusQuery): Promise<RegionStatus | undefined> {
  const dayKey = query.cut?.asOf ?? query.dayKey;
  return query.cut ? regionStatusAtCut(db, regionId, query.cut, dayKey) : currentRegionStatus(db, regionId, dayKey);
}

/**
 * The same summary for one cooperation: the current one from its own tally in the status projection (a few key reads),
 * one at a cut summed up from its entries visible there, read from the timeline. Undefined when it is unknown (at a
 * cut: not opened within it).
 */
export function readCooperationStatus(db: ProjectionDb, cooperationId: string, query: StatusQuery): Promise<CooperationStatus | undefined> {
  const dayKey = query.cut?.asOf ?? query.dayKey;
  return query.cut ? cooperationStatusAtCut(db, cooperationId, query.cut, dayKey) : currentCooperationStatus(db, cooperationId, dayKey);
}
