import type { ProjectionDb } from '../engine/projection';
import { loadReferences } from '../engine/reference-rows';
import type { HistoryEntry } from '../history/history-entry';
import { ReferenceData } from '../history/reference-data';
import { TIMELINE_REFS } from '../timeline/timeline.tables';
import { visibleEntries, type HistoryCut } from '../timeline/visible-entries';
import { dateRangeOf, EdgeTallies, graphContributionOf } from './graph-contribution';
import { GRAPH_EDGES, GRAPH_REFS, type GraphEdgeRow } from './graph.tables';
import { assembleGraph, type DatedEdgeRow, type RelationshipGraph } from './relationship-graph';

export interface GraphQuery {
  /** The graph as it stood at a cut; without one, as it stands now. */
  cut?: HistoryCut;
  /** Only the relationships recorded by entries on this region's timeline (the region or any region within it). */
  region?: string;
  /** Only the relationships recorded by entries on this organisation's timeline. */
  organisation?: string;
}

/**
 * The relationship graph, now or at a cut, whole or as recorded by one region's or organisation's timeline (both
 * given: by the entries on both). Undefined when the region or organisation is unknown.
 *
 * The whole current graph is read from the graph projection's summed-up edges. Anything else folds the
 * contributions of the entry versions the timeline projection shows for that timeline and cut, which is exactly the
 * graph a fresh projection of the events inside the cut would hold, and for an empty cut equals the current graph.
 * A filtered graph's weights count only the entries on that timeline: a meeting with a ministry elsewhere does not
 * weigh on the Tatarstan graph.
 *
 * Callers wanting one consistent snapshot while a projection writes should run it in a read transaction.
 */
export async function readGraph(db: ProjectionDb, query: GraphQuery = {}): Promise<RelationshipGraph | undefined> {
  if (query.cut === undefined && query.region === undefined && query.organisation === undefined) return currentGraph(db);
  const scopes = [...(query.region === undefined ? [] : [`region:${query.region}`]), ...(query.organisation === undefined ? [] : [`organisation:${query.organisation}`])];
  const [scope, alsoOn] = scopes.length === 0 ? ['all'] : scopes;
  const entries = await visibleEntries(db, scope, query.cut ?? {});
  // References after entries: they only grow, so every cooperation an entry names is among them.
  const refs = await referencesIn(db, TIMELINE_REFS);
  if (query.region !== undefined && !refs.get('region', query.region)) return undefined;
  if (query.organisation !== undefined && !refs.get('organisation', query.organisation)) return undefined;
  return assembleGraph(foldEntries(alsoOn === undefined ? entries : entries.filter((entry) => entry.scopes.includes(alsoOn)), refs), refs);
}

/** Sums up the contributions of entry versions into dated edges: what the graph projection keeps, for any set of entries. */
export function foldEntries(entries: readonly HistoryEntry[], refs: ReferenceData): DatedEdgeRow[] {
  const tallies = new EdgeTallies();
  for (const entry of entries) tallies.add(graphContributionOf(entry, refs.get('cooperation', entry.cooperationId)), 1);
  const rows: DatedEdgeRow[] = [];
  for (const [key, tally] of tallies.edges) {
    const range = dateRangeOf(tally);
    if (range) rows.push({ key, weight: tally.weight, firstDateKey: range.first, lastDateKey: range.last });
  }
  return rows;
}

async function currentGraph(db: ProjectionDb): Promise<RelationshipGraph> {
  const rows = (await db.selectFrom(GRAPH_EDGES).select(['edge_key', 'weight', 'first_date_key', 'last_date_key']).execute()) as Omit<GraphEdgeRow, 'kind' | 'source' | 'target' | 'dates'>[];
  const refs = await referencesIn(db, GRAPH_REFS);
  const edges = rows.map((row) => ({ key: row.edge_key, weight: Number(row.weight), firstDateKey: Number(row.first_date_key), lastDateKey: Number(row.last_date_key) }));
  return assembleGraph(edges, refs);
}

async function referencesIn(db: ProjectionDb, table: string): Promise<ReferenceData> {
  const refs = new ReferenceData();
  await loadReferences(db, table, refs);
  return refs;
}
