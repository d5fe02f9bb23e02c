import type { ProjectionDb } from './projection';
import type { ReferenceKind } from '../history/reference-data';

/** Rows of ids per statement: well under both databases' parameter limits, however many ids are asked for. */
const IDS_PER_READ = 500;

/**
 * The display names of the wanted references, by `kind:id`, read from a projection's references table
 * (`<projection>_refs`) by its (kind, id) primary key. Unknown ones are absent from the map.
 */
export async function referenceNamesIn(db: ProjectionDb, table: string, wanted: Iterable<{ kind: ReferenceKind; id: string }>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const byKind = new Map<ReferenceKind, Set<string>>();
  for (const { kind, id } of wanted) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(id));
  // One statement for up to IDS_PER_READ ids of any kinds: an OR of (kind = k AND id IN (...)) is a union of ranges of
  // the primary key on both databases (PostgreSQL: a BitmapOr), one round trip where a read per kind took four.
  let statement: [ReferenceKind, string[]][] = [];
  let size = 0;
  const statements: [ReferenceKind, string[]][][] = [];
  for (const [kind, ids] of byKind) {
    for (const id of ids) {
      if (size === IDS_PER_READ) {
        statements.push(statement);
        statement = [];
        size = 0;
      }
      const last = statement[statement.length - 1];
      if (last?.[0] === kind) last[1].push(id);
      else statement.push([kind, [id]]);
      size += 1;
    }
  }
  if (size > 0) statements.push(statement);
  for (const groups of statements) {
    const rows = (await db
      .selectFrom(table)
      .select(['kind', 'id', 'data'])
      .where((eb) => eb.or(groups.map(([kind, ids]) => eb.and([eb('kind', '=', kind), eb('id', 'in', ids)]))))
      .execute()) as { kind: ReferenceKind; id: string; data: string }[];
    for (const row of rows) names.set(`${row.kind}:${row.id}`, (JSON.parse(row.data) as { name: string }).name);
  }
  return names;
}
