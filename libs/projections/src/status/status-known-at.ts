import type { ProjectionDb } from '../engine/projection';
import { stageAtCut, stageView } from './cooperation-stage-view';
import { listedItems } from './current-status';
import { namesShownFor, shownCountsOf, summarizeCooperationStatus, summarizeRegionStatus, type CooperationStageView, type CooperationStatus, type RegionStatus } from './region-status';
import { namesOf } from './status-names';
import { CodeSums, decodeCounts } from './status-key-codes';
import { chunked, cooperationMarksOf, entryCountsIn, tallyCountsOf } from './status-sums';
import { recordedAround, type TallySpread } from './tally-spread';
import { addCounts, emptyTally, type StatusItem, type StatusTally } from './status-tally';
import { cooperationScope, STATUS_COOPERATIONS, STATUS_REGIONS, STATUS_SUPERSEDED, STATUS_TALLIES, type StatusCooperationRow, type StatusRegionRow, type StatusSupersededRow, type StatusTallyRow } from './status.tables';

const NO_SORT_KEY_LIMIT = Number.POSITIVE_INFINITY;

/**
 * The status of a region as we knew it at a moment (a `knownAt` cut alone; with `asOf` too it is replayed from the
 * timeline's versions), summed from the status projection's rows. What we knew then is, for each entry, the version
 * known by then and not yet replaced: its current version if that was recorded by then (status_entries and
 * status_items keep when), else the replaced version known then (status_superseded, which keeps what each replaced
 * version added). Stage changes and openings have one version each: those recorded by then count. The recording
 * clock only moves forward in `$all` order, so everything recorded later came later in `$all`, and a projection of
 * the events recorded by then answers alike (the time-travel property tests compare them).
 */
export async function regionStatusKnownAt(db: ProjectionDb, regionId: string, knownAtMs: number, dayKey: number): Promise<RegionStatus | undefined> {
  const region = (await db.selectFrom(STATUS_REGIONS).select('cooperations').where('region_id', '=', regionId).executeTakeFirst()) as Pick<StatusRegionRow, 'cooperations'> | undefined;
  const views = region ? (JSON.parse(region.cooperations) as CooperationStageView[]) : [];
  const all = views.map((view) => view.cooperationId);
  const marks = await cooperationMarksOf(db, all);
  const opened = views.filter((view) => (marks.get(view.cooperationId)?.openedKnownFrom ?? Number.POSITIVE_INFINITY) <= knownAtMs);
  const openedIds = opened.map((view) => view.cooperationId);
  const stages = opened.map((view) => {
    const mark = stageAtCut(view.openedOn, marks.get(view.cooperationId)?.stageChanges ?? [], NO_SORT_KEY_LIMIT, knownAtMs);
    return { ...view, stage: mark.stage, stageSince: mark.since };
  });
  const ended = stages.filter((stage) => stage.stage === 'ended').map((stage) => stage.cooperationId);
  const [counts, replaced, current] = await Promise.all([
    countsKnownAt(db, regionId, all, openedIds, knownAtMs),
    replacedKnownAt(db, openedIds, knownAtMs),
    listedItems(db, regionId, { endedCooperations: ended, knownBy: knownAtMs }),
  ]);
  // What the summary reads of the counts, worked out once: a large region's name thousands of people and days.
  const shown = shownCountsOf(addCounts(counts, replaced.counts, 1));
  const names = await namesOf(db, [{ kind: 'region', id: regionId }, ...namesShownFor(shown.counts)]);
  if (!names.known('region', regionId)) return undefined;
  return summarizeRegionStatus(regionId, { shown, items: withItems(current, replaced.items) }, stages, dayKey, names);
}

/** The same for one cooperation; undefined when it is unknown or its opening was recorded after `knownAtMs`. */
export async function cooperationStatusKnownAt(db: ProjectionDb, cooperationId: string, knownAtMs: number, dayKey: number): Promise<CooperationStatus | undefined> {
  const row = (await db.selectFrom(STATUS_COOPERATIONS).selectAll().where('cooperation_id', '=', cooperationId).executeTakeFirst()) as StatusCooperationRow | undefined;
  if (!row || Number(row.opened_known_from) > knownAtMs) return undefined;
  const cooperation = { ourOrganisationId: row.our_organisation_id, partner: { kind: row.partner_kind as 'region' | 'organisation', id: row.partner_id }, openedOn: row.opened_on };
  const view = stageView(cooperationId, cooperation, stageAtCut(row.opened_on, JSON.parse(row.stage_changes) as [number, string, string, number][], NO_SORT_KEY_LIMIT, knownAtMs));
  const scope = cooperationScope(cooperationId);
  const [counts, replaced, current] = await Promise.all([
    countsKnownAt(db, scope, [cooperationId], [cooperationId], knownAtMs),
    replacedKnownAt(db, [cooperationId], knownAtMs),
    listedItems(db, scope, { endedCooperations: view.stage === 'ended' ? [cooperationId] : [], knownBy: knownAtMs }),
  ]);
  const shown = shownCountsOf(addCounts(counts, replaced.counts, 1));
  return summarizeCooperationStatus(view, { shown, items: withItems(current, replaced.items) }, dayKey, await namesOf(db, namesShownFor(shown.counts)));
}

/**
 * What the current versions recorded by `knownAtMs` add up to in a tally scope, by the shorter way: summed from the
 * entries known by then (of the cooperations opened by then: no other has any), or, when fewer were recorded after
 * (a late cut), the scope's current counts less the entries recorded after. The scope's tally keeps how many of its
 * current versions were recorded in each month (`recorded:` keys, kept in its TallySpread), which tells the shorter way.
 */
async function countsKnownAt(db: ProjectionDb, scope: string, all: readonly string[], opened: readonly string[], knownAtMs: number): Promise<Record<string, number>> {
  const row = (await db.selectFrom(STATUS_TALLIES).select('spread').where('region_id', '=', scope).executeTakeFirst()) as Pick<StatusTallyRow, 'spread'> | undefined;
  const { before, after } = row ? recordedAround(JSON.parse(row.spread) as TallySpread, knownAtMs) : { before: 0, after: 0 };
  if (after >= before) return entryCountsIn(db, opened, { column: 'known_from', op: '<=' }, knownAtMs);
  const [current, later] = await Promise.all([tallyCountsOf(db, [scope]), entryCountsIn(db, all, { column: 'known_from', op: '>' }, knownAtMs)]);
  return addCounts(current[0] ?? emptyTally().counts, later, -1);
}

/**
 * What the replaced versions we knew at `knownAtMs` add up to: known by then, replaced after. Few (a version replaced
 * after the cut, of an entry recorded before it), read by (cooperation, replaced when) and added whole.
 */
async function replacedKnownAt(db: ProjectionDb, cooperationIds: readonly string[], knownAtMs: number): Promise<StatusTally> {
  const reads = chunked(cooperationIds).map(
    (ids) =>
      db
        .selectFrom(STATUS_SUPERSEDED)
        .select(['counts', 'items'])
        .where('cooperation_id', 'in', ids)
        .where('known_to', '>', knownAtMs)
        .where('known_from', '<=', knownAtMs)
        .execute() as Promise<Pick<StatusSupersededRow, 'counts' | 'items'>[]>,
  );
  const sums = new CodeSums();
  const items = emptyTally().items;
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) {
      sums.addList(row.counts);
      for (const item of JSON.parse(row.items) as StatusItem[]) items[`${item.kind}:${item.entryKey}`] = item;
    }
  }
  return { counts: await decodeCounts(db, sums), items };
}

/**
 * The listed candidates: the current versions' (the latest few per kind) and the replaced versions' known at the cut.
 * They are different entries (an entry's replaced version is known at the cut only if its current one is not), and
 * the summary takes the first and latest few of them all.
 */
function withItems(current: Record<string, StatusItem>, replaced: Record<string, StatusItem>): Record<string, StatusItem> {
  return Object.assign(Object.create(null) as Record<string, StatusItem>, current, replaced);
}
