import type { ProjectionDb } from '../engine/projection';
import type { HistoryCut } from '../timeline/visible-entries';
import { currentCooperationStatus, currentRegionStatus } from './current-status';
import type { CooperationStatus, RegionStatus } from './region-status';
import { cooperationStatusSummed, regionStatusSummed } from './status-summed';
import { STATUS_PROJECTION } from './status.projection';

export interface StatusQuery {
  /**
   * A cut through history (`asOf` a day, `knownAt` a moment, or both), summed from the status projection's rows of
   * the entries inside it. Absent: the current status.
   */
  cut?: HistoryCut;
  /** The reference day (a date key) of the momentum window and of "last interaction": today. A cut's `asOf` takes over. */
  dayKey: number;
}

/**
 * Where we stand with a region: its cooperations are those whose partner (the partner region, or the partner
 * organisation's region) is the region or lies within it. Undefined for an unknown region. The current status is
 * read from the status projection's rows (a handful of reads, however long the history), and so is one at a cut (the
 * rows of the entries inside it, an index range per cooperation: regionStatusSummed).
 */
export function readRegionStatus(db: ProjectionDb, regionId: string, query: StatusQuery): Promise<RegionStatus | undefined> {
  const dayKey = query.cut?.asOf ?? query.dayKey;
  return atCut(query.cut) ? regionStatusSummed(db, regionId, query.cut!, dayKey) : currentRegionStatus(db, regionId, dayKey);
}

/**
 * The same summary for one cooperation: the current one from its own tally in the status projection (a few key
 * reads), one at a cut from the rows of its entries inside it. Undefined when it is unknown (at a cut: not opened
 * within it).
 */
export function readCooperationStatus(db: ProjectionDb, cooperationId: string, query: StatusQuery): Promise<CooperationStatus | undefined> {
  const dayKey = query.cut?.asOf ?? query.dayKey;
  return atCut(query.cut) ? cooperationStatusSummed(db, cooperationId, query.cut!, dayKey) : currentCooperationStatus(db, cooperationId, dayKey);
}

/**
 * The projection a status at `cut` is read from, which a reader must wait for: the status projection's rows answer
 * now and at every cut. (The timeline's versions replay the same answers, regionStatusAtCut, as tests check.)
 */
export function projectionAnswering(_cut: HistoryCut | undefined): typeof STATUS_PROJECTION {
  return STATUS_PROJECTION;
}

/** Whether the query asks about a cut: an empty cut `{}` is the current status, read from the tallies. */
function atCut(cut: HistoryCut | undefined): boolean {
  return cut !== undefined && (cut.asOf !== undefined || cut.knownAtMs !== undefined);
}
