import { sql } from 'kysely';
import type { ProjectionDb } from '../engine/projection';
import { CodeSums, decodeCounts, type KnownKeys } from './status-key-codes';
import { STATUS_COOPERATIONS, STATUS_ENTRIES, STATUS_TALLIES, type StageChangeMark, type StatusCooperationRow, type StatusEntryRow, type StatusTallyRow } from './status.tables';

/** Cooperations per read of their rows: well under both databases' limits on bound parameters. */
const COOPERATIONS_PER_READ = 500;

/**
 * A bound on the cooperations' current entries a sum takes: dated before (or from) a sort key, for the day of a cut,
 * or known by (or only after) a moment, for its moment. Each is a range of an index that holds the count keys
 * (status_entries `_by_date`: cooperation, sort key, known_from; `_by_known`: cooperation, known_from, sort key).
 */
export type EntryCondition = { column: 'sort_key'; op: '<' | '>='; value: number } | { column: 'known_from'; op: '<=' | '>'; value: number };

/**
 * What the cooperations' current entries within `range` (and `filters`) add up to: the count keys kept with each entry
 * (status_entries.counts, as codes), read from an index alone, one statement per 500 cooperations, summed by code and
 * named once at the end. No entry is parsed. `range` picks the index (the range of the side that holds fewer
 * entries); the filters are checked inside it, written `+column` so that the planner does not pick another index by
 * them (SQLite, without statistics, would guess; PostgreSQL reads `+x` as x). `keys`: the dictionary, read alongside.
 */
export async function entryCountsIn(db: ProjectionDb, keys: Promise<KnownKeys>, cooperationIds: readonly string[], range: EntryCondition, ...filters: EntryCondition[]): Promise<Record<string, number>> {
  const reads = chunked(cooperationIds).map((ids) => {
    let query = db.selectFrom(STATUS_ENTRIES).select('counts').where('cooperation_id', 'in', ids).where(range.column, range.op, range.value);
    for (const filter of filters) query = query.where(sql<number>`+${sql.ref(filter.column)}`, filter.op, filter.value);
    return query.execute() as Promise<Pick<StatusEntryRow, 'counts'>[]>;
  });
  const sums = new CodeSums();
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) sums.addList(row.counts);
  }
  return decodeCounts(db, sums, keys);
}

/** The stored counts of tally scopes (status_tallies), one read by key per 500. */
export async function tallyCountsOf(db: ProjectionDb, scopes: readonly string[]): Promise<Record<string, number>[]> {
  const reads = chunked(scopes).map((ids) => db.selectFrom(STATUS_TALLIES).select('counts').where('region_id', 'in', ids).execute() as Promise<Pick<StatusTallyRow, 'counts'>[]>);
  return (await Promise.all(reads)).flat().map((row) => JSON.parse(row.counts) as Record<string, number>);
}

/** What a cut needs of a cooperation's row: its kept stage changes, and when its opening was recorded. */
export interface CooperationMarks {
  stageChanges: StageChangeMark[];
  openedKnownFrom: number;
}

/** CooperationMarks of the cooperations, by cooperation: one read by key per 500. */
export async function cooperationMarksOf(db: ProjectionDb, cooperationIds: readonly string[]): Promise<Map<string, CooperationMarks>> {
  const reads = chunked(cooperationIds).map(
    (ids) =>
      db.selectFrom(STATUS_COOPERATIONS).select(['cooperation_id', 'stage_changes', 'opened_known_from']).where('cooperation_id', 'in', ids).execute() as Promise<
        Pick<StatusCooperationRow, 'cooperation_id' | 'stage_changes' | 'opened_known_from'>[]
      >,
  );
  const marks = new Map<string, CooperationMarks>();
  for (const rows of await Promise.all(reads)) {
    for (const row of rows) marks.set(row.cooperation_id, { stageChanges: JSON.parse(row.stage_changes) as StageChangeMark[], openedKnownFrom: Number(row.opened_known_from) });
  }
  return marks;
}

export function chunked<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += COOPERATIONS_PER_READ) chunks.push(items.slice(start, start + COOPERATIONS_PER_READ));
  return chunks;
}
