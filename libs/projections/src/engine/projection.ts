import type { Kysely } from 'kysely';
import type { ProjectedEvent } from '../events/projected-event';

/** Kysely over the projection's own tables; untyped because the same code writes live and shadow copies. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- projection tables are addressed by name (live or shadow), see TableRenamePlugin
export type ProjectionDb = Kysely<any>;

export type ReadModelKind = 'sqlite' | 'postgres';

/**
 * One projection: reads events, writes its read-model tables, nothing else. The engine owns the subscription, the
 * transaction and the checkpoint; a projection only says how its tables look and what each batch of events does to
 * them. A projection instance may keep state in memory between batches (references, counters), but must be able to
 * rebuild it from its tables (`load`) and to forget it (`reset`) when a transaction fails.
 */
export interface Projection {
  readonly name: string;
  /** Raise when the tables or the meaning of rows change: a stored projection of another version is rebuilt. */
  readonly schemaVersion: number;
  /** The tables it owns, by their live names. While rebuilding, the same code writes `<name>__rebuild` copies. */
  readonly tables: readonly string[];
  /**
   * Creates the tables with what applying events needs (primary keys, lookup indexes). `indexSuffix` makes index
   * names unique across rebuilds, as index names are global in both databases.
   */
  createTables(db: ProjectionDb, indexSuffix: string, kind: ReadModelKind): Promise<void>;
  /** Creates the indexes that only queries need. A rebuild creates them once after filling the tables: far faster. */
  createQueryIndexes(db: ProjectionDb, indexSuffix: string, kind: ReadModelKind): Promise<void>;
  /** Loads the in-memory state from the tables (called before the first batch, and after `reset`). */
  load(db: ProjectionDb): Promise<void>;
  /** Applies events (in `$all` order, none applied before) inside the engine's transaction `trx`. */
  apply(events: readonly ProjectedEvent[], trx: ProjectionDb, kind: ReadModelKind): Promise<void>;
  /** Forgets in-memory state: the transaction it was building was rolled back. */
  reset(): void;
  /**
   * Optional, for rebuilds: this instance fills shadow tables that nothing reads until the swap, and a failed batch
   * fails the whole rebuild, so rows that it keeps whole in memory anyway (the status tallies) need only be written
   * once, by `flush`, instead of after every batch.
   */
  deferUntilFlush?(): void;
  /** Writes what deferUntilFlush left in memory: called once, in the swap's transaction, after the last batch. */
  flush?(db: ProjectionDb, kind: ReadModelKind): Promise<void>;
}

/** How to make a projection instance: a live one and, while rebuilding, a second one for the shadow tables. */
export interface ProjectionDefinition {
  readonly name: string;
  readonly schemaVersion: number;
  create(): Projection;
}

export interface EngineLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
