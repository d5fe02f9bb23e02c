import type { ProjectionDb } from '../engine/projection';
import { loadReferences } from '../engine/reference-rows';
import type { HistoryEntry } from '../history/history-entry';
import { ReferenceData } from '../history/reference-data';
import { TIMELINE_ENTRIES, TIMELINE_REFS, TIMELINE_SCOPES } from '../timeline/timeline.tables';
import { sortKeyLimitOf, visibleEntries, whereVisible, type HistoryCut } from '../timeline/visible-entries';
import { stageOf, stageView } from './cooperation-stage-view';
import { summarizeCooperationStatus, summarizeRegionStatus, type CooperationStageView, type CooperationStatus, type RegionStatus } from './region-status';
import { addTally, contributionOf, emptyTally, sidesOf, type StatusTally } from './status-tally';

/**
 * The status of a region at a cut, replayed from the timeline's history rows: its cooperations are those opened
 * within the cut whose partner lies in the region; each is folded from the entry versions visible at the cut. Costs
 * a read of those cooperations' histories; the current status is precomputed instead (currentRegionStatus).
 */
export async function regionStatusAtCut(db: ProjectionDb, regionId: string, cut: HistoryCut, dayKey: number): Promise<RegionStatus | undefined> {
  const refs = await timelineReferences(db);
  if (refs.get('region', regionId) === undefined) return undefined;
  const tally = emptyTally();
  const stages: CooperationStageView[] = [];
  for (const opening of await visibleOpenings(db, `region:${regionId}`, cut)) {
    const cooperation = refs.get('cooperation', opening.cooperationId);
    if (!cooperation || !refs.isWithin(refs.partnerRegionOf(cooperation), regionId)) continue;
    const folded = await cooperationAtCut(db, opening.cooperationId!, cut, refs);
    if (!folded) continue;
    addTally(tally, folded.tally, 1);
    stages.push(folded.view);
  }
  return summarizeRegionStatus(regionId, tally, stages, dayKey, refs);
}

/** The status of one cooperation at a cut; undefined when it was not opened (or not yet recorded) within the cut. */
export async function cooperationStatusAtCut(db: ProjectionDb, cooperationId: string, cut: HistoryCut, dayKey: number): Promise<CooperationStatus | undefined> {
  const refs = await timelineReferences(db);
  const folded = await cooperationAtCut(db, cooperationId, cut, refs);
  return folded ? summarizeCooperationStatus(folded.view, folded.tally, dayKey, refs) : undefined;
}

async function cooperationAtCut(db: ProjectionDb, cooperationId: string, cut: HistoryCut, refs: ReferenceData): Promise<{ tally: StatusTally; view: CooperationStageView } | undefined> {
  const cooperation = refs.get('cooperation', cooperationId);
  if (!cooperation) return undefined;
  const entries = await visibleEntries(db, `cooperation:${cooperationId}`, cut);
  if (!entries.some((entry) => entry.type === 'CooperationOpened')) return undefined;
  const sides = sidesOf(cooperation);
  const tally = emptyTally();
  for (const entry of entries) addTally(tally, contributionOf(entry, sides), 1);
  const mark = stageOf(cooperation.openedOn, entries.filter((entry) => entry.type === 'CooperationStageChanged'));
  return { tally, view: stageView(cooperationId, cooperation, mark) };
}

/** The references as the timeline learnt them: regions with their parents, cooperations with their partners, names. */
async function timelineReferences(db: ProjectionDb): Promise<ReferenceData> {
  const refs = new ReferenceData();
  await loadReferences(db, TIMELINE_REFS, refs);
  return refs;
}

/** The openings of cooperations on a region's timeline visible at the cut (the region's own cooperations among them). */
async function visibleOpenings(db: ProjectionDb, scope: string, cut: HistoryCut): Promise<HistoryEntry[]> {
  let query = db
    .selectFrom(`${TIMELINE_SCOPES} as s`)
    .innerJoin(`${TIMELINE_ENTRIES} as e`, (join) => join.onRef('e.entry_key', '=', 's.entry_key').onRef('e.version', '=', 's.version'))
    .select(['e.entry as entry'])
    .where('s.scope', '=', scope)
    .where('s.type', '=', 'CooperationOpened');
  if (cut.asOf !== undefined) query = query.where('s.sort_key', '<', sortKeyLimitOf(cut.asOf));
  query = whereVisible(query, cut);
  const rows = (await query.orderBy('s.sort_key').execute()) as { entry: string }[];
  return rows.map((row) => JSON.parse(row.entry) as HistoryEntry);
}
