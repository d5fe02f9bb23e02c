import type { ProjectionDb } from '../engine/projection';
import { dateKeyOfText } from '../history/date-key';
import { sortKeyLimitOf } from '../timeline/visible-entries';
import { stageAtCut, stageView } from './cooperation-stage-view';
import { namesShownFor, summarizeCooperationStatus, summarizeRegionStatus, type CooperationStageView, type CooperationStatus, type RegionStatus } from './region-status';
import { namesOf } from './status-names';
import { contributeTo, emptyTally, sidesOf, type StatusTally } from './status-tally';
import { entryOfRow, STATUS_COOPERATIONS, STATUS_ENTRIES, STATUS_REGIONS, type StageChangeMark, type StatusCooperationRow, type StatusEntryRow, type StatusRegionRow } from './status.tables';

/** Cooperations per read of their entries: well under both databases' limits on bound parameters. */
const COOPERATIONS_PER_READ = 500;

/**
 * The status of a region as of a day (an `asOf` cut alone; with `knownAt` it is replayed from the timeline's
 * versions): its cooperations opened by then, at the stages they stood at, each with its entries dated by then
 * summed up from the status projection's rows (the current version of each, an index range per cooperation). What
 * the replay from the timeline answers (regionStatusAtCut), as the time-travel property tests check, at a fraction of
 * the reads: no references loaded, small rows, one statement per 500 cooperations.
 */
export async function regionStatusAsOf(db: ProjectionDb, regionId: string, asOf: number): Promise<RegionStatus | undefined> {
  const region = (await db.selectFrom(STATUS_REGIONS).select('cooperations').where('region_id', '=', regionId).executeTakeFirst()) as Pick<StatusRegionRow, 'cooperations'> | undefined;
  const limit = sortKeyLimitOf(asOf);
  const opened = (region ? (JSON.parse(region.cooperations) as CooperationStageView[]) : []).filter((view) => openedBy(view.openedOn, asOf));
  // Independent reads go out together (on PostgreSQL each is a round trip of its own).
  const [changes, tally] = await Promise.all([stageChangesOf(db, opened), tallyBefore(db, opened, limit)]);
  const stages = opened.map((view) => {
    const mark = stageAtCut(view.openedOn, changes.get(view.cooperationId) ?? [], limit);
    return { ...view, stage: mark.stage, stageSince: mark.since };
  });
  const names = await namesOf(db, [{ kind: 'region', id: regionId }, ...namesShownFor(tally.counts)]);
  if (!names.known('region', regionId)) return undefined;
  return summarizeRegionStatus(regionId, tally, stages, asOf, names);
}

/** The same for one cooperation; undefined when it is unknown or was not open by `asOf`. */
export async function cooperationStatusAsOf(db: ProjectionDb, cooperationId: string, asOf: number): Promise<CooperationStatus | undefined> {
  const row = (await db.selectFrom(STATUS_COOPERATIONS).selectAll().where('cooperation_id', '=', cooperationId).executeTakeFirst()) as StatusCooperationRow | undefined;
  if (!row || !openedBy(row.opened_on, asOf)) return undefined;
  const cooperation = { ourOrganisationId: row.our_organisation_id, partner: { kind: row.partner_kind as 'region' | 'organisation', id: row.partner_id }, openedOn: row.opened_on };
  const limit = sortKeyLimitOf(asOf);
  const view = stageView(cooperationId, cooperation, stageAtCut(row.opened_on, JSON.parse(row.stage_changes) as StageChangeMark[], limit));
  const tally = await tallyBefore(db, [view], limit);
  return summarizeCooperationStatus(view, tally, asOf, await namesOf(db, namesShownFor(tally.counts)));
}

/**
 * An `asOf` cut holds a cooperation's entries only once it had opened (visible-entries' whereOpenedBy): one dated
 * "2017" in a cooperation opened on 2017-03-14 is left out of a cut on 2017-02-01. Those opened by then hold every
 * entry dated by then.
 */
function openedBy(openedOn: string, asOf: number): boolean {
  return dateKeyOfText(openedOn) <= asOf;
}

/** What the cooperations' current entries dated before `limit` (a sort key) add up to. */
async function tallyBefore(db: ProjectionDb, cooperations: readonly CooperationStageView[], limit: number): Promise<StatusTally> {
  const sides = new Map(cooperations.map((view) => [view.cooperationId, sidesOf(view)]));
  const reads = idChunks(cooperations).map(
    (ids) => db.selectFrom(STATUS_ENTRIES).select(['cooperation_id', 'entry_key', 'sort_key', 'entry']).where('cooperation_id', 'in', ids).where('sort_key', '<', limit).execute() as Promise<StatusEntryRow[]>,
  );
  const tally = emptyTally();
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) contributeTo(tally, entryOfRow(row), sides.get(row.cooperation_id));
  }
  return tally;
}

/** The kept stage changes of the cooperations, by cooperation: one read by key per 500. */
async function stageChangesOf(db: ProjectionDb, cooperations: readonly CooperationStageView[]): Promise<Map<string, StageChangeMark[]>> {
  const reads = idChunks(cooperations).map(
    (ids) => db.selectFrom(STATUS_COOPERATIONS).select(['cooperation_id', 'stage_changes']).where('cooperation_id', 'in', ids).execute() as Promise<Pick<StatusCooperationRow, 'cooperation_id' | 'stage_changes'>[]>,
  );
  const changes = new Map<string, StageChangeMark[]>();
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) changes.set(row.cooperation_id, JSON.parse(row.stage_changes) as StageChangeMark[]);
  }
  return changes;
}

function idChunks(cooperations: readonly CooperationStageView[]): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < cooperations.length; start += COOPERATIONS_PER_READ) chunks.push(cooperations.slice(start, start + COOPERATIONS_PER_READ).map((view) => view.cooperationId));
  return chunks;
}
