import type { ProjectedEvent } from '../events/projected-event';
import type { Projection, ProjectionDb, ProjectionDefinition, ReadModelKind } from '../engine/projection';
import { createReferenceTable, insertInChunks, loadReferences, saveReferences } from '../engine/reference-rows';
import { participantsOf } from '../history/entry-scopes';
import type { HistoryEntry } from '../history/history-entry';
import { HistoryReducer } from '../history/history-reducer';
import { ReferenceData } from '../history/reference-data';
import { dateRangeOf, EdgeTallies, graphContributionOf, parseEdgeKey } from './graph-contribution';
import { GRAPH_EDGE_DATES, GRAPH_EDGES, GRAPH_ENTRIES, GRAPH_REFS, GRAPH_TABLES, type GraphEdgeDateRow, type GraphEdgeRow, type GraphEntryRow } from './graph.tables';

export const GRAPH_PROJECTION = 'graph';

/** The facts a correction or retraction can name (HistoryReducer.entryKeyChangedBy): only they need a graph_entries row. */
const CORRECTABLE_TYPES: ReadonlySet<string> = new Set(['ContactEstablished', 'MeetingHeld', 'FairAttended', 'MembershipCrossLinked', 'DelegationVisited', 'OpportunityIdentified']);
/** The fields of a fact the graph reads (graphContributionOf) or the reducer needs to re-date a corrected fact. */
const GRAPH_FIELDS = ['occurredOn', 'since', 'organisationId', 'otherOrganisationId', 'personId'] as const;
/** Keys per `IN (...)` list: far below both databases' limits on bound parameters. */
const KEYS_PER_QUERY = 1_000;
/** Rows per insert, under SQLite's 32766 bound parameters: 7 columns an edge, 3 a date, 2 an entry. */
const EDGE_ROWS_PER_INSERT = 4_000;
const DATE_ROWS_PER_INSERT = 10_000;
const ENTRY_ROWS_PER_INSERT = 10_000;

/**
 * The relationship graph: organisations, regions and people as nodes, cooperations, cross-memberships, meetings and
 * roles as weighted, dated edges (see graphContributionOf). Keeps every edge summed up in `graph_edges`, with the
 * multiset of its dates in `graph_edge_dates`; a correction or retraction takes the contribution of the version it
 * replaces out (from `graph_entries`) and adds the new one, so the graph never re-reads history. A batch sums its
 * changes in memory and writes each edge and (edge, date) it touches once, by adding to the stored rows rather than
 * reading them. Cuts (`asOf`, `knownAt`) are answered from the timeline's versions (readGraph).
 */
export class GraphProjection implements Projection {
  readonly name = GRAPH_PROJECTION;
  readonly schemaVersion = 1;
  readonly tables = GRAPH_TABLES;
  private readonly refs = new ReferenceData();
  private reducer = new HistoryReducer(this.refs);
  /**
   * While rebuilding (deferUntilFlush): every edge summed up in memory, written once by `flush` in key order. Adding
   * each batch to the stored rows was half of a graph rebuild: an upsert per (edge, date), at random places in a
   * table of millions.
   */
  private whole: EdgeTallies | undefined;

  async createTables(db: ProjectionDb, indexSuffix: string): Promise<void> {
    await createReferenceTable(db, GRAPH_REFS, indexSuffix);
    await db.schema
      .createTable(GRAPH_ENTRIES)
      .addColumn('entry_key', 'text', (column) => column.notNull())
      .addColumn('entry', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(`${GRAPH_ENTRIES}_pk_${indexSuffix}`, ['entry_key'])
      .execute();
    await db.schema
      .createTable(GRAPH_EDGES)
      .addColumn('edge_key', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('target', 'text', (column) => column.notNull())
      .addColumn('weight', 'integer', (column) => column.notNull())
      // yyyymmdd keys (see dateKeyOf) fit a 32-bit integer.
      .addColumn('first_date_key', 'integer', (column) => column.notNull())
      .addColumn('last_date_key', 'integer', (column) => column.notNull())
      .addPrimaryKeyConstraint(`${GRAPH_EDGES}_pk_${indexSuffix}`, ['edge_key'])
      .execute();
    await db.schema
      .createTable(GRAPH_EDGE_DATES)
      .addColumn('edge_key', 'text', (column) => column.notNull())
      .addColumn('date_key', 'integer', (column) => column.notNull())
      .addColumn('occurrences', 'integer', (column) => column.notNull())
      .addPrimaryKeyConstraint(`${GRAPH_EDGE_DATES}_pk_${indexSuffix}`, ['edge_key', 'date_key'])
      .execute();
  }

  async createQueryIndexes(): Promise<void> {
    // None: the current graph is read whole, and filtered graphs come from the timeline's scopes.
  }

  async load(db: ProjectionDb): Promise<void> {
    const cursor = await loadReferences(db, GRAPH_REFS, this.refs);
    this.reducer = new HistoryReducer(this.refs, cursor);
  }

  reset(): void {
    this.refs.clear();
    this.reducer = new HistoryReducer(this.refs);
  }

  async apply(events: readonly ProjectedEvent[], trx: ProjectionDb, kind: ReadModelKind): Promise<void> {
    const stored = await storedEntries(trx, events);
    const changed = new Map<string, HistoryEntry>();
    const delta = this.whole ?? new EdgeTallies();
    for (const event of events) {
      const key = HistoryReducer.entryKeyChangedBy(event);
      const before = key === undefined ? undefined : (changed.get(key) ?? stored.get(key));
      const change = this.reducer.apply(event, before);
      if (!change) continue;
      const { entry, previous } = change;
      const cooperation = this.refs.get('cooperation', entry.cooperationId);
      if (previous) delta.add(graphContributionOf(previous, cooperation), -1);
      delta.add(graphContributionOf(entry, cooperation), 1);
      if (CORRECTABLE_TYPES.has(entry.type)) changed.set(entry.key, graphView(entry));
    }
    await writeEntries(trx, changed);
    if (!this.whole) await writeEdges(trx, delta, kind);
    await saveReferences(trx, GRAPH_REFS, this.refs.takeChanges(), this.reducer.cursor);
  }

  deferUntilFlush(): void {
    this.whole = new EdgeTallies();
  }

  async flush(trx: ProjectionDb): Promise<void> {
    if (!this.whole) return;
    await insertWholeGraph(trx, this.whole);
    this.whole = new EdgeTallies();
  }
}

/**
 * Writes a graph summed up from the start into empty tables: plain inserts, in key order (appending to the primary
 * keys' trees). A whole history counts no occurrence below zero; one that does names an entry the events never had.
 */
async function insertWholeGraph(trx: ProjectionDb, whole: EdgeTallies): Promise<void> {
  const keys = [...whole.edges.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const edges: GraphEdgeRow[] = [];
  const dates: GraphEdgeDateRow[] = [];
  for (const key of keys) {
    const tally = whole.edges.get(key)!;
    const range = dateRangeOf(tally);
    for (const [dateKey, occurrences] of [...tally.dates].sort((a, b) => a[0] - b[0])) {
      if (occurrences < 0) throw new Error(`graph edge ${key} would count an entry it never had`);
      dates.push({ edge_key: key, date_key: dateKey, occurrences });
    }
    if (!range) continue;
    const { kind, source, target } = parseEdgeKey(key);
    edges.push({ edge_key: key, kind, source, target, weight: tally.weight, first_date_key: range.first, last_date_key: range.last });
  }
  await insertInChunks(trx, GRAPH_EDGES, edges as unknown as Record<string, unknown>[]);
  await insertInChunks(trx, GRAPH_EDGE_DATES, dates as unknown as Record<string, unknown>[]);
}

/**
 * What the graph keeps of a fact's version: the reducer's bookkeeping and the fields the graph reads, not the
 * provenance, correction history, places or topics (the timeline has those). Enough for `HistoryReducer.apply` to
 * produce the next version, whose contribution is then computed from the same fields.
 */
function graphView(entry: HistoryEntry): HistoryEntry {
  const data: Record<string, unknown> = {};
  for (const field of GRAPH_FIELDS) if (entry.data[field] !== undefined) data[field] = entry.data[field];
  if (entry.data.participants !== undefined) {
    data.participants = participantsOf(entry.data).map((participant) => ({
      ...(participant.personId === undefined ? {} : { personId: participant.personId }),
      ...(participant.organisationId === undefined ? {} : { organisationId: participant.organisationId }),
    }));
  }
  return {
    key: entry.key,
    sequence: entry.sequence,
    version: entry.version,
    type: entry.type,
    ...(entry.cooperationId === undefined ? {} : { cooperationId: entry.cooperationId }),
    occurredOn: entry.occurredOn,
    dateKey: entry.dateKey,
    sortKey: entry.sortKey,
    data,
    state: entry.state,
    recorded: { eventId: entry.recorded.eventId, position: entry.recorded.position, recordedAt: entry.recorded.recordedAt },
    corrections: [],
    knownFromMs: entry.knownFromMs,
    eventId: entry.eventId,
    scopes: [],
    levels: 0,
  };
}

/** The stored current version of every entry the batch's corrections and retractions name: one query per thousand. */
async function storedEntries(db: ProjectionDb, events: readonly ProjectedEvent[]): Promise<Map<string, HistoryEntry>> {
  const keys = new Set<string>();
  for (const event of events) {
    const key = HistoryReducer.entryKeyChangedBy(event);
    if (key !== undefined) keys.add(key);
  }
  const entries = new Map<string, HistoryEntry>();
  for (const chunk of chunksOf([...keys], KEYS_PER_QUERY)) {
    const rows = (await db.selectFrom(GRAPH_ENTRIES).select(['entry_key', 'entry']).where('entry_key', 'in', chunk).execute()) as GraphEntryRow[];
    for (const row of rows) entries.set(row.entry_key, JSON.parse(row.entry) as HistoryEntry);
  }
  return entries;
}

async function writeEntries(trx: ProjectionDb, entries: ReadonlyMap<string, HistoryEntry>): Promise<void> {
  const rows: GraphEntryRow[] = [...entries.values()].map((entry) => ({ entry_key: entry.key, entry: JSON.stringify(entry) }));
  for (const chunk of chunksOf(rows, ENTRY_ROWS_PER_INSERT)) {
    await trx
      .insertInto(GRAPH_ENTRIES)
      .values(chunk)
      .onConflict((conflict) => conflict.column('entry_key').doUpdateSet((update) => ({ entry: update.ref('excluded.entry') })))
      .execute();
  }
}

/** Sentinels for an edge that gains no occurrence in a batch: `min`/`max` with the stored dates keep those. */
const NO_FIRST_DATE = 99_999_999;
const NO_LAST_DATE = 0;

/**
 * Adds a batch's changes to the stored edges without reading them: occurrences per (edge, date) and weights are
 * added in place, first and last dates widened. Only edges that lost occurrences are looked at again: their empty
 * dates and edges removed, first and last dates recomputed from the dates that remain.
 */
async function writeEdges(trx: ProjectionDb, delta: EdgeTallies, kind: ReadModelKind): Promise<void> {
  const edges: GraphEdgeRow[] = [];
  const dates: GraphEdgeDateRow[] = [];
  const shrunk: string[] = [];
  for (const [key, tally] of delta.edges) {
    let first = NO_FIRST_DATE;
    let last = NO_LAST_DATE;
    let lost = false;
    for (const [dateKey, occurrences] of tally.dates) {
      dates.push({ edge_key: key, date_key: dateKey, occurrences });
      if (occurrences < 0) lost = true;
      else {
        first = Math.min(first, dateKey);
        last = Math.max(last, dateKey);
      }
    }
    if (lost) shrunk.push(key);
    const { kind: edgeKind, source, target } = parseEdgeKey(key);
    edges.push({ edge_key: key, kind: edgeKind, source, target, weight: tally.weight, first_date_key: first, last_date_key: last });
  }
  const [least, greatest] = kind === 'postgres' ? ['least', 'greatest'] : ['min', 'max'];
  for (const chunk of chunksOf(dates, DATE_ROWS_PER_INSERT)) {
    await trx
      .insertInto(GRAPH_EDGE_DATES)
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['edge_key', 'date_key']).doUpdateSet((update) => ({ occurrences: update(update.ref(`${GRAPH_EDGE_DATES}.occurrences`), '+', update.ref('excluded.occurrences')) })),
      )
      .execute();
  }
  for (const chunk of chunksOf(edges, EDGE_ROWS_PER_INSERT)) {
    await trx
      .insertInto(GRAPH_EDGES)
      .values(chunk)
      .onConflict((conflict) =>
        conflict.column('edge_key').doUpdateSet((update) => ({
          weight: update(update.ref(`${GRAPH_EDGES}.weight`), '+', update.ref('excluded.weight')),
          first_date_key: update.fn(least, [update.ref(`${GRAPH_EDGES}.first_date_key`), update.ref('excluded.first_date_key')]),
          last_date_key: update.fn(greatest, [update.ref(`${GRAPH_EDGES}.last_date_key`), update.ref('excluded.last_date_key')]),
        })),
      )
      .execute();
  }
  for (const chunk of chunksOf(shrunk, KEYS_PER_QUERY)) await settleShrunkEdges(trx, chunk);
}

/** Edges that lost occurrences: drop emptied dates and edges, recompute first and last dates from what remains. */
async function settleShrunkEdges(trx: ProjectionDb, keys: readonly string[]): Promise<void> {
  const negative = await trx
    .selectFrom(GRAPH_EDGE_DATES)
    .select('edge_key')
    .where('edge_key', 'in', keys)
    .where('occurrences', '<', 0)
    .limit(1)
    .executeTakeFirst();
  // An occurrence taken out that was never added: the stored graph and the events disagree; fail the batch.
  if (negative) throw new Error(`graph edge ${String(negative.edge_key)} would count an entry it never had`);
  await trx.deleteFrom(GRAPH_EDGE_DATES).where('edge_key', 'in', keys).where('occurrences', '=', 0).execute();
  await trx.deleteFrom(GRAPH_EDGES).where('edge_key', 'in', keys).where('weight', '=', 0).execute();
  await trx
    .updateTable(GRAPH_EDGES)
    .set((update) => ({
      first_date_key: update.selectFrom(`${GRAPH_EDGE_DATES} as d`).select((d) => d.fn.min('d.date_key').as('first')).whereRef('d.edge_key', '=', `${GRAPH_EDGES}.edge_key`),
      last_date_key: update.selectFrom(`${GRAPH_EDGE_DATES} as d`).select((d) => d.fn.max('d.date_key').as('last')).whereRef('d.edge_key', '=', `${GRAPH_EDGES}.edge_key`),
    }))
    .where('edge_key', 'in', keys)
    .execute();
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

export const graphProjection: ProjectionDefinition = {
  name: GRAPH_PROJECTION,
  schemaVersion: 1,
  create: () => new GraphProjection(),
};
