import type { ProjectionDb } from '../engine/projection';
import { dateKeyOfText } from '../history/date-key';
import { sortKeyLimitOf } from '../timeline/visible-entries';
import { stageAtCut, stageView } from './cooperation-stage-view';
import { namesShownFor, shownCountsOf, summarizeCooperationStatus, summarizeRegionStatus, type CooperationStageView, type CooperationStatus, type RegionStatus } from './region-status';
import { namesOf } from './status-names';
import { listedItems } from './current-status';
import { cooperationMarksOf, entryCountsIn, tallyCountsOf } from './status-sums';
import { interactionsAround, type TallySpread } from './tally-spread';
import { addCounts, emptyTally } from './status-tally';
import { cooperationScope, STATUS_COOPERATIONS, STATUS_REGIONS, STATUS_TALLIES, type StageChangeMark, type StatusCooperationRow, type StatusRegionRow, type StatusTallyRow } from './status.tables';

/**
 * The status of a region as of a day (an `asOf` cut alone; with `knownAt` it is replayed from the timeline's
 * versions): its cooperations opened by then, at the stages they stood at, each with its entries dated by then
 * summed up from the status projection's rows (the count keys of the current version of each, an index range per
 * cooperation), and the listed entries of those cooperations dated by then (a key range of the region's items per
 * kind). What the replay from the timeline answers (regionStatusAtCut), as the time-travel property tests check, at a
 * fraction of the reads: no references loaded, no entry parsed, one statement per 500 cooperations.
 */
export async function regionStatusAsOf(db: ProjectionDb, regionId: string, asOf: number): Promise<RegionStatus | undefined> {
  const region = (await db.selectFrom(STATUS_REGIONS).select('cooperations').where('region_id', '=', regionId).executeTakeFirst()) as Pick<StatusRegionRow, 'cooperations'> | undefined;
  const limit = sortKeyLimitOf(asOf);
  const views = region ? (JSON.parse(region.cooperations) as CooperationStageView[]) : [];
  const opened = views.filter((view) => openedBy(view.openedOn, asOf));
  const leftOut = views.filter((view) => !openedBy(view.openedOn, asOf)).map((view) => view.cooperationId);
  // Independent reads go out together (on PostgreSQL each is a round trip of its own).
  const [marks, counts] = await Promise.all([cooperationMarksOf(db, idsOf(opened)), countsAsOf(db, regionId, opened, leftOut, asOf, limit)]);
  const stages = opened.map((view) => {
    const mark = stageAtCut(view.openedOn, marks.get(view.cooperationId)?.stageChanges ?? [], limit);
    return { ...view, stage: mark.stage, stageSince: mark.since };
  });
  const ended = stages.filter((stage) => stage.stage === 'ended').map((stage) => stage.cooperationId);
  // What the summary reads of the counts, worked out once: a large region's name thousands of people and days.
  const shown = shownCountsOf(counts);
  const [names, items] = await Promise.all([
    namesOf(db, [{ kind: 'region', id: regionId }, ...namesShownFor(shown.counts)]),
    listedItems(db, regionId, { endedCooperations: ended, before: limit, leftOut }),
  ]);
  if (!names.known('region', regionId)) return undefined;
  return summarizeRegionStatus(regionId, { shown, items }, stages, asOf, names);
}

/** The same for one cooperation; undefined when it is unknown or was not open by `asOf`. */
export async function cooperationStatusAsOf(db: ProjectionDb, cooperationId: string, asOf: number): Promise<CooperationStatus | undefined> {
  const row = (await db.selectFrom(STATUS_COOPERATIONS).selectAll().where('cooperation_id', '=', cooperationId).executeTakeFirst()) as StatusCooperationRow | undefined;
  if (!row || !openedBy(row.opened_on, asOf)) return undefined;
  const cooperation = { ourOrganisationId: row.our_organisation_id, partner: { kind: row.partner_kind as 'region' | 'organisation', id: row.partner_id }, openedOn: row.opened_on };
  const limit = sortKeyLimitOf(asOf);
  const view = stageView(cooperationId, cooperation, stageAtCut(row.opened_on, JSON.parse(row.stage_changes) as StageChangeMark[], limit));
  const [counts, items] = await Promise.all([
    entryCountsIn(db, [cooperationId], BEFORE, limit),
    listedItems(db, cooperationScope(cooperationId), { endedCooperations: view.stage === 'ended' ? [cooperationId] : [], before: limit }),
  ]);
  const shown = shownCountsOf(counts);
  return summarizeCooperationStatus(view, { shown, items }, asOf, await namesOf(db, namesShownFor(shown.counts)));
}

/**
 * An `asOf` cut holds a cooperation's entries only once it had opened (visible-entries' whereOpenedBy): one dated
 * "2017" in a cooperation opened on 2017-03-14 is left out of a cut on 2017-02-01. Those opened by then hold every
 * entry dated by then.
 */
function openedBy(openedOn: string, asOf: number): boolean {
  return dateKeyOfText(openedOn) <= asOf;
}

/**
 * The region's counts at the cut, by the shorter way: summed from the entries before the cut, or, when fewer are
 * dated after it (a late cut), its current counts less the entries from the cut on and less the cooperations not yet
 * opened (their own tallies). How the region's interactions spread over the years (kept with its tally) tells which
 * side is shorter. Both give the same counts: the region's tally is the sum of its cooperations' entries.
 */
async function countsAsOf(db: ProjectionDb, regionId: string, opened: readonly CooperationStageView[], leftOut: readonly string[], asOf: number, limit: number): Promise<Record<string, number>> {
  const row = (await db.selectFrom(STATUS_TALLIES).select('spread').where('region_id', '=', regionId).executeTakeFirst()) as Pick<StatusTallyRow, 'spread'> | undefined;
  const { before, after } = row ? interactionsAround(JSON.parse(row.spread) as TallySpread, asOf) : { before: 0, after: 0 };
  if (after >= before) return entryCountsIn(db, idsOf(opened), BEFORE, limit);
  const [current, later, unopened] = await Promise.all([
    tallyCountsOf(db, [regionId]),
    entryCountsIn(db, idsOf(opened), { column: 'sort_key', op: '>=' }, limit),
    tallyCountsOf(
      db,
      leftOut.map((id) => cooperationScope(id)),
    ),
  ]);
  const counts = current[0] ?? emptyTally().counts;
  addCounts(counts, later, -1);
  for (const tally of unopened) addCounts(counts, tally, -1);
  return counts;
}

/** The entries dated before a cut's sort key limit. */
const BEFORE = { column: 'sort_key', op: '<' } as const;

function idsOf(views: readonly CooperationStageView[]): string[] {
  return views.map((view) => view.cooperationId);
}
