import { createHash } from 'node:crypto';
import type { Projection, ProjectionDb } from './projection';

/** What a checksum is taken over: a projection's tables, or tables named directly (shadow copies, say). */
export type ChecksumSubject = Pick<Projection, 'tables'> | readonly string[];

type ValueKind = 'number' | 'boolean' | 'json' | 'plain';

interface ColumnShape {
  name: string;
  kind: ValueKind;
}

/**
 * A SHA-256 over every row of each table, keyed by table name. Equal digests mean equal rows, whichever database
 * holds them: a projection that survived crashes can be compared with one built from scratch, SQLite with
 * PostgreSQL.
 *
 * Values are normalised first: integers as decimal text (PostgreSQL returns `bigint` as strings, SQLite as numbers),
 * booleans as 1/0 (SQLite has none), JSON columns with sorted keys (`jsonb` reorders them), timestamps as ISO text,
 * binary as hex. Rows are then sorted by that normal form, which orders them by every column; the order is not left
 * to SQL `ORDER BY`, as the two databases sort text by different collations and put NULLs at opposite ends.
 * Each table is held in memory while it is digested: this is a verification tool, not a query.
 */
export async function checksumsByTable(db: ProjectionDb, subject: ChecksumSubject): Promise<Record<string, string>> {
  const tables = [...tablesOf(subject)].sort();
  const shapes = await columnShapes(db, tables);
  const digests: Record<string, string> = {};
  for (const table of tables) {
    const columns = shapes.get(table);
    if (columns === undefined) throw new Error(`cannot take a checksum of table ${table}: it does not exist`);
    digests[table] = await tableDigest(db, table, columns);
  }
  return digests;
}

/** One SHA-256 over all the tables of a projection (see checksumsByTable for how rows are normalised). */
export async function readModelChecksum(db: ProjectionDb, subject: ChecksumSubject): Promise<string> {
  const digests = await checksumsByTable(db, subject);
  const hash = createHash('sha256');
  for (const [table, digest] of Object.entries(digests)) hash.update(`${table}\u0000${digest}\n`);
  return hash.digest('hex');
}

function tablesOf(subject: ChecksumSubject): readonly string[] {
  return isTableList(subject) ? subject : subject.tables;
}

function isTableList(subject: ChecksumSubject): subject is readonly string[] {
  return Array.isArray(subject);
}

async function columnShapes(db: ProjectionDb, tables: readonly string[]): Promise<Map<string, ColumnShape[]>> {
  const wanted = new Set(tables);
  const shapes = new Map<string, ColumnShape[]>();
  for (const table of await db.introspection.getTables()) {
    // With several schemas holding a table of that name, the one on PostgreSQL's default search path wins.
    if (!wanted.has(table.name) || (shapes.has(table.name) && table.schema !== 'public')) continue;
    const columns = table.columns.map((column) => ({ name: column.name, kind: kindOf(column.dataType) }));
    shapes.set(table.name, columns.sort((a, b) => compareText(a.name, b.name)));
  }
  return shapes;
}

/** The declared type (SQLite) or type name (PostgreSQL: int8, bool, jsonb, ...) decides how values are normalised. */
function kindOf(dataType: string): ValueKind {
  const type = dataType.toLowerCase();
  if (/^bool/.test(type)) return 'boolean';
  if (/^jsonb?$/.test(type)) return 'json';
  if (/int|real|float|double|numeric|decimal/.test(type) && !/^interval/.test(type)) return 'number';
  return 'plain';
}

async function tableDigest(db: ProjectionDb, table: string, columns: readonly ColumnShape[]): Promise<string> {
  const rows = (await db
    .selectFrom(table)
    .select(columns.map((column) => column.name))
    .execute()) as Record<string, unknown>[];
  const lines = rows.map((row) => JSON.stringify(columns.map((column) => normalised(row[column.name], column.kind))));
  lines.sort(compareText);
  const hash = createHash('sha256');
  hash.update(`${JSON.stringify(columns.map((column) => column.name))}\n`);
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/** A value in a form both databases agree on, tagged so that the text '1' and the number 1 stay apart. */
function normalised(value: unknown, kind: ValueKind): [string, string] | null {
  if (value === null || value === undefined) return null;
  if (kind === 'number' || typeof value === 'number' || typeof value === 'bigint') return numberOrPlain(value);
  if (kind === 'boolean' || typeof value === 'boolean') return ['n', truthy(value) ? '1' : '0'];
  if (kind === 'json') return ['j', canonicalJson(typeof value === 'string' ? (JSON.parse(value) as unknown) : value)];
  if (value instanceof Date) return ['s', value.toISOString()];
  if (value instanceof Uint8Array) return ['b', Buffer.from(value).toString('hex')];
  if (typeof value === 'object') return ['j', canonicalJson(value)];
  return ['s', String(value)];
}

function numberOrPlain(value: unknown): [string, string] {
  if (typeof value === 'bigint') return ['n', value.toString()];
  if (typeof value === 'boolean') return ['n', value ? '1' : '0'];
  if (typeof value === 'number') return ['n', Number.isInteger(value) ? BigInt(value).toString() : String(value)];
  const text = String(value).trim();
  if (/^[-+]?\d+$/.test(text)) return ['n', BigInt(text).toString()];
  const number = Number(text);
  // A numeric column holding text that is no number (SQLite allows it) is kept as that text.
  return Number.isFinite(number) && text !== '' ? numberOrPlain(number) : ['s', String(value)];
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true' || value === 1n;
}

/** JSON with object keys sorted, so `jsonb` (which reorders keys) and text give the same digest. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort(compareText)
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** By UTF-16 code units: the same in every locale, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
