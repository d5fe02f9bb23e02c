import { KONTAKT_PROJECTIONS, checksumsByTable, readModelChecksum, type ProjectionDb } from '@app/projections';
import type { ReadModelDatabase } from '@app/read-model';

/** Per projection: one checksum, and one per table (which table differs, when one does). */
export type ReadModelChecksums = Record<string, { checksum: string; tables: Record<string, string> }>;

export async function checksums(store: ReadModelDatabase): Promise<ReadModelChecksums> {
  const db = store.db as unknown as ProjectionDb;
  const result: ReadModelChecksums = {};
  for (const definition of KONTAKT_PROJECTIONS) {
    const projection = definition.create();
    result[definition.name] = { checksum: await readModelChecksum(db, projection), tables: await checksumsByTable(db, projection) };
  }
  return result;
}

/**
 * Expects `survivor` (the read models some ordeal left) to hold exactly the rows of `fresh` (a build from scratch),
 * checksum for checksum; where a table differs, the failure shows a few rows only one of them has.
 */
export async function expectSameReadModels(survivor: ReadModelDatabase, fresh: ReadModelDatabase): Promise<void> {
  const [mine, theirs] = [await checksums(survivor), await checksums(fresh)];
  for (const { name } of KONTAKT_PROJECTIONS) {
    const differing = Object.keys(mine[name].tables).filter((table) => mine[name].tables[table] !== theirs[name].tables[table]);
    const rows = await Promise.all(differing.map((table) => rowDifferences(survivor, fresh, table)));
    expect({ projection: name, ...mine[name], rows: rows.map(({ table, onlySurvivor }) => ({ table, rows: onlySurvivor })) }).toEqual({
      projection: name,
      ...theirs[name],
      rows: rows.map(({ table, onlyFresh }) => ({ table, rows: onlyFresh })),
    });
  }
}

/** When checksums differ: a few rows only the survivor has, and a few only the fresh build has, to show what went wrong. */
export async function rowDifferences(survivor: ReadModelDatabase, fresh: ReadModelDatabase, table: string, shown = 5): Promise<{ table: string; onlySurvivor: string[]; onlyFresh: string[] }> {
  const rowsOf = async (store: ReadModelDatabase) => {
    const rows = (await (store.db as unknown as ProjectionDb).selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    return rows.map((row) => Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => `${key}=${value === null ? 'NULL' : String(value)}`).join(' '));
  };
  const [mine, theirs] = [await rowsOf(survivor), await rowsOf(fresh)];
  const minus = (a: string[], b: string[]) => {
    const counts = new Map<string, number>();
    for (const row of b) counts.set(row, (counts.get(row) ?? 0) + 1);
    return a.filter((row) => {
      const left = counts.get(row) ?? 0;
      counts.set(row, left - 1);
      return left <= 0;
    });
  };
  return { table, onlySurvivor: minus(mine, theirs).slice(0, shown), onlyFresh: minus(theirs, mine).slice(0, shown) };
}
