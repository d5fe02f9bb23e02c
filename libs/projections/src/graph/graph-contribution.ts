import { participantsOf } from '../history/entry-scopes';
import type { HistoryEntry } from '../history/history-entry';
import type { CooperationReference } from '../history/reference-data';

export type GraphNodeKind = 'organisation' | 'region' | 'person';

/**
 * Dated relationships, each made of the entries that record it: `cooperation` (our organisation → the partner region
 * or organisation, one per entry of the cooperation), `membership` (two organisations that are members of each
 * other, undirected), `met` (our organisation → an organisation or person that took part in a contact, meeting or
 * delegation visit), `role` (person → the organisation they took up or left a role in).
 */
export type DatedEdgeKind = 'cooperation' | 'membership' | 'met' | 'role';
/** Structural relationships, from the reference data, without dates: `located-in` (organisation → region), `part-of` (region → parent region). */
export type StructuralEdgeKind = 'located-in' | 'part-of';
export type GraphEdgeKind = DatedEdgeKind | StructuralEdgeKind;

/** The only undirected kind: a cross-membership has no direction, so its two ends are kept in one order. */
export const UNDIRECTED_EDGE_KINDS: ReadonlySet<GraphEdgeKind> = new Set(['membership']);

const MET_TYPES: ReadonlySet<string> = new Set(['ContactEstablished', 'MeetingHeld', 'DelegationVisited']);

export function nodeIdOf(kind: GraphNodeKind, id: string): string {
  return `${kind}:${id}`;
}

/** `organisation:logistics-network` → kind and entity id; the kind is all before the first ':'. */
export function parseNodeId(nodeId: string): { kind: GraphNodeKind; id: string } {
  const colon = nodeId.indexOf(':');
  return { kind: nodeId.slice(0, colon) as GraphNodeKind, id: nodeId.slice(colon + 1) };
}

/**
 * `kind|source|target`. Entity ids are `[A-Za-z0-9._~-]` (the API's ENTITY_ID_PATTERN), so '|' separates
 * unambiguously.
 */
export function edgeKeyOf(kind: GraphEdgeKind, source: string, target: string): string {
  if (UNDIRECTED_EDGE_KINDS.has(kind) && target < source) return `${kind}|${target}|${source}`;
  return `${kind}|${source}|${target}`;
}

export function parseEdgeKey(key: string): { kind: GraphEdgeKind; source: string; target: string } {
  const [kind, source, target] = key.split('|');
  return { kind: kind as GraphEdgeKind, source, target };
}

/**
 * What one entry version adds to the graph: one occurrence, on the entry's date, of each edge it records (each edge
 * once, however many participants of one organisation took part).
 */
export interface GraphContribution {
  dateKey: number;
  edges: string[];
}

export type GraphCooperationSides = Pick<CooperationReference, 'ourOrganisationId' | 'partner'>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The edges one entry version records. Retracted versions record nothing. */
export function graphContributionOf(entry: HistoryEntry, cooperation: GraphCooperationSides | undefined): GraphContribution {
  const edges = new Set<string>();
  if (entry.state !== 'retracted') {
    const data = entry.data;
    if (entry.cooperationId !== undefined && cooperation) {
      const ours = nodeIdOf('organisation', cooperation.ourOrganisationId);
      edges.add(edgeKeyOf('cooperation', ours, nodeIdOf(cooperation.partner.kind, cooperation.partner.id)));
      if (MET_TYPES.has(entry.type)) {
        for (const participant of participantsOf(data)) {
          const organisationId = text(participant.organisationId);
          const personId = text(participant.personId);
          if (organisationId !== undefined && organisationId !== cooperation.ourOrganisationId) edges.add(edgeKeyOf('met', ours, nodeIdOf('organisation', organisationId)));
          if (personId !== undefined) edges.add(edgeKeyOf('met', ours, nodeIdOf('person', personId)));
        }
      }
    }
    if (entry.type === 'MembershipCrossLinked') {
      const one = text(data.organisationId);
      const other = text(data.otherOrganisationId);
      if (one !== undefined && other !== undefined && one !== other) edges.add(edgeKeyOf('membership', nodeIdOf('organisation', one), nodeIdOf('organisation', other)));
    }
    if (entry.type === 'RoleAssumed' || entry.type === 'RoleEnded') {
      const personId = text(data.personId);
      const organisationId = text(data.organisationId);
      if (personId !== undefined && organisationId !== undefined) edges.add(edgeKeyOf('role', nodeIdOf('person', personId), nodeIdOf('organisation', organisationId)));
    }
  }
  return { dateKey: entry.dateKey, edges: [...edges] };
}

/**
 * One edge as the sum of the occurrences recorded for it: its weight, and the multiset of their dates. Keeping every
 * date (with its count), not only the first and last, is what lets a correction or retraction take an occurrence out
 * and still leave the exact first and last date of those that remain.
 */
export interface EdgeTally {
  weight: number;
  dates: Map<number, number>;
}

/**
 * Edge tallies by edge key. A tally of the whole history has only positive counts; a tally of one batch's changes
 * (a delta) may go negative, until it is merged with the stored edges.
 */
export class EdgeTallies {
  readonly edges = new Map<string, EdgeTally>();

  /** Adds (sign 1) or takes out (sign -1) a contribution. */
  add(contribution: GraphContribution, sign: 1 | -1): this {
    for (const key of contribution.edges) this.addOccurrences(key, contribution.dateKey, sign);
    return this;
  }

  /** Adds the occurrences of an edge tallied elsewhere (its dates with their counts), `sign` times. */
  merge(key: string, dates: ReadonlyMap<number, number>, sign: 1 | -1 = 1): this {
    for (const [dateKey, count] of dates) this.addOccurrences(key, dateKey, sign * count);
    return this;
  }

  private addOccurrences(key: string, dateKey: number, count: number): void {
    let tally = this.edges.get(key);
    if (!tally) {
      tally = { weight: 0, dates: new Map() };
      this.edges.set(key, tally);
    }
    tally.weight += count;
    const next = (tally.dates.get(dateKey) ?? 0) + count;
    if (next === 0) tally.dates.delete(dateKey);
    else tally.dates.set(dateKey, next);
    if (tally.weight === 0 && tally.dates.size === 0) this.edges.delete(key);
  }
}

/** The first and last date an edge was recorded on (date keys); undefined for an edge with no occurrences left. */
export function dateRangeOf(tally: EdgeTally): { first: number; last: number } | undefined {
  let first: number | undefined;
  let last: number | undefined;
  for (const dateKey of tally.dates.keys()) {
    if (first === undefined || dateKey < first) first = dateKey;
    if (last === undefined || dateKey > last) last = dateKey;
  }
  return first === undefined || last === undefined ? undefined : { first, last };
}
