import type { ProjectionDb } from '../engine/projection';
import { dateKeyOfText } from '../history/date-key';
import { sortKeyLimitOf, type HistoryCut } from '../timeline/visible-entries';
import { stageAtCut, stageView } from './cooperation-stage-view';
import { listedItems } from './current-status';
import { namesShownFor, shownCountsOf, summarizeCooperationStatus, summarizeRegionStatus, type CooperationStageView, type CooperationStatus, type RegionStatus } from './region-status';
import { CodeSums, decodeCounts, keysOf, type KnownKeys } from './status-key-codes';
import { namesOf } from './status-names';
import { chunked, cooperationMarksOf, entryCountsIn, tallyCountsOf, type EntryCondition } from './status-sums';
import { addCounts, emptyTally, type StatusItem, type StatusTally } from './status-tally';
import { cooperationScope, STATUS_COOPERATIONS, STATUS_REGIONS, STATUS_SUPERSEDED, STATUS_TALLIES, type StageChangeMark, type StatusCooperationRow, type StatusRegionRow, type StatusSupersededRow, type StatusTallyRow } from './status.tables';
import { interactionsAround, recordedAround, type TallySpread } from './tally-spread';

/** A cut as the sums read it: entries dated before `limit` (a sort key) and known by `knownBy` (ms); unbounded sides are infinite. */
interface SummedCut {
  asOf?: number;
  limit: number;
  knownBy: number;
}

function summedCut(cut: HistoryCut): SummedCut {
  return {
    ...(cut.asOf === undefined ? {} : { asOf: cut.asOf }),
    limit: cut.asOf === undefined ? Number.POSITIVE_INFINITY : sortKeyLimitOf(cut.asOf),
    knownBy: cut.knownAtMs ?? Number.POSITIVE_INFINITY,
  };
}

/**
 * The status of a region at a cut (`asOf` a day, `knownAt` a moment, or both), summed from the status projection's
 * rows: its cooperations opened by the day and recorded by the moment, at the stages they stood at then; their
 * entries inside the cut added up from the count keys each entry row keeps (an index range per cooperation); the
 * listed entries inside the cut (a range of the region's items per kind). What we knew of an entry at a moment is its
 * current version if that was recorded by then (entry and item rows keep when), else the version a later correction
 * or retraction replaced (status_superseded keeps what each replaced version added, and when it was known). Stage
 * changes and openings have one version each. The recording clock only moves forward in `$all` order, so what was
 * recorded later came later in `$all`: the answer is what a projection of the events inside the cut gives now, and
 * what a replay from the timeline's versions gives (regionStatusAtCut), as the time-travel property tests check, at
 * a fraction of the reads: no references loaded, no entry parsed, one statement per 500 cooperations.
 */
export async function regionStatusSummed(db: ProjectionDb, regionId: string, cut: HistoryCut, dayKey: number): Promise<RegionStatus | undefined> {
  const at = summedCut(cut);
  // What does not depend on the region's row is asked for with it (on PostgreSQL each read is a round trip).
  const keys = handled(keysOf(db));
  const [region, spread] = await Promise.all([
    db.selectFrom(STATUS_REGIONS).select('cooperations').where('region_id', '=', regionId).executeTakeFirst() as Promise<Pick<StatusRegionRow, 'cooperations'> | undefined>,
    spreadOf(db, regionId),
  ]);
  const views = region ? (JSON.parse(region.cooperations) as CooperationStageView[]) : [];
  const byDate = views.filter((view) => openedBy(view.openedOn, at.asOf));
  const byDateIds = byDate.map((view) => view.cooperationId);
  const leftOut = views.filter((view) => !openedBy(view.openedOn, at.asOf)).map((view) => view.cooperationId);
  const marks = await cooperationMarksOf(db, byDateIds);
  const opened = byDate.filter((view) => (marks.get(view.cooperationId)?.openedKnownFrom ?? Number.POSITIVE_INFINITY) <= at.knownBy);
  const stages = opened.map((view) => {
    const mark = stageAtCut(view.openedOn, marks.get(view.cooperationId)?.stageChanges ?? [], at.limit, at.knownBy);
    return { ...view, stage: mark.stage, stageSince: mark.since };
  });
  const ended = stages.filter((stage) => stage.stage === 'ended').map((stage) => stage.cooperationId);
  const openedIds = opened.map((view) => view.cooperationId);
  // Independent reads go out together (on PostgreSQL each is a round trip of its own).
  const [counts, replaced, current] = await Promise.all([
    countsAt(db, keys, { scope: regionId, spread }, byDateIds, openedIds, leftOut, at),
    replacedAt(db, keys, openedIds, at),
    listedItems(db, regionId, { endedCooperations: ended, ...itemCut(at), leftOut }),
  ]);
  // What the summary reads of the counts, worked out once: a large region's name thousands of people and days.
  const shown = shownCountsOf(addCounts(counts, replaced.counts, 1));
  const names = await namesOf(db, [{ kind: 'region', id: regionId }, ...namesShownFor(shown.counts)]);
  if (!names.known('region', regionId)) return undefined;
  return summarizeRegionStatus(regionId, { shown, items: withItems(current, replaced.items) }, stages, dayKey, names);
}

/** The same for one cooperation; undefined when it is unknown, or not opened by the day or recorded by the moment. */
export async function cooperationStatusSummed(db: ProjectionDb, cooperationId: string, cut: HistoryCut, dayKey: number): Promise<CooperationStatus | undefined> {
  const at = summedCut(cut);
  const scope = cooperationScope(cooperationId);
  const keys = handled(keysOf(db));
  const [row, spread] = await Promise.all([
    db.selectFrom(STATUS_COOPERATIONS).selectAll().where('cooperation_id', '=', cooperationId).executeTakeFirst() as Promise<StatusCooperationRow | undefined>,
    spreadOf(db, scope),
  ]);
  if (!row || !openedBy(row.opened_on, at.asOf) || Number(row.opened_known_from) > at.knownBy) return undefined;
  const cooperation = { ourOrganisationId: row.our_organisation_id, partner: { kind: row.partner_kind as 'region' | 'organisation', id: row.partner_id }, openedOn: row.opened_on };
  const view = stageView(cooperationId, cooperation, stageAtCut(row.opened_on, JSON.parse(row.stage_changes) as StageChangeMark[], at.limit, at.knownBy));
  const [counts, replaced, current] = await Promise.all([
    countsAt(db, keys, { scope, spread }, [cooperationId], [cooperationId], [], at),
    replacedAt(db, keys, [cooperationId], at),
    listedItems(db, scope, { endedCooperations: view.stage === 'ended' ? [cooperationId] : [], ...itemCut(at) }),
  ]);
  const shown = shownCountsOf(addCounts(counts, replaced.counts, 1));
  return summarizeCooperationStatus(view, { shown, items: withItems(current, replaced.items) }, dayKey, await namesOf(db, namesShownFor(shown.counts)));
}

/**
 * An `asOf` cut holds a cooperation's entries only once it had opened (visible-entries' whereOpenedBy): one dated
 * "2017" in a cooperation opened on 2017-03-14 is left out of a cut on 2017-02-01. Those opened by then hold every
 * entry dated by then.
 */
function openedBy(openedOn: string, asOf: number | undefined): boolean {
  return asOf === undefined || dateKeyOfText(openedOn) <= asOf;
}

function itemCut(at: SummedCut): { before?: number; knownBy?: number } {
  return { ...(at.asOf === undefined ? {} : { before: at.limit }), ...(at.knownBy === Number.POSITIVE_INFINITY ? {} : { knownBy: at.knownBy }) };
}

/**
 * What the current versions inside the cut add up to in a tally scope, by the shorter way. When a side of the cut
 * leaves out most of the scope's versions (an early day or moment), the entries inside it are summed: the range of
 * the side that holds fewer, the other side a filter inside the same index. When both sides hold most of them (a late
 * cut), the scope's current counts are taken less what lies beyond the cut: the cooperations not opened by the day
 * (their own tallies), the entries dated from the day on, the entries recorded after the moment, plus those that are
 * both (taken out twice). How the scope's versions spread over dates and recording months (kept with its tally)
 * tells the shares. `byDate`: the scope's cooperations opened by the day; `opened`: those of them recorded by the
 * moment (no other has entries inside the cut); `leftOut`: those not opened by the day.
 */
async function countsAt(
  db: ProjectionDb,
  keys: Promise<KnownKeys>,
  { scope, spread }: { scope: string; spread: TallySpread | undefined },
  byDate: readonly string[],
  opened: readonly string[],
  leftOut: readonly string[],
  at: SummedCut,
): Promise<Record<string, number>> {
  const datedShare = at.asOf === undefined ? 1 : shareBefore(spread && interactionsAround(spread, at.asOf));
  const knownShare = at.knownBy === Number.POSITIVE_INFINITY ? 1 : shareBefore(spread && recordedAround(spread, at.knownBy));
  const dated: EntryCondition = { column: 'sort_key', op: '<', value: at.limit };
  const known: EntryCondition = { column: 'known_from', op: '<=', value: at.knownBy };
  if (Math.min(datedShare, knownShare) <= 0.5) {
    if (datedShare <= knownShare) return entryCountsIn(db, keys, opened, dated, ...(at.knownBy === Number.POSITIVE_INFINITY ? [] : [known]));
    return entryCountsIn(db, keys, opened, known, ...(at.asOf === undefined ? [] : [dated]));
  }
  const datedLater: EntryCondition = { column: 'sort_key', op: '>=', value: at.limit };
  const knownLater: EntryCondition = { column: 'known_from', op: '>', value: at.knownBy };
  const none = Promise.resolve(emptyTally().counts);
  const [current, unopened, later, recordedLater, both] = await Promise.all([
    tallyCountsOf(db, [scope]),
    tallyCountsOf(
      db,
      leftOut.map((id) => cooperationScope(id)),
    ),
    at.asOf === undefined ? none : entryCountsIn(db, keys, byDate, datedLater),
    at.knownBy === Number.POSITIVE_INFINITY ? none : entryCountsIn(db, keys, byDate, knownLater),
    at.asOf === undefined || at.knownBy === Number.POSITIVE_INFINITY ? none : entryCountsIn(db, keys, byDate, datedLater, knownLater),
  ]);
  const counts = current[0] ?? emptyTally().counts;
  for (const tally of unopened) addCounts(counts, tally, -1);
  addCounts(counts, later, -1);
  addCounts(counts, recordedLater, -1);
  return addCounts(counts, both, 1);
}

/** How a tally scope's versions spread over dates and recording months (kept with its tally); none yet: undefined. */
async function spreadOf(db: ProjectionDb, scope: string): Promise<TallySpread | undefined> {
  const row = (await db.selectFrom(STATUS_TALLIES).select('spread').where('region_id', '=', scope).executeTakeFirst()) as Pick<StatusTallyRow, 'spread'> | undefined;
  return row ? (JSON.parse(row.spread) as TallySpread) : undefined;
}

/**
 * A read started ahead, marked handled: a cut that fails or ends before it waits for it (an unknown region) must not
 * leave it as an unhandled rejection. Whoever awaits it still gets its error.
 */
function handled<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

/** The share of a scope's versions before a cut, by its spread; none known reads as an early cut. */
function shareBefore(around: { before: number; after: number } | undefined): number {
  if (around === undefined || around.before + around.after === 0) return 0;
  return around.before / (around.before + around.after);
}

/**
 * What the replaced versions we knew at the cut's moment add up to (known by then, replaced after, dated before the
 * cut's day). Few (a version replaced after the moment, of an entry recorded before it), read by (cooperation,
 * replaced when) and added whole. Nothing without a moment: now, no replaced version is known.
 */
async function replacedAt(db: ProjectionDb, keys: Promise<KnownKeys>, cooperationIds: readonly string[], at: SummedCut): Promise<StatusTally> {
  if (at.knownBy === Number.POSITIVE_INFINITY) return emptyTally();
  const reads = chunked(cooperationIds).map((ids) => {
    let query = db.selectFrom(STATUS_SUPERSEDED).select(['counts', 'items']).where('cooperation_id', 'in', ids).where('known_to', '>', at.knownBy).where('known_from', '<=', at.knownBy);
    if (at.asOf !== undefined) query = query.where('sort_key', '<', at.limit);
    return query.execute() as Promise<Pick<StatusSupersededRow, 'counts' | 'items'>[]>;
  });
  const sums = new CodeSums();
  const items = emptyTally().items;
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) {
      sums.addList(row.counts);
      for (const item of JSON.parse(row.items) as StatusItem[]) items[`${item.kind}:${item.entryKey}`] = item;
    }
  }
  return { counts: await decodeCounts(db, sums, keys), items };
}

/**
 * The listed candidates: the current versions' (the latest few per kind) and the replaced versions' known at the cut.
 * They are different entries (an entry's replaced version is known at the cut only if its current one is not), and
 * the summary takes the first and latest few of them all.
 */
function withItems(current: Record<string, StatusItem>, replaced: Record<string, StatusItem>): Record<string, StatusItem> {
  return Object.assign(Object.create(null) as Record<string, StatusItem>, current, replaced);
}
