import { dateKeyOfSortKey, dateKeyOfText, sortKeyOf } from '../history/date-key';
import type { HistoryEntry } from '../history/history-entry';
import { contributionOf, statusDataOf, type CooperationSides, type StatusItem, type StatusItemKind } from './status-tally';

/** The status projection's tables, by their live names. */
export const STATUS_REFS = 'status_refs';
/**
 * One row per cooperation's opening and per recorded fact, by cooperation: what the status needs of its current
 * version (entryRowOf), to take it out again on a correction or retraction, and to sum up a status `asOf` a day (the
 * entries of its cooperations before the day's sort key: an index range per cooperation).
 */
export const STATUS_ENTRIES = 'status_entries';
/** One row per cooperation: its two sides and where it stands (stage, since, and the sort key of that stage change). */
export const STATUS_COOPERATIONS = 'status_cooperations';
/**
 * One row per region some cooperation's partner lies in: the cooperations its status covers, with their stages, as
 * one JSON list (rewritten when one opens or moves stage), so that a status reads them as one value.
 */
export const STATUS_REGIONS = 'status_regions';
/**
 * One row per tally scope — a region, or one cooperation on its own (`cooperationScope`) — with the counts of its
 * tally (JSON), kept by the projection, and what a summary reads of them (shownCountsOf).
 */
export const STATUS_TALLIES = 'status_tallies';
/** One row per (tally scope, listed entry): contacts, cross-memberships and opportunities, in timeline order. */
export const STATUS_ITEMS = 'status_items';
/**
 * One row per version of a fact that a correction or retraction replaced: what it added to a tally (count keys and
 * listed items) and when it was what we knew (`known_from` until `known_to`). With the current versions' `known_from`
 * (status_entries, status_items), what a status `knownAt` a moment sums up. Few: ~1 % of facts are ever corrected.
 */
export const STATUS_SUPERSEDED = 'status_superseded';
/** The count keys' codes (StatusKeyCodes): what the entry rows' `counts` lists hold. */
export const STATUS_KEYS = 'status_keys';

/**
 * The tally scope of one cooperation's own entries, kept in the `region_id` column beside the regions' tallies so
 * that a cooperation's status is a few key reads too. Never a region id: ids hold no colon.
 */
export function cooperationScope(cooperationId: string): string {
  return `cooperation:${cooperationId}`;
}

export const STATUS_TABLES = [STATUS_REFS, STATUS_ENTRIES, STATUS_COOPERATIONS, STATUS_REGIONS, STATUS_TALLIES, STATUS_ITEMS, STATUS_SUPERSEDED, STATUS_KEYS] as const;

export interface StatusEntryRow {
  cooperation_id: string;
  entry_key: string;
  /** The current version's place in timeline order (it moves when a correction changes the date). */
  sort_key: number;
  /** Recording clock (ms) from which the current version is what we knew: a status `knownAt` sums those known by then. */
  known_from: number;
  /**
   * The keys the version adds one to in a tally (contributionOf's counts; each is 1), as a JSON list of their codes
   * (status_keys): what a status `asOf` a day or `knownAt` a moment sums, read from an index by (cooperation, sort key
   * or known_from) alone, without parsing the entry. Not its `recorded:` key (tallyContributionOf): only a tally's own
   * total of those is read, and a sum reads ~15 % fewer keys without them.
   */
  counts: string;
  entry: string;
}

export interface StatusCooperationRow {
  cooperation_id: string;
  our_organisation_id: string;
  partner_kind: string;
  partner_id: string;
  opened_on: string;
  /** When its opening was recorded (recording clock, ms): a status `knownAt` an earlier moment leaves it out. */
  opened_known_from: number;
  stage: string;
  stage_since: string;
  stage_sort_key: number | null;
  /** StageChangeMark[]: every stage change of the cooperation, in the order recorded. */
  stage_changes: string;
}

/**
 * A stage change as the status keeps it, to tell a cooperation's stage at a cut: sort key, stage moved to, date, and
 * when it was recorded (stage changes are never corrected or retracted: one version each).
 */
export type StageChangeMark = [sortKey: number, stage: string, occurredOn: string, knownFromMs: number];

export interface StatusRegionRow {
  region_id: string;
  /** CooperationStageView[] */
  cooperations: string;
}

export interface StatusTallyRow {
  region_id: string;
  counts: string;
  shown: string;
  /** TallySpread: how the counted versions spread over dates and recording months, for a cut to choose its way. */
  spread: string;
}

export interface StatusItemRow {
  region_id: string;
  kind: string;
  sort_key: number;
  cooperation_id: string;
  /** The listing version's known_from: a status `knownAt` an earlier moment does not list it. */
  known_from: number;
  item: string;
}

export interface StatusKeyRow {
  code: number;
  key: string;
  /** A hash of the dictionary up to this code (StatusKeyCodes): tells readers that the codes they kept still hold. */
  chain: string;
}

export interface StatusSupersededRow {
  cooperation_id: string;
  entry_key: string;
  version: number;
  /** The version's place in timeline order. */
  sort_key: number;
  known_from: number;
  known_to: number;
  /** The version's count keys' codes (as status_entries.counts). */
  counts: string;
  /** StatusItem[]: the entries it listed (at most one). */
  items: string;
}

/**
 * A status_entries row: what the status needs of an entry version (its kept data, statusDataOf), without what the
 * row's columns or the entry's own fields give again (key, cooperation, date and sort key). A rebuild writes one per
 * fact, so they are kept small; provenance and timelines are the timeline's. `sides` null: the entry's cooperation is
 * not known, so the entry counts nowhere.
 */
export function entryRowOf(entry: HistoryEntry, sides: CooperationSides | null, codes: KeyCoder): StatusEntryRow {
  const stored = { sequence: entry.sequence, version: entry.version, type: entry.type, occurredOn: entry.occurredOn, state: entry.state, eventId: entry.eventId, data: statusDataOf(entry.data) };
  return { cooperation_id: entry.cooperationId!, entry_key: entry.key, sort_key: entry.sortKey, known_from: entry.knownFromMs, counts: codedCountsOf(entry, sides, codes), entry: JSON.stringify(stored) };
}

/** A status_superseded row: what `previous` added while it was what we knew, until `knownTo`. */
export function supersededRowOf(previous: HistoryEntry, knownTo: number, sides: CooperationSides | null, codes: KeyCoder): StatusSupersededRow {
  const items = sides === null ? [] : Object.values(contributionOf(previous, sides).items);
  return {
    cooperation_id: previous.cooperationId!,
    entry_key: previous.key,
    version: previous.version,
    sort_key: previous.sortKey,
    known_from: previous.knownFromMs,
    known_to: knownTo,
    counts: codedCountsOf(previous, sides, codes),
    items: JSON.stringify(items),
  };
}

/** Gives count keys their codes (StatusKeyCodes.codeOf). */
export type KeyCoder = { codeOf(key: string): number };

/** The `counts` column of a version's row: the codes of its count keys, as a JSON list. */
function codedCountsOf(entry: HistoryEntry, sides: CooperationSides | null, codes: KeyCoder): string {
  return JSON.stringify(countKeysOf(entry, sides).map((key) => codes.codeOf(key)));
}

/** The keys one entry version adds to in a tally: contributionOf counts each once at most (people and organisations are sets). */
export function countKeysOf(entry: HistoryEntry, sides: CooperationSides | null): string[] {
  if (sides === null) return [];
  const { counts } = contributionOf(entry, sides);
  for (const key in counts) if (counts[key] !== 1) throw new Error(`status entry ${entry.key} counts ${key} ${counts[key]} times`);
  return Object.keys(counts);
}

export function entryOfRow(row: Pick<StatusEntryRow, 'cooperation_id' | 'entry_key' | 'entry'> & { sort_key?: number; known_from?: number }): HistoryEntry {
  const stored = JSON.parse(row.entry) as Pick<HistoryEntry, 'sequence' | 'version' | 'type' | 'occurredOn' | 'state' | 'eventId' | 'data'>;
  // The sort key, when read, holds the date key: parsing the date again is the dearest part of reading a row.
  const dateKey = row.sort_key === undefined ? dateKeyOfText(stored.occurredOn) : dateKeyOfSortKey(Number(row.sort_key));
  // Field by field: spreading a parsed object is many times slower in V8, and a cooperation's status reads hundreds.
  return {
    key: row.entry_key,
    sequence: stored.sequence,
    version: stored.version,
    type: stored.type,
    cooperationId: row.cooperation_id,
    occurredOn: stored.occurredOn,
    dateKey,
    sortKey: sortKeyOf(dateKey, stored.sequence),
    data: stored.data,
    state: stored.state,
    recorded: { eventId: stored.eventId, position: '', recordedAt: '' },
    corrections: [],
    // What the version's `recorded:` count key is made of, so that a correction takes out the key it added.
    knownFromMs: row.known_from === undefined ? 0 : Number(row.known_from),
    eventId: stored.eventId,
    scopes: [],
    levels: 0,
  };
}

/** A status_items row: the item's own fields as JSON, its place (kind, sort key, cooperation) in columns. */
export function itemRowOf(regionId: string, item: StatusItem, knownFromMs: number): StatusItemRow {
  const { kind, sortKey, cooperationId, ...fields } = item;
  return { region_id: regionId, kind, sort_key: sortKey, cooperation_id: String(cooperationId), known_from: knownFromMs, item: JSON.stringify(fields) };
}

export function itemOfRow(row: Pick<StatusItemRow, 'kind' | 'sort_key' | 'cooperation_id' | 'item'>): StatusItem {
  const { entryKey, entryId, occurredOn, ...fields } = JSON.parse(row.item) as { entryKey: string; entryId?: string; occurredOn: string; [field: string]: unknown };
  // In the order contributionOf gives, so that both ways of reading a status print alike.
  return { kind: row.kind as StatusItemKind, entryKey, ...(entryId === undefined ? {} : { entryId }), cooperationId: row.cooperation_id, occurredOn, sortKey: Number(row.sort_key), ...fields };
}
