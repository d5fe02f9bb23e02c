import { join } from 'node:path';

/** Where read models live: PostgreSQL in production, SQLite (one file under the data folder) by default. */
export type ReadModelTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export const SQLITE_FILE_NAME = 'read-model.sqlite';

/** `READ_MODEL_URL` (postgres:// or postgresql://) selects PostgreSQL; unset means SQLite under `dataDir`. */
export function readModelTargetFrom(url: string | undefined, dataDir: string): ReadModelTarget {
  if (url === undefined || url.trim() === '') return { kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) };
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`READ_MODEL_URL must start with postgres:// or postgresql://, got '${url}'`);
  return { kind: 'postgres', url };
}
