/**
 * Whether `error` is the store saying a table does not exist: a projection's tables appear with its first build
 * (built aside and swapped in), so a query that arrives before that meets this on either dialect — PostgreSQL's
 * `undefined_table` (42P01), SQLite's "no such table".
 */
export function isMissingTableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === '42P01') return true;
  return typeof message === 'string' && (code === 'SQLITE_ERROR' || code === undefined) && message.startsWith('no such table:');
}
