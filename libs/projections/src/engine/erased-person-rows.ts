import { erasePersonalFields } from '@app/personal-data';
import type { ProjectionDb } from './projection';

/**
 * Rewrites every row of `table` whose JSON `column` holds a record of `personId` (a participant, a registration, a
 * correction's before and after) to show the person as erased, for the read models that keep what events said. Found
 * by the person's id in the stored JSON, a scan of the table: erasures are rare. LIKE's `_` matches any character and
 * SQLite's ignores case, so a few rows more may be read; only those that change are written. `rewrite` picks what of
 * the parsed value may hold records (all of it by default).
 */
export async function eraseFromJsonRows(
  trx: ProjectionDb,
  table: string,
  column: string,
  keyColumns: readonly string[],
  personId: string,
  rewrite: (value: Record<string, unknown>, erase: <T>(part: T) => T) => Record<string, unknown> = (value, erase) => erase(value),
): Promise<void> {
  const mention = `%${JSON.stringify({ personId }).slice(1, -1)}%`;
  const rows = (await trx.selectFrom(table).select([...keyColumns, column]).where(column, 'like', mention).execute()) as Record<string, unknown>[];
  const erase = <T>(part: T): T => erasePersonalFields(part, (id) => id === personId);
  for (const row of rows) {
    const stored = String(row[column]);
    const rewritten = JSON.stringify(rewrite(JSON.parse(stored) as Record<string, unknown>, erase));
    if (rewritten === stored) continue;
    let update = trx.updateTable(table).set({ [column]: rewritten });
    for (const key of keyColumns) update = update.where(key, '=', row[key]);
    await update.execute();
  }
}
