import { PARTICIPATION_LEVELS } from '@app/domain';
import { participantsOf } from '../history/entry-scopes';
import type { HistoryEntry } from '../history/history-entry';

/**
 * What a region's cooperations add up to, kept so that an entry's contribution can be taken out again: a correction
 * or retraction subtracts the old version and adds the new one, so the projection never re-reads history.
 *
 * `counts` are sums (`contacts`, `meetings:<level>`, `delegations:<direction>`, `fairs:<fairId>:<edition>`,
 * `organisation:<id>`, `person:<id>`, `day:<dateKey>` for interactions, `cooperation:<id>`); `items` are the entries
 * listed by themselves (`contact:<key>`, `membership:<key>`, `opportunity:<key>`), added and removed whole.
 */
export interface StatusTally {
  counts: Record<string, number>;
  items: Record<string, Record<string, unknown>>;
}

export function emptyTally(): StatusTally {
  return { counts: {}, items: {} };
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

/** What one entry version adds to the status of the regions its cooperation's partner lies in. Retracted: nothing. */
export function contributionOf(entry: HistoryEntry, cooperationSides: { ourOrganisationId: string; partnerOrganisationId?: string } | undefined): StatusTally {
  const tally = emptyTally();
  if (entry.state === 'retracted') return tally;
  const add = (key: string) => (tally.counts[key] = (tally.counts[key] ?? 0) + 1);
  const data = entry.data;
  if (INTERACTION_TYPES.has(entry.type)) add(`day:${entry.dateKey}`);
  const people = new Set<string>();
  const organisations = new Set<string>();
  for (const participant of participantsOf(data)) {
    if (typeof participant.personId === 'string') people.add(participant.personId);
    if (typeof participant.organisationId === 'string') organisations.add(participant.organisationId);
  }
  switch (entry.type) {
    case 'CooperationOpened':
      add(`cooperation:${entry.cooperationId}`);
      if (cooperationSides) {
        organisations.add(cooperationSides.ourOrganisationId);
        if (cooperationSides.partnerOrganisationId) organisations.add(cooperationSides.partnerOrganisationId);
      }
      break;
    case 'ContactEstablished':
      add('contacts');
      tally.items[`contact:${entry.key}`] = {
        entryKey: entry.key,
        cooperationId: entry.cooperationId,
        occurredOn: entry.occurredOn,
        sortKey: entry.sortKey,
        summary: data.summary,
      };
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
      tally.items[`membership:${entry.key}`] = {
        entryKey: entry.key,
        cooperationId: entry.cooperationId,
        organisationId: data.organisationId,
        otherOrganisationId: data.otherOrganisationId,
        since: data.since,
      };
      organisations.add(String(data.organisationId));
      organisations.add(String(data.otherOrganisationId));
      break;
    case 'OpportunityIdentified':
      tally.items[`opportunity:${entry.key}`] = {
        entryKey: entry.key,
        cooperationId: entry.cooperationId,
        opportunityId: data.opportunityId,
        title: data.title,
        occurredOn: entry.occurredOn,
        ...(data.description === undefined ? {} : { description: data.description }),
      };
      break;
  }
  if (entry.type !== 'CooperationStageChanged') {
    for (const person of people) add(`person:${person}`);
    for (const organisation of organisations) add(`organisation:${organisation}`);
  }
  return tally;
}

/** Adds (sign 1) or takes out (sign -1) a contribution, in place. Counts that reach zero disappear. */
export function addTally(into: StatusTally, tally: StatusTally, sign: 1 | -1): StatusTally {
  for (const [key, count] of Object.entries(tally.counts)) {
    const next = (into.counts[key] ?? 0) + sign * count;
    if (next === 0) delete into.counts[key];
    else into.counts[key] = next;
  }
  for (const [key, item] of Object.entries(tally.items)) {
    if (sign === 1) into.items[key] = item;
    else delete into.items[key];
  }
  return into;
}
