import type { EventStoreDBClient } from '@eventstore/db-client';
import type { EventSchemas } from '@app/event-store';
import { writeCheckpoint, type ReadModelDatabase, type ReadModelSchema } from '@app/read-model';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { LogPosition } from '../events/projected-event';
import { headPosition, readAllChunk } from './all-stream-reader';
import type { EventRevealer } from './event-revealer';
import type { EngineLogger, Projection, ProjectionDb, ProjectionDefinition, ReadModelKind } from './projection';
import { shadowNames, TableRenamePlugin } from './table-rename.plugin';

/** A checkpoint before the first record of `$all`: nothing applied yet. */
export const BEFORE_START: LogPosition = { commit: -1n, prepare: -1n };

export function isBeforeStart(position: LogPosition | undefined): boolean {
  return position === undefined || position.commit < 0n;
}

export interface RebuildProgress {
  phase: 'reading' | 'indexing' | 'swapping' | 'done' | 'failed';
  eventsApplied: number;
  eventsPerSecond: number;
  /** Share of `$all` read, by position (positions grow with the log's size). */
  fraction: number;
  etaSeconds: number | null;
  startedAt: string;
  error?: string;
}

export interface RebuildOptions {
  client: EventStoreDBClient;
  store: ReadModelDatabase;
  definition: ProjectionDefinition;
  schemas: EventSchemas;
  revealer?: EventRevealer;
  batchSize: number;
  generation: number;
  isStopped: () => boolean;
  onProgress: (progress: RebuildProgress) => void;
  /** Runs the final catch-up and the swap with live processing paused. */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Called last in every transaction the rebuild writes (shadow tables made, each chunk, the indexes, the swap):
   * throws, and so rolls the transaction back, when this process no longer holds the projections' leases. Another
   * process may be rebuilding into the same shadow tables by then.
   */
  fence?: (trx: Transaction<ReadModelSchema>) => Promise<void>;
  logger: EngineLogger;
}

/** Several projections rebuilt in one pass over `$all`: each with its own shadow tables and generation. */
export interface RebuildTogetherOptions extends Omit<RebuildOptions, 'definition' | 'generation'> {
  targets: readonly { definition: ProjectionDefinition; generation: number }[];
}

/**
 * Rebuilds a projection from the whole of `$all` into shadow tables (`<table>__rebuild`), by the projection's own
 * code pointed at them, without the query indexes (built in one pass at the end, far faster than row by row). When it
 * has read to the end, live processing pauses, the last events are applied, and one transaction drops the old tables,
 * renames the shadow ones into their place and moves the checkpoint: queries answer from the old rows until then,
 * and from the complete new ones after.
 */
export function rebuildProjection(options: RebuildOptions): Promise<void> {
  const { definition, generation, ...rest } = options;
  return rebuildProjections({ ...rest, targets: [{ definition, generation }] });
}

/**
 * rebuildProjection for several projections at once, as a first start needs: `$all` is read and revealed once, each
 * chunk applied to every projection in one transaction, and all of them swapped in by one transaction at the end.
 * Reading is a large part of a rebuild (the client decodes every event), so this is much faster than one after another.
 */
export async function rebuildProjections(options: RebuildTogetherOptions): Promise<void> {
  const { client, store, targets, schemas, batchSize, onProgress, logger } = options;
  const fence = options.fence ?? (async () => undefined);
  const label = targets.map((target) => target.definition.name).join(', ');
  const builds = targets.map(({ definition, generation }) => {
    const projection = definition.create();
    projection.deferUntilFlush?.();
    const names = shadowNames(projection.tables);
    return { definition, generation, projection, names, plugin: new TableRenamePlugin(names) };
  });
  const startedAt = new Date();
  const started = Date.now();
  let applied = 0;
  let position: LogPosition | undefined;
  let head = await headPosition(client);

  const report = (phase: RebuildProgress['phase'], error?: string) => {
    const seconds = (Date.now() - started) / 1000;
    const fraction = head === undefined || head.commit <= 0n || position === undefined ? (phase === 'done' ? 1 : 0) : Math.min(1, Number(position.commit) / Number(head.commit));
    const rate = seconds > 0 ? applied / seconds : 0;
    const eta = fraction > 0 && fraction < 1 ? (seconds / fraction) * (1 - fraction) : fraction >= 1 ? 0 : null;
    onProgress({ phase, eventsApplied: applied, eventsPerSecond: Math.round(rate), fraction, etaSeconds: eta === null ? null : Math.round(eta * 10) / 10, startedAt: startedAt.toISOString(), ...(error ? { error } : {}) });
  };

  const readToEnd = async () => {
    for (;;) {
      if (options.isStopped()) throw new Error(`rebuild of ${label} stopped`);
      const chunk = await readAllChunk(client, schemas, position, batchSize);
      if (chunk.events.length > 0) {
        const events = options.revealer ? await options.revealer.reveal(chunk.events) : chunk.events;
        await store.db.transaction().execute(async (trx) => {
          for (const build of builds) await build.projection.apply(events, trx.withPlugin(build.plugin) as unknown as ProjectionDb, store.kind);
          await fence(trx);
        });
        applied += chunk.events.length;
      }
      if (chunk.last) position = chunk.last;
      report('reading');
      if (chunk.records < batchSize) return;
    }
  };

  try {
    await store.db.transaction().execute(async (trx) => {
      for (const build of builds) {
        for (const table of build.names.values()) await trx.schema.dropTable(table).ifExists().execute();
        await build.projection.createTables(trx.withPlugin(build.plugin) as unknown as ProjectionDb, `g${build.generation}`, store.kind);
      }
      await fence(trx);
    });
    for (const build of builds) await build.projection.load(store.db.withPlugin(build.plugin) as unknown as ProjectionDb);
    await readToEnd();
    report('indexing');
    await store.db.transaction().execute(async (trx) => {
      for (const build of builds) await build.projection.createQueryIndexes(trx.withPlugin(build.plugin) as unknown as ProjectionDb, `g${build.generation}`, store.kind);
      await fence(trx);
    });
    await options.exclusive(async () => {
      head = await headPosition(client);
      await readToEnd();
      report('swapping');
      await swapIn(store.db, store.kind, builds, position, applied, fence);
    });
    report('done');
    await settleTables(store, builds, logger);
    logger.info('projections rebuilt', { projections: label, events: applied, seconds: (Date.now() - started) / 1000 });
  } catch (error) {
    for (const build of builds) build.projection.reset();
    report('failed', (error as Error).message);
    logger.error('projection rebuild failed', { projections: label, error: (error as Error).message });
    throw error;
  }
}

/**
 * On PostgreSQL, the tables swapped in are vacuumed and analysed at once rather than whenever autovacuum gets to
 * them: bulk-written rows are not yet marked all-visible, so until then the covering indexes the status cuts and
 * timelines read (index-only scans) fetch every row from the table as well, and the planner has no statistics of
 * the new tables. Queries and live processing go on meanwhile (VACUUM takes no lock that stops them); a failure
 * (a role not allowed to) leaves it to autovacuum. SQLite needs neither.
 */
async function settleTables(store: ReadModelDatabase, builds: readonly { names: ReadonlyMap<string, string> }[], logger: EngineLogger): Promise<void> {
  if (store.kind !== 'postgres') return;
  for (const build of builds) {
    for (const table of build.names.keys()) {
      try {
        await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(store.db);
      } catch (error) {
        logger.warn('vacuum after a rebuild failed; autovacuum will get to the table', { table, error: (error as Error).message });
      }
    }
  }
}

/**
 * One transaction: what the projections deferred written (flush), old tables out, shadow tables in under the live
 * names, checkpoints to where the shadows got.
 */
async function swapIn(
  db: Kysely<ReadModelSchema>,
  kind: ReadModelKind,
  builds: readonly { definition: ProjectionDefinition; generation: number; projection: Projection; names: ReadonlyMap<string, string>; plugin: TableRenamePlugin }[],
  position: LogPosition | undefined,
  eventsApplied: number,
  fence: (trx: Transaction<ReadModelSchema>) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { definition, generation, projection, names, plugin } of builds) {
      await projection.flush?.(trx.withPlugin(plugin) as unknown as ProjectionDb, kind);
      for (const [live, shadow] of names) {
        await trx.schema.dropTable(live).ifExists().execute();
        await trx.schema.alterTable(shadow).renameTo(live).execute();
      }
      await writeCheckpoint(trx, definition.name, position ?? BEFORE_START, eventsApplied, { schemaVersion: definition.schemaVersion, generation });
    }
    await fence(trx);
  });
}
