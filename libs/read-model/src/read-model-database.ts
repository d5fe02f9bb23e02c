import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { CachedStatements } from './cached-statements';
import { migrateReadModel } from './read-model-migrations';
import type { ReadModelSchema } from './read-model-schema';
import type { ReadModelTarget } from './read-model-target';

/** An open, migrated read-model store: one query layer (Kysely) over SQLite or PostgreSQL. */
export interface ReadModelDatabase {
  readonly db: Kysely<ReadModelSchema>;
  readonly kind: ReadModelTarget['kind'];
  close(): Promise<void>;
}

export interface OpenReadModelOptions {
  /**
   * Told about an error on an idle PostgreSQL connection (the server restarted, the network dropped, an administrator
   * ended the session). The pool discards that connection and opens another when next needed; the default handler
   * writes a warning to stderr. Without a handler, pg would throw the error and end the process.
   */
  onConnectionError?: (error: Error) => void;
}

export async function openReadModelDatabase(target: ReadModelTarget, options: OpenReadModelOptions = {}): Promise<ReadModelDatabase> {
  const onConnectionError = options.onConnectionError ?? warnOnStderr;
  const db = new Kysely<ReadModelSchema>({ dialect: target.kind === 'sqlite' ? sqliteDialect(target.file) : postgresDialect(target.url, onConnectionError) });
  try {
    await migrateReadModel(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind: target.kind, close: () => db.destroy() };
}

function sqliteDialect(file: string): SqliteDialect {
  mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  // WAL: readers never wait for the projection writing; NORMAL sync: a crash can lose the last transactions but
  // never tear one, and rows and checkpoint go together, so a projection resumes exactly where its rows end.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // Projections touch many pages per batch; a 64 MiB page cache keeps their indexes in memory.
  database.pragma('cache_size = -65536');
  // A reader waits for the projection's write lock instead of failing with SQLITE_BUSY.
  database.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: new CachedStatements(database) });
}

/**
 * Session settings of every read-model connection, unless the URL sets `options` itself (pg lets the URL win).
 * Parallel query is off: pages and statuses are short index reads, and starting two workers for a Gather Merge cost
 * more than it saved (a knownAt page at 1,000,000 events: 10.2 ms with workers, 2.3 ms without; 168 of 1,744 region
 * pages over 8 ms against 23).
 */
const READ_MODEL_SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0';

function postgresDialect(url: string, onConnectionError: (error: Error) => void): PostgresDialect {
  const pool = new Pool({ connectionString: url, max: 10, options: READ_MODEL_SESSION_OPTIONS });
  pool.on('error', onConnectionError);
  return new PostgresDialect({ pool });
}

function warnOnStderr(error: Error): void {
  process.emitWarning(`read-model store: an idle PostgreSQL connection failed and was discarded: ${error.message}`);
}
