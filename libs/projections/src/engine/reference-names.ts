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
  const unique = [...new Map([...wanted].map((reference) => [`${reference.kind}:${reference.id}`, reference])).values()];
  // One statement for up to IDS_PER_READ ids of any kinds: an OR of (kind = k AND id IN (...)) is a union of ranges of
  // the primary key on both databases (PostgreSQL: a BitmapOr), one round trip where a read per kind took four.
  for (let start = 0; start < unique.length; start += IDS_PER_READ) {
    const byKind = new Map<ReferenceKind, string[]>();
    for (const { kind, id } of unique.slice(start, start + IDS_PER_READ)) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
    const rows = (await db
      .selectFrom(table)
      .select(['kind', 'id', 'data'])
      .where((eb) => eb.or([...byKind].map(([kind, ids]) => eb.and([eb('kind', '=', kind), eb('id', 'in', ids)]))))
      .execute()) as { kind: ReferenceKind; id: string; data: string }[];
    for (const row of rows) names.set(`${row.kind}:${row.id}`, (JSON.parse(row.data) as { name: string }).name);
  }
  return names;
}
