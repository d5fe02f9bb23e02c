import { dateKeyText } from '../history/date-key';
import type { ReferenceData } from '../history/reference-data';
import { edgeKeyOf, nodeIdOf, parseEdgeKey, parseNodeId, type GraphEdgeKind, type GraphNodeKind } from './graph-contribution';

/** An organisation, region or person; `id` is `<kind>:<entity id>`, as in the API's paths. */
export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** The name as it now stands (the entity's id when it was never registered). */
  label: string;
  /** Regions: country, federal-subject, city ... */
  regionKind?: string;
  /** Organisations: network, association, government, ministry ... */
  organisationKind?: string;
}

export interface GraphEdge {
  kind: GraphEdgeKind;
  source: string;
  target: string;
  /** How many entries record it; 1 for structural edges. */
  weight: number;
  /** The first and last of those entries' dates, each with its own precision ("2010", "2017-10-12"); null for structural edges. */
  firstDate: string | null;
  lastDate: string | null;
}

export interface RelationshipGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A dated edge before its dates are formatted: what both the stored edges and a fold of entries give. */
export interface DatedEdgeRow {
  key: string;
  weight: number;
  firstDateKey: number;
  lastDateKey: number;
}

/**
 * The graph of some dated edges: those edges, every node they touch, and for those nodes where they lie: each
 * organisation's region (`located-in`) and each region's chain of parents up to the top (`part-of`). Nodes without
 * any dated relationship are left out: a graph for network analysis, not a register. Labels are today's names.
 */
export function assembleGraph(datedEdges: readonly DatedEdgeRow[], refs: ReferenceData): RelationshipGraph {
  const edges: GraphEdge[] = [];
  const nodeIds = new Set<string>();
  for (const row of datedEdges) {
    const { kind, source, target } = parseEdgeKey(row.key);
    nodeIds.add(source);
    nodeIds.add(target);
    edges.push({ kind, source, target, weight: row.weight, firstDate: dateKeyText(row.firstDateKey), lastDate: dateKeyText(row.lastDateKey) });
  }
  const structural = new Map<string, GraphEdge>();
  const addStructural = (kind: GraphEdgeKind, source: string, target: string) => {
    const key = edgeKeyOf(kind, source, target);
    if (!structural.has(key)) structural.set(key, { kind, source, target, weight: 1, firstDate: null, lastDate: null });
  };
  const regions = new Set<string>();
  for (const nodeId of nodeIds) {
    const { kind, id } = parseNodeId(nodeId);
    if (kind === 'region') regions.add(id);
    if (kind !== 'organisation') continue;
    const regionId = refs.get('organisation', id)?.regionId;
    if (regionId === undefined) continue;
    addStructural('located-in', nodeId, nodeIdOf('region', regionId));
    regions.add(regionId);
  }
  for (const regionId of regions) {
    const chain = refs.regionWithAncestors(regionId);
    for (let index = 0; index + 1 < chain.length; index += 1) addStructural('part-of', nodeIdOf('region', chain[index]), nodeIdOf('region', chain[index + 1]));
  }
  for (const edge of structural.values()) {
    nodeIds.add(edge.source);
    nodeIds.add(edge.target);
    edges.push(edge);
  }
  const nodes = [...nodeIds].sort(byCodeUnits).map((nodeId) => nodeOf(nodeId, refs));
  edges.sort((a, b) => byCodeUnits(a.kind, b.kind) || byCodeUnits(a.source, b.source) || byCodeUnits(a.target, b.target));
  return { nodes, edges };
}

function nodeOf(nodeId: string, refs: ReferenceData): GraphNode {
  const { kind, id } = parseNodeId(nodeId);
  const node: GraphNode = { id: nodeId, kind, label: refs.nameOf(kind, id) ?? id };
  if (kind === 'region') {
    const regionKind = refs.get('region', id)?.kind;
    if (regionKind !== undefined) node.regionKind = regionKind;
  }
  if (kind === 'organisation') {
    const organisationKind = refs.get('organisation', id)?.kind;
    if (organisationKind !== undefined) node.organisationKind = organisationKind;
  }
  return node;
}

/** Locale-independent order, so the same graph always serialises the same way. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
