import { sql } from 'kysely';
import type { ProjectionDb } from '../engine/projection';
import type { HistoryEntry } from '../history/history-entry';
import { firstSortKeyOn } from '../history/date-key';
import { TIMELINE_ENTRIES, TIMELINE_SCOPES } from './timeline.tables';

/**
 * A cut through history. `asOf` (a date key, yyyymmdd): what had happened by the end of that day, an entry counting
 * from the first day its date allows, and an entry of a cooperation only once the cooperation had opened.
 * `knownAtMs`: what we had recorded by then, in the recording clock of HistoryReducer; each entry in the version we
 * knew at that moment, corrections recorded later left out.
 */
export interface HistoryCut {
  asOf?: number;
  knownAtMs?: number;
}

/**
 * Visible versions only: the current ones, or those known at the cut; at an `asOf` cut, only those of cooperations
 * opened by then. `e` is the timeline_entries alias.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a where-clause over an aliased join, shared by queries
export function whereVisible<Q extends { where: (...args: any[]) => Q }>(query: Q, cut: HistoryCut): Q {
  const knownAt = cut.knownAtMs;
  const known =
    knownAt === undefined
      ? query.where('e.known_to', 'is', null)
      : query
          // `s` is the timeline_scopes alias of every caller: its copy of known_from is checked in the index first.
          .where('s.known_from', '<=', knownAt)
          .where('e.known_from', '<=', knownAt)
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's expression builder, typed loosely here
          .where((eb: any) => eb.or([eb('e.known_to', 'is', null), eb('e.known_to', '>', knownAt)]));
  return cut.asOf === undefined ? known : whereOpenedBy(known, cut.asOf);
}

/**
 * An entry of a cooperation belongs to an `asOf` cut only when the cooperation's opening does. The domain refuses
 * facts and stage changes dated before the opening, but accepts those whose date overlaps it at a coarser precision
 * ("2017" in a cooperation opened on 2017-03-14): they happened on or after the opening day, so a cut before that
 * day must leave them out although their date's first day lies within it. Openings are never corrected: their one
 * version, found by primary key, tells.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as whereVisible
function whereOpenedBy<Q extends { where: (...args: any[]) => Q }>(query: Q, asOf: number): Q {
  const limit = sortKeyLimitOf(asOf);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's expression builder, typed loosely here
  return query.where((eb: any) =>
    eb.or([
      eb('e.cooperation_id', 'is', null),
      eb.exists(
        eb
          .selectFrom(`${TIMELINE_ENTRIES} as o`)
          .select('o.entry_key')
          .where('o.entry_key', '=', sql<string>`'cooperation/' || ${sql.ref('e.cooperation_id')} || '/opened'`)
          .where('o.version', '=', 0)
          .where('o.sort_key', '<', limit),
      ),
    ]),
  );
}

/** The upper bound (exclusive) of sort keys an `asOf` day admits. */
export function sortKeyLimitOf(asOf: number): number {
  return firstSortKeyOn(asOf + 1);
}

/**
 * Every entry of one timeline (`scope`) visible at the cut, in timeline order: the rows status and graph fold when
 * asked about a cut, and what the property tests compare with a fresh projection of the events inside the cut.
 */
export async function visibleEntries(db: ProjectionDb, scope: string, cut: HistoryCut = {}): Promise<HistoryEntry[]> {
  let query = db
    .selectFrom(`${TIMELINE_SCOPES} as s`)
    .innerJoin(`${TIMELINE_ENTRIES} as e`, (join) => join.onRef('e.entry_key', '=', 's.entry_key').onRef('e.version', '=', 's.version'))
    .select(['e.entry as entry'])
    .where('s.scope', '=', scope);
  if (cut.asOf !== undefined) query = query.where('s.sort_key', '<', sortKeyLimitOf(cut.asOf));
  query = whereVisible(query, cut);
  const rows = (await query.orderBy('s.sort_key').execute()) as { entry: string }[];
  return rows.map((row) => JSON.parse(row.entry) as HistoryEntry);
}

