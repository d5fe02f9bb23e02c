import { CompiledQuery } from 'kysely';
import type { ProjectionDb } from './projection';
import type { HistoryCursor } from '../history/history-reducer';
import type { ReferenceChange, ReferenceData, ReferenceKind } from '../history/reference-data';

/**
 * Each projection keeps the references it learnt, and its reducer's cursor, in a `<projection>_refs` table of its own.
 * The key's name carries `indexSuffix`: in PostgreSQL it names an index, which must not clash with the live table's.
 */
export async function createReferenceTable(db: ProjectionDb, table: string, indexSuffix: string): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('data', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint(`${table}_pk_${indexSuffix}`, ['kind', 'id'])
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

/** Rows per multi-row insert: past a few hundred, longer statements stop paying for themselves (bench:projections). */
const ROWS_PER_INSERT = 500;
/** Bound parameters per statement: under both databases' limits (SQLite 32766, PostgreSQL 65535). */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows that all have the same columns, in multi-row statements. Kysely compiles the statement once, for the
 * first row (so plugins, such as a rebuild's table renames, and the dialect's quoting and placeholders apply), and
 * its values group is repeated for each chunk's rows: building and compiling Kysely's tree of thousands of values per
 * statement cost more CPU than SQLite's own work of storing them. Rows of other columns, or with values that are not
 * plain scalars, go through Kysely as they are.
 */
export async function insertInChunks(trx: ProjectionDb, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const perChunk = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length)));
  const statement = multiRowStatement(trx.insertInto(table).values(rows[0]).compile(), rows[0], columns);
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const parameters = statement ? parametersOf(chunk, columns) : undefined;
    if (statement && parameters) await trx.executeQuery(CompiledQuery.raw(statement.sqlFor(chunk.length), parameters));
    else await trx.insertInto(table).values(chunk).execute();
  }
}

/** The one-row insert Kysely compiled, as a template for any number of rows; undefined when it is not the plain shape expected. */
function multiRowStatement(single: CompiledQuery, row: Record<string, unknown>, columns: readonly string[]): { sqlFor(rows: number): string } | undefined {
  const numbered = single.sql.endsWith(`(${columns.map((_, index) => `$${index + 1}`).join(', ')})`);
  const group = (first: number) => `(${columns.map((_, index) => (numbered ? `$${first + index + 1}` : '?')).join(', ')})`;
  const head = single.sql.slice(0, single.sql.length - group(0).length);
  const plain = head.endsWith(' values ') && single.parameters.length === columns.length && columns.every((column, index) => single.parameters[index] === row[column] && isScalar(row[column]));
  if (!plain) return undefined;
  const texts = new Map<number, string>();
  return {
    sqlFor: (rows) => {
      let text = texts.get(rows);
      if (text === undefined) {
        text = head + Array.from({ length: rows }, (_, index) => group(index * columns.length)).join(', ');
        texts.set(rows, text);
      }
      return text;
    },
  };
}

/** The chunk's values row by row in column order, or undefined when a row has other columns or a value that is not a scalar. */
function parametersOf(chunk: readonly Record<string, unknown>[], columns: readonly string[]): unknown[] | undefined {
  const parameters: unknown[] = [];
  for (const row of chunk) {
    if (Object.keys(row).length !== columns.length) return undefined;
    for (const column of columns) {
      const value = row[column];
      if (!isScalar(value)) return undefined;
      parameters.push(value);
    }
  }
  return parameters;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean';
}
