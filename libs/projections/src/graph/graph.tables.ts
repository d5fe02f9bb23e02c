/** The graph projection's tables, by their live names. */
export const GRAPH_REFS = 'graph_refs';
/**
 * One row per recorded fact (the entries a correction or retraction can name), holding what of its current version
 * the graph needs: enough to apply the next correction and to take the version's contribution out again.
 */
export const GRAPH_ENTRIES = 'graph_entries';
/** One row per dated edge: its weight and its first and last date key. What the current graph is read from. */
export const GRAPH_EDGES = 'graph_edges';
/**
 * The multiset of each edge's dates: how many of its occurrences fall on each date key. Only read back when a
 * correction or retraction takes occurrences out, to find the first and last date of those that remain.
 */
export const GRAPH_EDGE_DATES = 'graph_edge_dates';

export const GRAPH_TABLES = [GRAPH_REFS, GRAPH_ENTRIES, GRAPH_EDGES, GRAPH_EDGE_DATES] as const;

export interface GraphEntryRow {
  entry_key: string;
  entry: string;
}

export interface GraphEdgeRow {
  edge_key: string;
  kind: string;
  source: string;
  target: string;
  weight: number;
  first_date_key: number;
  last_date_key: number;
}

export interface GraphEdgeDateRow {
  edge_key: string;
  date_key: number;
  occurrences: number;
}
