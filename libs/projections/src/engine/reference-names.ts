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
  const reads: Promise<void>[] = [];
  for (const [kind, ids] of byKind) {
    const list = [...ids];
    for (let start = 0; start < list.length; start += IDS_PER_READ) {
      // Sent together: on PostgreSQL each read is a round trip on a connection of its own.
      reads.push(
        db
          .selectFrom(table)
          .select(['id', 'data'])
          .where('kind', '=', kind)
          .where('id', 'in', list.slice(start, start + IDS_PER_READ))
          .execute()
          .then((rows) => {
            for (const row of rows as { id: string; data: string }[]) names.set(`${kind}:${row.id}`, (JSON.parse(row.data) as { name: string }).name);
          }),
      );
    }
  }
  await Promise.all(reads);
  return names;
}
