import type { ProjectionDb } from '../engine/projection';
import { stageView } from './cooperation-stage-view';
import { namesOf } from './status-names';
import type { CooperationStageView, CooperationStatus, RegionStatus, ShownCounts } from './region-status';
import { LISTED_LIMIT, namesShownFor, summarizeCooperationStatus, summarizeRegionStatus } from './region-status';
import type { StatusItem, StatusItemKind } from './status-tally';
import {
  cooperationScope,
  itemOfRow,
  STATUS_COOPERATIONS,
  STATUS_ITEMS,
  STATUS_REGIONS,
  STATUS_TALLIES,
  type StatusCooperationRow,
  type StatusItemRow,
  type StatusRegionRow,
  type StatusTallyRow,
} from './status.tables';

/**
 * The current status of a region from the status projection's rows: the shown part of its tally, its list of
 * cooperations, the few listed entries shown and the names shown. A handful of primary-key reads, however long its
 * history. Undefined for a region the projection does not know.
 */
export async function currentRegionStatus(db: ProjectionDb, regionId: string, dayKey: number): Promise<RegionStatus | undefined> {
  // Independent reads go out together: on PostgreSQL each is a round trip of its own (the pool lends a connection
  // to each), on SQLite they run one after the other as before.
  const [shown, region] = await Promise.all([
    shownCountsFor(db, regionId),
    db.selectFrom(STATUS_REGIONS).select('cooperations').where('region_id', '=', regionId).executeTakeFirst() as Promise<Pick<StatusRegionRow, 'cooperations'> | undefined>,
  ]);
  const stages = region ? (JSON.parse(region.cooperations) as CooperationStageView[]) : [];
  const ended = stages.filter((stage) => stage.stage === 'ended').map((stage) => stage.cooperationId);
  const [names, items] = await Promise.all([namesOf(db, [{ kind: 'region', id: regionId }, ...namesShownFor(shown.counts)]), listedItems(db, regionId, { endedCooperations: ended })]);
  if (!names.known('region', regionId)) return undefined;
  return summarizeRegionStatus(regionId, { shown, items }, stages, dayKey, names);
}

/**
 * The current status of one cooperation from its own tally (kept beside the regions'), its listed entries and the
 * names shown: a handful of key reads, however long its history. Undefined when the projection does not know it.
 */
export async function currentCooperationStatus(db: ProjectionDb, cooperationId: string, dayKey: number): Promise<CooperationStatus | undefined> {
  const row = (await db.selectFrom(STATUS_COOPERATIONS).selectAll().where('cooperation_id', '=', cooperationId).executeTakeFirst()) as StatusCooperationRow | undefined;
  if (!row) return undefined;
  const cooperation = { ourOrganisationId: row.our_organisation_id, partner: { kind: row.partner_kind as 'region' | 'organisation', id: row.partner_id }, openedOn: row.opened_on };
  const view = stageView(cooperationId, cooperation, { stage: row.stage, since: row.stage_since });
  const scope = cooperationScope(cooperationId);
  const [shown, items] = await Promise.all([shownCountsFor(db, scope), listedItems(db, scope, { endedCooperations: view.stage === 'ended' ? [cooperationId] : [] })]);
  return summarizeCooperationStatus(view, { shown, items }, dayKey, await namesOf(db, namesShownFor(shown.counts)));
}

/** What a summary reads of a tally scope's counts; nothing counted yet reads as empty. */
async function shownCountsFor(db: ProjectionDb, scope: string): Promise<ShownCounts> {
  const tally = (await db.selectFrom(STATUS_TALLIES).select('shown').where('region_id', '=', scope).executeTakeFirst()) as Pick<StatusTallyRow, 'shown'> | undefined;
  return tally ? (JSON.parse(tally.shown) as ShownCounts) : { counts: {}, days: [] };
}

/** Which of a tally scope's listed entries a summary may show. */
export interface ListedItemsFilter {
  /** Cooperations whose opportunities are no longer open. */
  endedCooperations: readonly string[];
  /** At a cut: only entries before this sort key... */
  before?: number;
  /** ...and none of these cooperations (not yet opened by the cut). */
  leftOut?: readonly string[];
  /** At a `knownAt` cut: only entries whose listing version we knew by then (recording clock, ms). */
  knownBy?: number;
}

/**
 * What the summary lists of a tally scope: the first contact, and the latest cross-memberships and open
 * opportunities, each a range of the items' primary key (scope, kind, sort key). Now, or at an `asOf` or `knownAt` cut
 * (at `knownAt`, versions replaced since are status_superseded's: see status-summed).
 */
export async function listedItems(db: ProjectionDb, scope: string, filter: ListedItemsFilter): Promise<Record<string, StatusItem>> {
  const leftOut = filter.leftOut ?? [];
  const closed = [...filter.endedCooperations, ...leftOut];
  const ofKind = (kind: StatusItemKind) => {
    let items = db.selectFrom(STATUS_ITEMS).where('region_id', '=', scope).where('kind', '=', kind);
    if (filter.before !== undefined) items = items.where('sort_key', '<', filter.before);
    if (filter.knownBy !== undefined) items = items.where('known_from', '<=', filter.knownBy);
    const excluded = kind === 'opportunity' ? closed : leftOut;
    return excluded.length > 0 ? items.where('cooperation_id', 'not in', excluded) : items;
  };
  const pick = (kind: StatusItemKind, order: 'asc' | 'desc', limit: number) => {
    const ranked = ofKind(kind).orderBy('sort_key', order).limit(limit);
    if (filter.knownBy === undefined) return ranked.select(ITEM_COLUMNS).execute();
    // At a knownAt cut, many of a large region's latest items may have been recorded later: the index that holds
    // when each was recorded (status_items_by_known) skips them without reading their rows; the rows picked are
    // then read by key.
    return db.selectFrom(STATUS_ITEMS).select(ITEM_COLUMNS).where('region_id', '=', scope).where('kind', '=', kind).where('sort_key', 'in', ranked.select('sort_key')).execute();
  };
  const rows = (await Promise.all([pick('contact', 'asc', 1), pick('membership', 'desc', LISTED_LIMIT), pick('opportunity', 'desc', LISTED_LIMIT)])).flat() as StatusItemRow[];
  const listed: Record<string, StatusItem> = {};
  for (const row of rows) {
    const item = itemOfRow(row);
    listed[`${item.kind}:${item.entryKey}`] = item;
  }
  return listed;
}

const ITEM_COLUMNS = ['kind', 'sort_key', 'cooperation_id', 'item'] as const;
