import type { ProjectionDb } from './projection';
import type { HistoryCursor } from '../history/history-reducer';
import type { ReferenceChange, ReferenceData, ReferenceKind } from '../history/reference-data';

/** Each projection keeps the references it learnt, and its reducer's cursor, in a `<projection>_refs` table of its own. */
export async function createReferenceTable(db: ProjectionDb, table: string): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('data', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['kind', 'id'])
    .execute();
}

const CURSOR_KIND = 'cursor';
const CURSOR_ID = 'history';
const REFERENCE_KINDS: ReadonlySet<string> = new Set<ReferenceKind>(['region', 'organisation', 'person', 'fair', 'cooperation']);

/** Loads every reference into `refs` and returns the stored cursor (or undefined before the first batch). */
export async function loadReferences(db: ProjectionDb, table: string, refs: ReferenceData): Promise<HistoryCursor | undefined> {
  refs.clear();
  let cursor: HistoryCursor | undefined;
  const rows = (await db.selectFrom(table).select(['kind', 'id', 'data']).execute()) as { kind: string; id: string; data: string }[];
  for (const row of rows) {
    if (row.kind === CURSOR_KIND && row.id === CURSOR_ID) cursor = JSON.parse(row.data) as HistoryCursor;
    else if (REFERENCE_KINDS.has(row.kind)) refs.load(row.kind as ReferenceKind, row.id, JSON.parse(row.data) as object);
  }
  return cursor;
}

/** Writes the references changed by a batch, and the cursor after it, in the batch's transaction. */
export async function saveReferences(trx: ProjectionDb, table: string, changes: readonly ReferenceChange[], cursor: HistoryCursor): Promise<void> {
  const rows = [...changes.map((change) => ({ kind: change.kind, id: change.id, data: JSON.stringify(change.data) })), { kind: CURSOR_KIND, id: CURSOR_ID, data: JSON.stringify(cursor) }];
  for (let start = 0; start < rows.length; start += 500) {
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + 500))
      .onConflict((conflict) => conflict.columns(['kind', 'id']).doUpdateSet((update) => ({ data: update.ref('excluded.data') })))
      .execute();
  }
}

/** Inserts rows in chunks that stay under both databases' limits on bound parameters (SQLite 32766, PostgreSQL 65535). */
export async function insertInChunks(trx: ProjectionDb, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]).length));
  for (let start = 0; start < rows.length; start += perChunk) {
    await trx.insertInto(table).values(rows.slice(start, start + perChunk)).execute();
  }
}
