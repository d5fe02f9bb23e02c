import { PARTICIPATION_LEVELS } from '@app/domain';
import { participantsOf } from '../history/entry-scopes';
import type { HistoryEntry } from '../history/history-entry';
import type { CooperationReference } from '../history/reference-data';

/** The entries a status lists one by one rather than counts: first contact, cross-memberships, opportunities. */
export type StatusItemKind = 'contact' | 'membership' | 'opportunity';

/** One listed entry, as a status shows it; `sortKey` orders the list (timeline order). */
export interface StatusItem {
  kind: StatusItemKind;
  entryKey: string;
  entryId?: string;
  cooperationId?: string;
  occurredOn: string;
  sortKey: number;
  [field: string]: unknown;
}

/**
 * What a region's (or one cooperation's) entries add up to, kept so that an entry's contribution can be taken out
 * again: a correction or retraction subtracts the old version and adds the new one, so the projection never re-reads
 * history.
 *
 * `counts` are sums, bounded by the number of things counted rather than by the length of history: `contacts`,
 * `memberships`, `meetings:<level>`, `delegations:<direction>`, `fairs:<fairId>:<edition>`, `organisation:<id>`,
 * `person:<id>`, `day:<dateKey>` for interactions, and `opportunities:<cooperationId>` (so that a cooperation's
 * opportunities can be left out once it has ended). `items` are the listed entries by `<kind>:<entryKey>`, added and
 * removed whole; the status projection keeps them as rows of their own, as they grow with history.
 */
export interface StatusTally {
  counts: Record<string, number>;
  items: Record<string, StatusItem>;
}

export function emptyTally(): StatusTally {
  // Without a prototype, V8 keeps these as hash maps from the start: their keys (days, people, entries) are many and
  // ever new, and a plain literal would grow a hidden class per key, several times slower.
  return { counts: Object.create(null) as Record<string, number>, items: Object.create(null) as Record<string, StatusItem> };
}

/** Interactions: the facts that count for momentum and "last interaction". */
export const INTERACTION_TYPES: ReadonlySet<string> = new Set(['ContactEstablished', 'MeetingHeld', 'FairAttended', 'DelegationVisited']);

const LEVEL_RANK = new Map<string, number>(PARTICIPATION_LEVELS.map((level, index) => [level, index]));

/** The highest level among the participants ('head-of-state' above 'minister' above ...), or 'unspecified'. */
export function highestLevel(data: Record<string, unknown>): string {
  let best: string | undefined;
  for (const participant of participantsOf(data)) {
    const level = String(participant.level);
    const rank = LEVEL_RANK.get(level);
    if (rank !== undefined && (best === undefined || rank < LEVEL_RANK.get(best)!)) best = level;
  }
  return best ?? 'unspecified';
}

/** The two sides of the entry's cooperation: both count as organisations involved once it is opened. */
export interface CooperationSides {
  ourOrganisationId: string;
  partnerOrganisationId?: string;
}

/** A cooperation's two sides, from its reference or from a stage view of it (which names the same). */
export function sidesOf(cooperation: Pick<CooperationReference, 'ourOrganisationId'> & { partner: { kind: string; id: string } }): CooperationSides {
  return cooperation.partner.kind === 'organisation' ? { ourOrganisationId: cooperation.ourOrganisationId, partnerOrganisationId: cooperation.partner.id } : { ourOrganisationId: cooperation.ourOrganisationId };
}

/** What one entry version adds to the status of the regions its cooperation's partner lies in. Retracted: nothing. */
export function contributionOf(entry: HistoryEntry, cooperationSides: CooperationSides | undefined): StatusTally {
  return contributeTo(emptyTally(), entry, cooperationSides);
}

/**
 * Adds one entry version's contribution (contributionOf) to `tally`, in place: a status summed up from many entries
 * is spared a tally per entry.
 */
export function contributeTo(tally: StatusTally, entry: HistoryEntry, cooperationSides: CooperationSides | undefined): StatusTally {
  if (!contributes(entry)) return tally;
  const add = (key: string) => (tally.counts[key] = (tally.counts[key] ?? 0) + 1);
  const data = entry.data;
  const item = (kind: StatusItemKind, fields: Record<string, unknown>) => {
    const listed: StatusItem = { kind, entryKey: entry.key, occurredOn: entry.occurredOn, sortKey: entry.sortKey };
    if (typeof data.entryId === 'string') listed.entryId = data.entryId;
    if (entry.cooperationId !== undefined) listed.cooperationId = entry.cooperationId;
    for (const field in fields) if (fields[field] !== undefined) listed[field] = fields[field];
    tally.items[`${kind}:${entry.key}`] = listed;
  };
  if (INTERACTION_TYPES.has(entry.type)) add(`day:${entry.dateKey}`);
  const people = new Set<string>();
  const organisations = new Set<string>();
  for (const participant of participantsOf(data)) {
    if (typeof participant.personId === 'string') people.add(participant.personId);
    if (typeof participant.organisationId === 'string') organisations.add(participant.organisationId);
  }
  switch (entry.type) {
    case 'CooperationOpened':
      if (cooperationSides) {
        organisations.add(cooperationSides.ourOrganisationId);
        if (cooperationSides.partnerOrganisationId) organisations.add(cooperationSides.partnerOrganisationId);
      }
      break;
    case 'ContactEstablished':
      add('contacts');
      item('contact', { summary: data.summary });
      break;
    case 'MeetingHeld':
      add(`meetings:${highestLevel(data)}`);
      break;
    case 'DelegationVisited':
      add(`delegations:${String(data.direction)}`);
      break;
    case 'FairAttended':
      add(`fairs:${String(data.fairId)}:${String(data.edition)}`);
      break;
    case 'MembershipCrossLinked':
      add('memberships');
      item('membership', { organisationId: data.organisationId, otherOrganisationId: data.otherOrganisationId, since: data.since });
      if (typeof data.organisationId === 'string') organisations.add(data.organisationId);
      if (typeof data.otherOrganisationId === 'string') organisations.add(data.otherOrganisationId);
      break;
    case 'OpportunityIdentified':
      add(`opportunities:${entry.cooperationId}`);
      item('opportunity', { opportunityId: data.opportunityId, title: data.title, description: data.description });
      break;
  }
  for (const person of people) add(`person:${person}`);
  for (const organisation of organisations) add(`organisation:${organisation}`);
  return tally;
}

/**
 * contributionOf as the status projection tallies it: with one more key, `recorded:<yyyymm>`, the month the version
 * became what we knew (its knownFromMs), for every version that contributes. Summed up, a tally's `recorded:` keys tell
 * how many of its current versions were recorded by a given month: which way a `knownAt` cut is shorter to sum
 * (TallySpread, status-summed). A replay from the timeline needs no such key and uses contributionOf alone.
 */
export function tallyContributionOf(entry: HistoryEntry, cooperationSides: CooperationSides | undefined): StatusTally {
  return withRecordedMonth(contributionOf(entry, cooperationSides), entry);
}

/** Adds, in place, the `recorded:` key of tallyContributionOf to the entry's contributionOf. */
export function withRecordedMonth(contribution: StatusTally, entry: HistoryEntry): StatusTally {
  if (contributes(entry)) contribution.counts[recordedKeyOf(entry.knownFromMs)] = 1;
  return contribution;
}

/** The count key of the month (UTC) a version became known: `recorded:201711`. */
export function recordedKeyOf(knownFromMs: number): string {
  return `recorded:${recordedMonthOf(knownFromMs)}`;
}

/** yyyymm (UTC) of a recording-clock moment. */
export function recordedMonthOf(knownFromMs: number): number {
  const date = new Date(knownFromMs);
  return date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
}

/** Whether a version adds anything to a tally: retracted versions and stage changes do not (contributeTo). */
function contributes(entry: HistoryEntry): boolean {
  return entry.state !== 'retracted' && entry.type !== 'CooperationStageChanged';
}

/**
 * Adds (sign 1) or takes out (sign -1) a contribution, in place. Counts that reach zero disappear, so taking out
 * everything that was added leaves an empty tally. Items are keyed by entry: take an entry's old version out before
 * adding its new one.
 */
export function addTally(into: StatusTally, tally: StatusTally, sign: 1 | -1): StatusTally {
  addCounts(into.counts, tally.counts, sign);
  for (const [key, item] of Object.entries(tally.items)) {
    if (sign === 1) into.items[key] = item;
    else delete into.items[key];
  }
  return into;
}

/** `addTally` for counts alone: what the status projection keeps per region and cooperation. */
export function addCounts(into: Record<string, number>, counts: Readonly<Record<string, number>>, sign: 1 | -1): Record<string, number> {
  for (const key in counts) {
    const next = (into[key] ?? 0) + sign * counts[key];
    if (next === 0) delete into[key];
    else into[key] = next;
  }
  return into;
}

// What contributionOf reads of an entry's data (and a correction may change). The status projection stores no more
// than this of each entry: a field added to contributionOf must be added here, or corrections would lose it.
const STATUS_DATA_FIELDS = ['entryId', 'occurredOn', 'since', 'participants', 'summary', 'direction', 'fairId', 'edition', 'organisationId', 'otherOrganisationId', 'opportunityId', 'title', 'description'];

/**
 * The part of an entry's data the status keeps, to take the entry's contribution out again and to apply the next
 * correction to it: the fields contributionOf reads, participants reduced to who and at what level. The timeline
 * keeps the whole entry; the status keeps millions of these, so they are kept small.
 */
export function statusDataOf(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of STATUS_DATA_FIELDS) {
    if (data[field] !== undefined) kept[field] = data[field];
  }
  if (Array.isArray(data.participants)) {
    kept.participants = participantsOf(data).map((participant) => withoutUndefined({ personId: participant.personId, organisationId: participant.organisationId, level: participant.level }));
  }
  return kept;
}

function withoutUndefined<T extends Record<string, unknown>>(fields: T): T {
  const defined: Record<string, unknown> = {};
  for (const key in fields) if (fields[key] !== undefined) defined[key] = fields[key];
  return defined as T;
}
