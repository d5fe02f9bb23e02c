import type { ProjectedEvent } from '../events/projected-event';
import type { Projection, ProjectionDb, ProjectionDefinition, ReadModelKind } from '../engine/projection';
import { createReferenceTable, loadReferences, saveReferences } from '../engine/reference-rows';
import type { HistoryChange, HistoryEntry } from '../history/history-entry';
import { HistoryReducer } from '../history/history-reducer';
import { ReferenceData } from '../history/reference-data';
import { laterStage, openingStage, stageView, type StageMark } from './cooperation-stage-view';
import { shownCountsOf, type CooperationStageView } from './region-status';
import { StatusKeyCodes } from './status-key-codes';
import { spreadOf } from './tally-spread';
import { addCounts, contributionOf, emptyTally, sidesOf, tallyContributionOf, withRecordedMonth, type StatusTally } from './status-tally';
import {
  cooperationScope,
  entryOfRow,
  entryRowOf,
  itemRowOf,
  STATUS_COOPERATIONS,
  STATUS_ENTRIES,
  STATUS_ITEMS,
  STATUS_KEYS,
  STATUS_REFS,
  STATUS_REGIONS,
  STATUS_SUPERSEDED,
  STATUS_TABLES,
  STATUS_TALLIES,
  supersededRowOf,
  type StageChangeMark,
  type StatusCooperationRow,
  type StatusEntryRow,
  type StatusItemRow,
  type StatusRegionRow,
  type StatusSupersededRow,
  type StatusTallyRow,
} from './status.tables';

export const STATUS_PROJECTION = 'status';

/** Keys per `IN (...)` list and per `OR` of deletions: well under both databases' limits on bound parameters. */
const CHUNK = 500;

/**
 * Where we stand with each region, kept current so that a region's status is read from a handful of rows however
 * long its history: per region the counts of its tally, its listed entries (contacts, cross-memberships,
 * opportunities) as rows in timeline order, and its cooperations with their stages; per cooperation its stage, the
 * current version of each of its entries, and a tally and listed entries of its own (as a region's). Runs its own
 * HistoryReducer, so it is built, checkpointed and rebuilt independently of the timeline. A correction or retraction
 * takes the old version's contribution out of every tally it was added to and adds the new one's; each touched row is
 * written once per batch.
 */
export class StatusProjection implements Projection {
  readonly name = STATUS_PROJECTION;
  // 2: each cooperation's own tally and listed items, beside the regions' (status_tallies, status_items).
  // 3: entries' sort keys and cooperations' stage changes, so that a status `asOf` a day is summed from these rows.
  // 4: stage changes kept once, by cooperation (schema 3 also copied them into each region's row).
  // 5: each entry's count keys (status_entries.counts), in the index an `asOf` status reads.
  // 6: when each version was known (known_from, status_superseded, recorded months), so that a status `knownAt` a
  //    moment is summed from these rows too; entries' count keys as codes (status_keys).
  readonly schemaVersion = 6;
  readonly tables = STATUS_TABLES;
  private readonly refs = new ReferenceData();
  private reducer = new HistoryReducer(this.refs);
  /**
   * The counts of every region read or written since `load`: a batch touches mostly the regions the one before
   * touched, so they are parsed once rather than every batch. Mirrors the rows; forgotten on `reset`.
   */
  private readonly tallies = new Map<string, Record<string, number>>();
  /** The count keys' codes: loaded with the references, extended as versions are folded, forgotten on `reset`. */
  private readonly codes = new StatusKeyCodes();
  /**
   * While rebuilding (deferUntilFlush): the scopes whose tallies changed since the rebuild began, written once by
   * `flush`. Rewriting every touched tally each batch was a third of a status rebuild: the largest regions' counts
   * name thousands of people and days.
   */
  private deferred: Set<string> | undefined;

  async createTables(db: ProjectionDb, indexSuffix: string, kind: ReadModelKind): Promise<void> {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    // Constraint names carry the suffix: in PostgreSQL they name indexes, which must not clash with the live tables'.
    const pk = (table: string) => `${table}_pk_${indexSuffix}`;
    await createReferenceTable(db, STATUS_REFS, indexSuffix);
    await db.schema
      .createTable(STATUS_ENTRIES)
      .addColumn('cooperation_id', 'text', (column) => column.notNull())
      .addColumn('entry_key', 'text', (column) => column.notNull())
      .addColumn('sort_key', bigint, (column) => column.notNull())
      .addColumn('known_from', bigint, (column) => column.notNull())
      .addColumn('counts', 'text', (column) => column.notNull())
      .addColumn('entry', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(pk(STATUS_ENTRIES), ['cooperation_id', 'entry_key'])
      .execute();
    await db.schema
      .createTable(STATUS_COOPERATIONS)
      .addColumn('cooperation_id', 'text', (column) => column.notNull())
      .addColumn('our_organisation_id', 'text', (column) => column.notNull())
      .addColumn('partner_kind', 'text', (column) => column.notNull())
      .addColumn('partner_id', 'text', (column) => column.notNull())
      .addColumn('opened_on', 'text', (column) => column.notNull())
      .addColumn('opened_known_from', bigint, (column) => column.notNull())
      .addColumn('stage', 'text', (column) => column.notNull())
      .addColumn('stage_since', 'text', (column) => column.notNull())
      .addColumn('stage_sort_key', bigint)
      .addColumn('stage_changes', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(pk(STATUS_COOPERATIONS), ['cooperation_id'])
      .execute();
    await db.schema
      .createTable(STATUS_REGIONS)
      .addColumn('region_id', 'text', (column) => column.notNull())
      .addColumn('cooperations', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(pk(STATUS_REGIONS), ['region_id'])
      .execute();
    await db.schema
      .createTable(STATUS_TALLIES)
      .addColumn('region_id', 'text', (column) => column.notNull())
      .addColumn('counts', 'text', (column) => column.notNull())
      .addColumn('shown', 'text', (column) => column.notNull())
      .addColumn('spread', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(pk(STATUS_TALLIES), ['region_id'])
      .execute();
    await db.schema
      .createTable(STATUS_ITEMS)
      .addColumn('region_id', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('sort_key', bigint, (column) => column.notNull())
      .addColumn('cooperation_id', 'text', (column) => column.notNull())
      .addColumn('known_from', bigint, (column) => column.notNull())
      .addColumn('item', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(pk(STATUS_ITEMS), ['region_id', 'kind', 'sort_key'])
      .execute();
    await db.schema
      .createTable(STATUS_SUPERSEDED)
      .addColumn('cooperation_id', 'text', (column) => column.notNull())
      .addColumn('entry_key', 'text', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('sort_key', bigint, (column) => column.notNull())
      .addColumn('known_from', bigint, (column) => column.notNull())
      .addColumn('known_to', bigint, (column) => column.notNull())
      .addColumn('counts', 'text', (column) => column.notNull())
      .addColumn('items', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(pk(STATUS_SUPERSEDED), ['cooperation_id', 'entry_key', 'version'])
      .execute();
    await db.schema
      .createTable(STATUS_KEYS)
      .addColumn('code', 'integer', (column) => column.notNull())
      .addColumn('key', 'text', (column) => column.notNull())
      .addColumn('chain', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(pk(STATUS_KEYS), ['code'])
      .execute();
  }

  /**
   * A status `asOf` a day sums the count keys of each of its cooperations' entries before the day, one `knownAt` a
   * moment those known by then, one with both those that are both: a range of one of these indexes (the side of the
   * cut that holds fewer), the other side checked inside it; they hold the count keys, so on SQLite the rows are not
   * read at all. The other queries read by primary key (a region's items in timeline order are a range of the items' key;
   * at a `knownAt` cut, of an index that also holds when each was recorded; superseded versions are few, an index
   * range per cooperation).
   */
  async createQueryIndexes(db: ProjectionDb, indexSuffix: string): Promise<void> {
    await db.schema.createIndex(`${STATUS_ENTRIES}_by_date_${indexSuffix}`).on(STATUS_ENTRIES).columns(['cooperation_id', 'sort_key', 'known_from', 'counts']).execute();
    await db.schema.createIndex(`${STATUS_ENTRIES}_by_known_${indexSuffix}`).on(STATUS_ENTRIES).columns(['cooperation_id', 'known_from', 'sort_key', 'counts']).execute();
    await db.schema.createIndex(`${STATUS_ITEMS}_by_known_${indexSuffix}`).on(STATUS_ITEMS).columns(['region_id', 'kind', 'sort_key', 'known_from', 'cooperation_id']).execute();
    await db.schema.createIndex(`${STATUS_SUPERSEDED}_by_known_${indexSuffix}`).on(STATUS_SUPERSEDED).columns(['cooperation_id', 'known_to', 'known_from']).execute();
  }

  async load(db: ProjectionDb): Promise<void> {
    const cursor = await loadReferences(db, STATUS_REFS, this.refs);
    this.reducer = new HistoryReducer(this.refs, cursor);
    this.tallies.clear();
    await this.codes.load(db);
  }

  reset(): void {
    this.refs.clear();
    this.reducer = new HistoryReducer(this.refs);
    this.tallies.clear();
    this.codes.clear();
  }

  async apply(events: readonly ProjectedEvent[], trx: ProjectionDb): Promise<void> {
    const batch = new StatusBatch(this.refs, this.tallies, this.codes);
    const changes = await this.reduce(events, trx, batch);
    await batch.read(trx, changes);
    for (const change of changes) batch.fold(change);
    await batch.write(trx, this.deferred);
    await saveReferences(trx, STATUS_REFS, this.refs.takeChanges(), this.reducer.cursor);
  }

  deferUntilFlush(): void {
    this.deferred = new Set();
  }

  async flush(trx: ProjectionDb): Promise<void> {
    if (!this.deferred) return;
    await writeTallies(trx, this.tallies, this.deferred);
    this.deferred.clear();
  }

  /** Runs the reducer over the batch, with the current versions that its corrections and retractions name read in one query. */
  private async reduce(events: readonly ProjectedEvent[], trx: ProjectionDb, batch: StatusBatch): Promise<HistoryChange[]> {
    const named = new Map<string, { cooperationId: string; key: string }>();
    for (const event of events) {
      const key = HistoryReducer.entryKeyChangedBy(event);
      if (key !== undefined) named.set(key, { cooperationId: event.streamId.slice(COOPERATION_STREAM.length), key });
    }
    const current = await readEntries(trx, [...named.values()]);
    const changes: HistoryChange[] = [];
    for (const event of events) {
      const key = HistoryReducer.entryKeyChangedBy(event);
      const change = this.reducer.apply(event, key === undefined ? undefined : current.get(key));
      if (!change || change.entry.cooperationId === undefined) continue;
      if (change.entry.type !== 'CooperationStageChanged') {
        current.set(change.entry.key, change.entry);
        batch.entries.set(change.entry.key, change.entry);
      }
      changes.push(change);
    }
    return changes;
  }
}

// Corrections and retractions name entries of cooperation streams (HistoryReducer.entryKeyChangedBy).
const COOPERATION_STREAM = 'cooperation-';

/** What one batch changes, in memory, until it is written: each touched row once. */
class StatusBatch {
  /** The current version of each entry (openings and facts) the batch recorded or changed. */
  readonly entries = new Map<string, HistoryEntry>();
  private readonly touchedTallies = new Set<string>();
  private readonly cooperations = new Map<string, StatusCooperationRow>();
  private readonly changedCooperations = new Set<string>();
  /** The cooperation lists of the regions whose cooperations open or move stage in this batch. */
  private readonly regions = new Map<string, Map<string, CooperationStageView>>();
  private readonly changedRegions = new Set<string>();
  private readonly addedItems = new Map<string, StatusItemRow>();
  private readonly removedItems = new Map<string, { regionId: string; kind: string; sortKey: number }>();
  /** The versions corrections and retractions replaced in this batch. */
  private readonly superseded: StatusSupersededRow[] = [];
  private readonly regionsByCooperation = new Map<string, string[]>();

  constructor(
    private readonly refs: ReferenceData,
    private readonly tallies: Map<string, Record<string, number>>,
    private readonly codes: StatusKeyCodes,
  ) {}

  /** The regions a cooperation counts for: its partner's region, and every region that lies around it. */
  private regionsOf(cooperationId: string): string[] {
    let regions = this.regionsByCooperation.get(cooperationId);
    if (!regions) {
      const cooperation = this.refs.get('cooperation', cooperationId);
      regions = cooperation ? this.refs.regionWithAncestors(this.refs.partnerRegionOf(cooperation)) : [];
      this.regionsByCooperation.set(cooperationId, regions);
    }
    return regions;
  }

  /** Where a cooperation's entries are counted: each of its regions, and the cooperation on its own. */
  private talliesOf(cooperationId: string): string[] {
    return [...this.regionsOf(cooperationId), cooperationScope(cooperationId)];
  }

  /** Reads, in a few queries, the rows the batch will change: tallies not yet in memory, stages and region lists that may move. */
  async read(trx: ProjectionDb, changes: readonly HistoryChange[]): Promise<void> {
    const scopes = new Set<string>();
    const moving = new Set<string>();
    for (const change of changes) {
      const cooperationId = change.entry.cooperationId!;
      for (const scope of this.talliesOf(cooperationId)) scopes.add(scope);
      if (change.entry.type === 'CooperationStageChanged' || change.entry.type === 'CooperationOpened') moving.add(cooperationId);
    }
    const unread = [...scopes].filter((scope) => !this.tallies.has(scope));
    for (const chunk of chunks(unread)) {
      const rows = (await trx.selectFrom(STATUS_TALLIES).select(['region_id', 'counts']).where('region_id', 'in', chunk).execute()) as StatusTallyRow[];
      for (const row of rows) this.tallies.set(row.region_id, JSON.parse(row.counts) as Record<string, number>);
    }
    for (const scope of unread) if (!this.tallies.has(scope)) this.tallies.set(scope, emptyTally().counts);
    for (const chunk of chunks([...moving])) {
      const rows = (await trx.selectFrom(STATUS_COOPERATIONS).selectAll().where('cooperation_id', 'in', chunk).execute()) as StatusCooperationRow[];
      for (const row of rows) this.cooperations.set(row.cooperation_id, { ...row, opened_known_from: Number(row.opened_known_from), stage_sort_key: row.stage_sort_key === null ? null : Number(row.stage_sort_key) });
    }
    const listed = new Set([...moving].flatMap((cooperationId) => this.regionsOf(cooperationId)));
    for (const chunk of chunks([...listed])) {
      const rows = (await trx.selectFrom(STATUS_REGIONS).selectAll().where('region_id', 'in', chunk).execute()) as StatusRegionRow[];
      for (const row of rows) this.regions.set(row.region_id, new Map((JSON.parse(row.cooperations) as CooperationStageView[]).map((view) => [view.cooperationId, view])));
    }
    for (const region of listed) if (!this.regions.has(region)) this.regions.set(region, new Map());
  }

  fold(change: HistoryChange): void {
    const { entry, previous } = change;
    const cooperationId = entry.cooperationId!;
    const cooperation = this.refs.get('cooperation', cooperationId);
    if (!cooperation) return;
    const sides = sidesOf(cooperation);
    const scopes = this.talliesOf(cooperationId);
    if (entry.type === 'CooperationOpened') this.moveStage(cooperationId, openingStage(cooperation.openedOn), entry.knownFromMs);
    if (entry.type === 'CooperationStageChanged') this.stageChanged(cooperationId, entry);
    if (previous) {
      this.count(scopes, tallyContributionOf(previous, sides), -1, previous.knownFromMs);
      this.superseded.push(supersededRowOf(previous, entry.knownFromMs, sides, this.codes));
    }
    const contribution = contributionOf(entry, sides);
    // Codes are given here, version by version in `$all` order, whatever the batches: a rebuild gives the same ones.
    for (const key in contribution.counts) this.codes.codeOf(key);
    this.count(scopes, withRecordedMonth(contribution, entry), 1, entry.knownFromMs);
  }

  private stageChanged(cooperationId: string, entry: HistoryEntry): void {
    const row = this.cooperations.get(cooperationId);
    if (!row) return;
    const mark: StageMark = { stage: row.stage, since: row.stage_since, ...(row.stage_sort_key === null ? {} : { sortKey: row.stage_sort_key }) };
    if (entry.state !== 'retracted') this.keepStageChange(cooperationId, row, [entry.sortKey, String(entry.data.to), entry.occurredOn, entry.knownFromMs]);
    const next = laterStage(mark, entry);
    if (next !== mark) this.moveStage(cooperationId, next);
  }

  /** Every stage change is kept, a backfilled one too: it tells the stage at cuts before the current one. */
  private keepStageChange(cooperationId: string, row: StatusCooperationRow, change: StageChangeMark): void {
    row.stage_changes = JSON.stringify([...(JSON.parse(row.stage_changes) as StageChangeMark[]), change]);
    this.changedCooperations.add(cooperationId);
  }

  /** The cooperation stands at `mark` now: its row, and its place in each of its regions' lists. `openedKnownFrom`: on its opening. */
  private moveStage(cooperationId: string, mark: StageMark, openedKnownFrom?: number): void {
    const cooperation = this.refs.get('cooperation', cooperationId)!;
    const known = this.cooperations.get(cooperationId);
    const stageChanges = known?.stage_changes ?? '[]';
    this.cooperations.set(cooperationId, {
      cooperation_id: cooperationId,
      our_organisation_id: cooperation.ourOrganisationId,
      partner_kind: cooperation.partner.kind,
      partner_id: cooperation.partner.id,
      opened_on: cooperation.openedOn,
      opened_known_from: openedKnownFrom ?? (known ? Number(known.opened_known_from) : 0),
      stage: mark.stage,
      stage_since: mark.since,
      stage_sort_key: mark.sortKey ?? null,
      stage_changes: stageChanges,
    });
    this.changedCooperations.add(cooperationId);
    const view = stageView(cooperationId, cooperation, mark);
    for (const region of this.regionsOf(cooperationId)) {
      this.regions.get(region)!.set(cooperationId, view);
      this.changedRegions.add(region);
    }
  }

  /** Adds (or takes out) a version's contribution under each scope; `knownFromMs` is the version's. */
  private count(scopes: readonly string[], tally: StatusTally, sign: 1 | -1, knownFromMs: number): void {
    if (scopes.length === 0) return;
    for (const scope of scopes) {
      addCounts(this.tallies.get(scope)!, tally.counts, sign);
      this.touchedTallies.add(scope);
    }
    for (const item of Object.values(tally.items)) {
      // Serialised once, written under each scope.
      const row = itemRowOf(scopes[0], item, knownFromMs);
      for (const scope of scopes) {
        const key = itemKey(scope, item.kind, item.sortKey);
        if (sign === 1) {
          this.addedItems.set(key, { region_id: scope, kind: row.kind, sort_key: row.sort_key, cooperation_id: row.cooperation_id, known_from: row.known_from, item: row.item });
        } else {
          // Removals are written before additions, so an item taken out and put back under the same key stays.
          this.addedItems.delete(key);
          this.removedItems.set(key, { regionId: scope, kind: item.kind, sortKey: item.sortKey });
        }
      }
    }
  }

  /** Writes the batch's rows; the touched tallies only into `deferred` when given (a rebuild, see StatusProjection.flush). */
  async write(trx: ProjectionDb, deferred: Set<string> | undefined): Promise<void> {
    const entryRows = [...this.entries.values()].map((entry) => {
      // An entry of a cooperation not known counts nowhere (fold), so it has no count keys either.
      const cooperation = this.refs.get('cooperation', entry.cooperationId);
      return entryRowOf(entry, cooperation ? sidesOf(cooperation) : null, this.codes);
    });
    await upsertInChunks(trx, STATUS_KEYS, this.codes.takeUnsaved(), ['code'], ['key', 'chain']);
    await upsertInChunks(trx, STATUS_ENTRIES, entryRows, ['cooperation_id', 'entry_key'], ['sort_key', 'known_from', 'counts', 'entry']);
    // A version is superseded once (its entry's next version); a batch applied again writes the same rows.
    await upsertInChunks(trx, STATUS_SUPERSEDED, this.superseded, ['cooperation_id', 'entry_key', 'version'], ['sort_key', 'known_from', 'known_to', 'counts', 'items']);
    if (deferred) for (const scope of this.touchedTallies) deferred.add(scope);
    else await writeTallies(trx, this.tallies, this.touchedTallies);
    const cooperationRows = [...this.changedCooperations].map((id) => this.cooperations.get(id)!);
    await upsertInChunks(trx, STATUS_COOPERATIONS, cooperationRows, ['cooperation_id'], ['stage', 'stage_since', 'stage_sort_key', 'stage_changes']);
    const regionRows: StatusRegionRow[] = [...this.changedRegions].map((region) => ({ region_id: region, cooperations: JSON.stringify([...this.regions.get(region)!.values()]) }));
    await upsertInChunks(trx, STATUS_REGIONS, regionRows, ['region_id'], ['cooperations']);
    for (const chunk of chunks([...this.removedItems.values()])) {
      await trx
        .deleteFrom(STATUS_ITEMS)
        .where((eb) => eb.or(chunk.map((item) => eb.and([eb('region_id', '=', item.regionId), eb('kind', '=', item.kind), eb('sort_key', '=', item.sortKey)]))))
        .execute();
    }
    await upsertInChunks(trx, STATUS_ITEMS, [...this.addedItems.values()], ['region_id', 'kind', 'sort_key'], ['cooperation_id', 'known_from', 'item']);
  }
}

/** The tallies of `scopes`, with what a summary reads of them (shownCountsOf) and what a cut does (spreadOf). */
async function writeTallies(trx: ProjectionDb, tallies: ReadonlyMap<string, Record<string, number>>, scopes: ReadonlySet<string>): Promise<void> {
  const rows: StatusTallyRow[] = [...scopes].map((scope) => {
    const counts = tallies.get(scope)!;
    const shown = shownCountsOf(counts);
    return { region_id: scope, counts: JSON.stringify(counts), shown: JSON.stringify(shown), spread: JSON.stringify(spreadOf(shown)) };
  });
  await upsertInChunks(trx, STATUS_TALLIES, rows, ['region_id'], ['counts', 'shown', 'spread']);
}

function itemKey(regionId: string, kind: string, sortKey: number): string {
  return `${regionId}\u0000${kind}\u0000${sortKey}`;
}

/** The current versions of the named entries, as the status keeps them. */
async function readEntries(db: ProjectionDb, named: readonly { cooperationId: string; key: string }[]): Promise<Map<string, HistoryEntry>> {
  const entries = new Map<string, HistoryEntry>();
  for (const chunk of chunks(named)) {
    const rows = (await db
      .selectFrom(STATUS_ENTRIES)
      .selectAll()
      .where((eb) => eb.or(chunk.map(({ cooperationId, key }) => eb.and([eb('cooperation_id', '=', cooperationId), eb('entry_key', '=', key)]))))
      .execute()) as StatusEntryRow[];
    for (const row of rows) entries.set(row.entry_key, entryOfRow(row));
  }
  return entries;
}

/** Inserts rows, replacing the `update` columns of rows that exist. */
async function upsertInChunks<Row extends object>(trx: ProjectionDb, table: string, rows: readonly Row[], key: readonly string[], update: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length));
  for (let start = 0; start < rows.length; start += perChunk) {
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + perChunk) as Record<string, unknown>[])
      .onConflict((conflict) => conflict.columns(key as string[]).doUpdateSet((eb) => Object.fromEntries(update.map((column) => [column, eb.ref(`excluded.${column}`)]))))
      .execute();
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) result.push(items.slice(start, start + CHUNK));
  return result;
}

export const statusProjection: ProjectionDefinition = {
  name: STATUS_PROJECTION,
  schemaVersion: 6,
  create: () => new StatusProjection(),
};
