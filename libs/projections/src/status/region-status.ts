import { PARTICIPATION_LEVELS } from '@app/domain';
import { dateKeyText, trailingYearStart } from '../history/date-key';
import type { ReferenceKind } from '../history/reference-data';
import type { StatusItem, StatusTally } from './status-tally';

/** A cooperation of the region, with the stage it stood at (at the cut, when there is one). */
export interface CooperationStageView {
  cooperationId: string;
  ourOrganisationId: string;
  partner: { kind: string; id: string };
  openedOn: string;
  stage: string;
  stageSince: string;
}

/** A listed entry as the status shows it: where it is in history, and its fields. */
export type ListedEntry = Omit<StatusItem, 'kind' | 'sortKey'>;

/** What the entries of a region (or of one cooperation) add up to. */
export interface StatusSummary {
  /** The earliest contact in timeline order. */
  firstContact: ListedEntry | null;
  /** The latest day with interactions (contacts, meetings, fair attendances, delegation visits) up to the reference day. */
  lastInteraction: { occurredOn: string; interactions: number } | null;
  meetings: { total: number; byLevel: Record<string, number> };
  delegationVisits: { inbound: number; outbound: number };
  fairs: { fairId: string; name?: string; attendances: number; editions: string[] }[];
  /** The latest LISTED_LIMIT cross-memberships, latest first; `crossMembershipCount` counts them all. */
  crossMemberships: ListedEntry[];
  crossMembershipCount: number;
  /** Opportunities of cooperations that have not ended: the latest LISTED_LIMIT, latest first, and how many in all. */
  openOpportunities: ListedEntry[];
  openOpportunityCount: number;
  /** Most mentioned first, at most INVOLVED_LIMIT. */
  organisations: { id: string; name?: string; mentions: number }[];
  people: { id: string; name?: string; mentions: number }[];
  /** Interactions in the 12 calendar months up to the reference day. */
  momentum: { interactions: number; from: string; to: string };
}

/** The answer to "where do we stand with this region?". */
export interface RegionStatus extends StatusSummary {
  regionId: string;
  name?: string;
  /** The most advanced stage among the region's cooperations, and since when that cooperation stood there. */
  stage: string | null;
  stageSince: string | null;
  cooperations: CooperationStageView[];
}

/** The same for one cooperation. */
export type CooperationStatus = CooperationStageView & StatusSummary;

/** Names for display; ReferenceData is one, so is a lookup of only the names a status shows. */
export interface NameLookup {
  nameOf(kind: ReferenceKind, id: string): string | undefined;
}

/**
 * What a summary is made from: a tally, or its shown part (what the status projection stores for readers) with the
 * listed entries.
 */
export type SummaryTally = StatusTally | { shown: ShownCounts; items: Record<string, StatusItem> };

// Most advanced first; a live stage outranks a dormant or ended one.
const STAGE_RANK = ['formal-partnership', 'active', 'exploring', 'contact', 'dormant', 'ended'];

// A status is a summary: its lists show the most telling few and say how many there are in all; a timeline
// filtered by type (or by organisation, person) lists every one.
/** Lists of involved organisations and people are cut here, most mentioned first. */
export const INVOLVED_LIMIT = 25;
/** Lists of cross-memberships and open opportunities are cut here, latest first. */
export const LISTED_LIMIT = 20;

/**
 * The status of a region from its tally and its cooperations' stages, as of the reference day `dayKey` (today, or
 * the `asOf` day). Pure: the live projection and a replay to a cut both end here, so they answer alike. The tally's
 * items need only hold what is listed (the first contact, the latest LISTED_LIMIT of the others): what the live
 * projection reads back.
 */
export function summarizeRegionStatus(regionId: string, tally: SummaryTally, stages: CooperationStageView[], dayKey: number, refs: NameLookup): RegionStatus {
  const cooperations = [...stages].sort((a, b) => byId(a.cooperationId, b.cooperationId));
  const lead = cooperations.reduce<CooperationStageView | undefined>((best, stage) => (best === undefined || stageRank(stage.stage) < stageRank(best.stage) ? stage : best), undefined);
  return {
    regionId,
    ...named(refs.nameOf('region', regionId)),
    stage: lead?.stage ?? null,
    stageSince: lead?.stageSince ?? null,
    cooperations,
    ...summarizeTally(tally, stages, dayKey, refs),
  };
}

/** The status of one cooperation: its stage, and the summary of its own entries. */
export function summarizeCooperationStatus(cooperation: CooperationStageView, tally: SummaryTally, dayKey: number, refs: NameLookup): CooperationStatus {
  return { ...cooperation, ...summarizeTally(tally, [cooperation], dayKey, refs) };
}

/** The summary of a tally; `stages` say which cooperations have ended (their opportunities are no longer open). */
export function summarizeTally(tally: SummaryTally, stages: readonly CooperationStageView[], dayKey: number, refs: NameLookup): StatusSummary {
  const { counts, days } = 'shown' in tally ? tally.shown : shownCountsOf(tally.counts);
  const byLevel: Record<string, number> = {};
  for (const level of [...PARTICIPATION_LEVELS, 'unspecified']) byLevel[level] = counts[`meetings:${level}`] ?? 0;
  const ended = new Set(stages.filter((stage) => stage.stage === 'ended').map((stage) => stage.cooperationId));

  const fairs = new Map<string, { attendances: number; editions: string[] }>();
  let openOpportunityCount = 0;
  for (const key of Object.keys(counts)) {
    const count = counts[key];
    if (key.startsWith('fairs:')) {
      const { kind: fairId, rest: edition } = splitKey(key.slice('fairs:'.length));
      const fair = fairs.get(fairId) ?? { attendances: 0, editions: [] };
      fair.attendances += count;
      fair.editions.push(edition);
      fairs.set(fairId, fair);
    } else if (key.startsWith('opportunities:') && !ended.has(key.slice('opportunities:'.length))) {
      openOpportunityCount += count;
    }
  }

  // Days in order: from the last one on or before the reference day, back to the start of the window.
  const windowStart = trailingYearStart(dayKey);
  const windowFirstDay = earliestDayOf(windowStart);
  let last = days.length - 1;
  while (last >= 0 && days[last][0] > dayKey) last--;
  let momentum = 0;
  for (let at = last; at >= 0 && earliestDayOf(days[at][0]) >= windowFirstDay; at--) momentum += days[at][1];

  const items = Object.values(tally.items);
  const latestFirst = (kind: StatusItem['kind']) =>
    items
      .filter((item) => item.kind === kind && (kind !== 'opportunity' || !ended.has(String(item.cooperationId))))
      .sort((a, b) => b.sortKey - a.sortKey)
      .slice(0, LISTED_LIMIT)
      .map(listed);
  const firstContact = items.filter((item) => item.kind === 'contact').reduce<StatusItem | undefined>((first, item) => (first === undefined || item.sortKey < first.sortKey ? item : first), undefined);
  const involved = involvedIn(counts);

  return {
    firstContact: firstContact ? listed(firstContact) : null,
    lastInteraction: last < 0 ? null : { occurredOn: dateKeyText(days[last][0]), interactions: days[last][1] },
    meetings: { total: Object.values(byLevel).reduce((sum, count) => sum + count, 0), byLevel },
    delegationVisits: { inbound: counts['delegations:inbound'] ?? 0, outbound: counts['delegations:outbound'] ?? 0 },
    fairs: [...fairs.entries()]
      .map(([fairId, fair]) => ({ fairId, ...named(refs.nameOf('fair', fairId)), attendances: fair.attendances, editions: fair.editions.sort() }))
      .sort((a, b) => byId(a.fairId, b.fairId)),
    crossMemberships: latestFirst('membership'),
    crossMembershipCount: counts.memberships ?? 0,
    openOpportunities: latestFirst('opportunity'),
    openOpportunityCount,
    organisations: involved.organisation.map(([id, mentions]) => ({ id, ...named(refs.nameOf('organisation', id)), mentions })),
    people: involved.person.map(([id, mentions]) => ({ id, ...named(refs.nameOf('person', id)), mentions })),
    momentum: { interactions: momentum, from: dateKeyText(windowStart), to: dateKeyText(dayKey) },
  };
}

/** The references whose names a summary of `counts` shows (the region's own aside): what a reader must look up. */
export function namesShownFor(counts: Readonly<Record<string, number>>): { kind: ReferenceKind; id: string }[] {
  const names: { kind: ReferenceKind; id: string }[] = [];
  const fairs = new Set<string>();
  for (const key of Object.keys(counts)) {
    if (key.startsWith('fairs:')) fairs.add(splitKey(key.slice('fairs:'.length)).kind);
  }
  for (const id of fairs) names.push({ kind: 'fair', id });
  const involved = involvedIn(counts);
  for (const [id] of involved.organisation) names.push({ kind: 'organisation', id });
  for (const [id] of involved.person) names.push({ kind: 'person', id });
  return names;
}

interface Involved {
  organisation: [string, number][];
  person: [string, number][];
}

/** Ids in code-unit order: stable across machines and locales, and far cheaper than localeCompare. */
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most mentioned first; equal mentions by id, so that the cut at INVOLVED_LIMIT is the same wherever it is made. */
function moreMentioned(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || byId(a[0], b[0]);
}

function involvedIn(counts: Readonly<Record<string, number>>): Involved {
  const involved: Involved = { organisation: [], person: [] };
  for (const key of Object.keys(counts)) {
    if (key.startsWith('organisation:')) involved.organisation.push([key.slice('organisation:'.length), counts[key]]);
    else if (key.startsWith('person:')) involved.person.push([key.slice('person:'.length), counts[key]]);
  }
  return { organisation: mostMentioned(involved.organisation), person: mostMentioned(involved.person) };
}

/** The INVOLVED_LIMIT most mentioned, in order: one pass keeping the best so far, as there may be thousands. */
function mostMentioned(entries: readonly [string, number][]): [string, number][] {
  const best: [string, number][] = [];
  for (const entry of entries) {
    if (best.length === INVOLVED_LIMIT && moreMentioned(entry, best[best.length - 1]) >= 0) continue;
    let at = best.length;
    while (at > 0 && moreMentioned(entry, best[at - 1]) < 0) at--;
    best.splice(at, 0, entry);
    if (best.length > INVOLVED_LIMIT) best.pop();
  }
  return best;
}

/** The part of a tally's counts a summary reads, in the form it reads fastest. */
export interface ShownCounts {
  /** The counts without the days, and without the organisations and people mentioned too rarely to be listed. */
  counts: Record<string, number>;
  /** Interactions per day (`day:<dateKey>` counts), in date order. */
  days: [number, number][];
  /**
   * Current versions per month they were recorded in (`recorded:<yyyymm>` counts, see tallyContributionOf), in
   * month order: what the tally's TallySpread keeps for a `knownAt` cut to choose its shorter way. Absent in tallies
   * replayed from the timeline.
   */
  recorded?: [number, number][];
}

/**
 * What a summary of `counts` needs of them. A region's counts name every day with interactions and everyone ever
 * involved: thousands of keys. The status projection stores this beside them, so that a reader neither parses nor
 * ranks them all. `summarizeTally` gives the same answer from either.
 */
export function shownCountsOf(counts: Readonly<Record<string, number>>): ShownCounts {
  const shown = Object.create(null) as Record<string, number>;
  const days: [number, number][] = [];
  const recorded: [number, number][] = [];
  const organisations: [string, number][] = [];
  const people: [string, number][] = [];
  // One pass: at a cut of a large region this runs over thousands of keys.
  for (const key in counts) {
    if (key.startsWith('day:')) days.push([Number(key.slice('day:'.length)), counts[key]]);
    else if (key.startsWith('person:')) people.push([key.slice('person:'.length), counts[key]]);
    else if (key.startsWith('organisation:')) organisations.push([key.slice('organisation:'.length), counts[key]]);
    else if (key.startsWith('recorded:')) recorded.push([Number(key.slice('recorded:'.length)), counts[key]]);
    else shown[key] = counts[key];
  }
  for (const [id, mentions] of mostMentioned(organisations)) shown[`organisation:${id}`] = mentions;
  for (const [id, mentions] of mostMentioned(people)) shown[`person:${id}`] = mentions;
  return { counts: shown, days: days.sort((a, b) => a[0] - b[0]), ...(recorded.length > 0 ? { recorded: recorded.sort((a, b) => a[0] - b[0]) } : {}) };
}

/** `fairs:intec-z:Intec 2017` → `fairs`, `intec-z:Intec 2017`: ids hold no colon, editions may. */
function splitKey(key: string): { kind: string; rest: string } {
  const colon = key.indexOf(':');
  return colon < 0 ? { kind: key, rest: '' } : { kind: key.slice(0, colon), rest: key.slice(colon + 1) };
}

/**
 * The first day a date key allows, as a full date key: "2017" (20170000) → 20170101. Momentum's window starts on a
 * month (20170100); a fact counts in it from its first possible day, as in an `asOf` cut: "2017" is in a window
 * from January 2017.
 */
function earliestDayOf(key: number): number {
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;
  return Math.floor(key / 10_000) * 10_000 + Math.max(1, month) * 100 + Math.max(1, day);
}

function stageRank(stage: string): number {
  const rank = STAGE_RANK.indexOf(stage);
  return rank < 0 ? STAGE_RANK.length : rank;
}

function listed(item: StatusItem): ListedEntry {
  // Kind and sort key place the item; they are not shown.
  const { kind: _kind, sortKey: _sortKey, ...shown } = item;
  return shown;
}

function named(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}
